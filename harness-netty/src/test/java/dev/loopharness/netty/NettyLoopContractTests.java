package dev.loopharness.netty;

import dev.loopharness.kit.LoopProvider;
import dev.loopharness.kit.contract.LoopContract;

/** The loop contract, on Netty event loops. */
class NettyLoopContractTests extends LoopContract {
  @Override
  protected LoopProvider provider() {
    return new NettyLoopProvider();
  }
}
