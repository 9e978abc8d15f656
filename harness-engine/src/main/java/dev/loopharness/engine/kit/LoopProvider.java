package dev.loopharness.engine.kit;

/**
 * Supplies the loops of a run; found with {@link java.util.ServiceLoader} and chosen by {@code
 * harness.loop.provider}.
 */
public interface LoopProvider {

  /** The name used in {@code harness.loop.provider}, e.g. {@code default}. */
  String id();

  /** Opens the loop group of one run; the engine closes it at the end of the run. */
  LoopGroup open(LoopSettings settings);
}
