package dev.loopharness.engine.baseline;

import java.nio.file.Path;

/** A baseline file that cannot be used, naming the file and what is wrong with it. */
public final class BaselineException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  BaselineException(Path file, String problem) {
    super("harness.leaks.baseline: the leak baseline " + file.toAbsolutePath().normalize()
        + " cannot be used: " + problem + ".");
  }
}
