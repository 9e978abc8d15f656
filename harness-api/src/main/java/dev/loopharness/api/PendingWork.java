package dev.loopharness.api;

import java.util.Objects;

/**
 * One tracked item live on a {@link Loop} at the moment of a {@link Loop#pendingWork()} snapshot:
 * a pending task, an armed timer or an open resource. Immutable; it does not follow the item.
 *
 * @param kind {@link LeakKind#TASK}, {@link LeakKind#TIMER} or {@link LeakKind#RESOURCE}
 * @param owner the test or fixture that created it, e.g. {@code EchoTest > echoes()}
 * @param description what it is, as leak reports show it, e.g. {@code 'heartbeat' spawned at
 *     EchoClient.startHeartbeat(EchoClient.java:42), still pending}
 * @param creationSite where it was created ({@code Class.method(File.java:42)}), or empty when
 *     {@code harness.leaks.creation-sites} is off; never null
 */
public record PendingWork(LeakKind kind, String owner, String description, String creationSite) {
  public PendingWork {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(description, "description");
    creationSite = creationSite == null ? "" : creationSite;
  }
}
