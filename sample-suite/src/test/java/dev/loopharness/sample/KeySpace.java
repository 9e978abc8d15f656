package dev.loopharness.sample;

import dev.loopharness.sample.kv.KvClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One test class's corner of the shared server: keys under a prefix of its own, written through
 * one connection on the class's loop, and deleted when the class ends. Used on that loop only.
 */
public final class KeySpace {
  private static final AtomicInteger SPACES = new AtomicInteger();

  private final KvClient client;
  private final String prefix = "space" + SPACES.incrementAndGet() + ":";
  private final List<String> written = new ArrayList<>();

  KeySpace(KvClient client) {
    this.client = client;
  }

  /** Stores {@code value} under {@code key} in this space. */
  public CompletionStage<Void> put(String key, String value) {
    written.add(key);
    return client.put(prefix + key, value);
  }

  /** The value under {@code key} in this space, or empty. */
  public CompletionStage<Optional<String>> get(String key) {
    return client.get(prefix + key);
  }

  /** Deletes every key this space wrote, then closes its connection. */
  CompletionStage<Void> dropAndClose() {
    CompletableFuture<?>[] deletes = written.stream()
        .map(key -> client.delete(prefix + key).toCompletableFuture())
        .toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(deletes).thenCompose(deleted -> client.close());
  }
}
