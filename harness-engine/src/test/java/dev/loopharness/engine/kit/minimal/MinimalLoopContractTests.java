package dev.loopharness.engine.kit.minimal;

import dev.loopharness.engine.kit.LoopProvider;
import dev.loopharness.engine.kit.contract.LoopContract;

/** The loop contract, on a provider written only against the kit. */
class MinimalLoopContractTests extends LoopContract {
  @Override
  protected LoopProvider provider() {
    return new MinimalLoopProvider();
  }

  // A minimal provider leaves running inline out: its loops always run on a carrier.
  @Override
  protected boolean runsFunctionLoopsInline() {
    return false;
  }
}
