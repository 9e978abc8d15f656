package dev.loopharness.vertx;

import dev.loopharness.engine.kit.LoopProvider;
import dev.loopharness.engine.kit.contract.LoopContract;

/** The kit's loop contract, on Vert.x loops. */
class VertxLoopContractTests extends LoopContract {
  @Override
  protected LoopProvider provider() {
    return new VertxLoopProvider();
  }
}
