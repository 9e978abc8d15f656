package dev.loopharness.kit.minimal;

import dev.loopharness.kit.LoopProvider;
import dev.loopharness.kit.contract.LoopContract;

/** The loop contract, on a provider written only against the kit. */
class MinimalLoopContractTests extends LoopContract {
  @Override
  protected LoopProvider provider() {
    return new MinimalLoopProvider();
  }
}
