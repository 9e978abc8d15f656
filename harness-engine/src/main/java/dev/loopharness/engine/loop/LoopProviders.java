package dev.loopharness.engine.loop;

import dev.loopharness.engine.kit.LoopGroup;
import dev.loopharness.engine.kit.LoopProvider;
import dev.loopharness.engine.kit.LoopSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds the {@link LoopProvider} named by {@code harness.loop.provider} on the classpath. */
public final class LoopProviders {
  private LoopProviders() {}

  /**
   * Opens the provider {@code id}'s loop group for one run.
   *
   * @throws IllegalStateException naming the provider, those found, and the artifact to add
   */
  public static LoopGroup open(String id, LoopSettings settings) {
    List<String> found = new ArrayList<>();
    for (LoopProvider provider : ServiceLoader.load(LoopProvider.class, LoopProviders.class.getClassLoader())) {
      if (provider.id().equals(id)) {
        return provider.open(settings);
      }
      found.add(provider.id());
    }
    throw new IllegalStateException("harness.loop.provider = " + id + ", but no loop provider with"
        + " that id is on the test classpath (found: " + String.join(", ", found) + "). Fix: add the"
        + " artifact dev.loopharness:harness-" + id + " to the test dependencies, or set"
        + " harness.loop.provider = default.");
  }
}
