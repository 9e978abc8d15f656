package dev.loopharness.engine.loop;

import dev.loopharness.kit.LoopGroup;
import dev.loopharness.kit.LoopProvider;
import dev.loopharness.kit.LoopSettings;

/** The built-in provider: plain single-threaded loops on a pool of reusable carrier threads. */
public final class DefaultLoopProvider implements LoopProvider {

  @Override
  public String id() {
    return "default";
  }

  @Override
  public LoopGroup open(LoopSettings settings) {
    return new DefaultLoopGroup(settings);
  }
}
