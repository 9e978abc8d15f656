package dev.loopharness.sample.seed;

import dev.loopharness.sample.kv.KvClient;
import java.util.concurrent.CompletionStage;

/** Counts a visit in the key-value store: reads {@code visits} as a number and writes it back plus one. */
final class VisitCounter {
  private VisitCounter() {}

  static CompletionStage<Void> count(KvClient client) {
    return client.get("visits")
        .thenCompose(visits -> client.put("visits", String.valueOf(Integer.parseInt(visits.orElse("0")) + 1)));
  }
}
