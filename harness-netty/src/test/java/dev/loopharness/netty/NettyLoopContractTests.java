package dev.loopharness.netty;

import dev.loopharness.engine.kit.LoopProvider;
import dev.loopharness.engine.kit.contract.LoopContract;

/** The loop contract, on Netty event loops. */
class NettyLoopContractTests extends LoopContract {
  @Override
  protected LoopProvider provider() {
    return new NettyLoopProvider();
  }
}
