package dev.loopharness.engine.execution;

import java.util.List;

/** Fails a test whose declaration is wrong (private, static, bad return type, bad parameter). */
public final class TestDeclarationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  TestDeclarationException(List<String> problems) {
    super(problems.size() == 1 ? problems.get(0) : String.join("\n", problems));
  }

  TestDeclarationException(String problem) {
    super(problem);
  }
}
