package dev.loopharness.engine.loop;

import dev.loopharness.engine.kit.LoopGroup;
import dev.loopharness.engine.kit.LoopProvider;
import dev.loopharness.engine.kit.LoopSettings;

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
