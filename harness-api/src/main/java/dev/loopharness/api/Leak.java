package dev.loopharness.api;

import java.util.Objects;

/**
 * One thing an owner left behind.
 *
 * @param kind what was left
 * @param owner the test or fixture that created it, e.g. {@code EchoTest > echoes()}
 * @param description what it is and what the harness did about it
 * @param creationSite where it was created ({@code Class.method(File.java:42)}), or empty when
 *     {@code harness.leaks.creation-sites} is off; never null
 */
public record Leak(LeakKind kind, String owner, String description, String creationSite) {
  public Leak {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(description, "description");
    creationSite = creationSite == null ? "" : creationSite;
  }
}
