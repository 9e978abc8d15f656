package dev.loopharness.sample.seed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The quoted harness output in the project README's "The seed's scenarios" section: each quote is a
 * {@code ```text} block right after a {@code <!-- seed:NAME -->} marker. With the system property
 * {@code seed.readme.update=true} a mismatching block is rewritten instead of failing the test.
 */
final class ReadmeBlocks {
  static final boolean UPDATE = Boolean.getBoolean("seed.readme.update");
  // Surefire runs in the module directory; the README is the project's, one level up.
  private static final Path README = Path.of("").toAbsolutePath().getParent().resolve("README.md");

  private ReadmeBlocks() {}

  static Path path() {
    return README;
  }

  /** The text of block {@code name}, without its fences. */
  static String block(String name) {
    String readme = read();
    int[] span = span(readme, name);
    return readme.substring(span[0], span[1]);
  }

  /** Rewrites block {@code name} with {@code text}. */
  static synchronized void replace(String name, String text) {
    String readme = read();
    int[] span = span(readme, name);
    String before = readme.substring(0, span[0]);
    String after = readme.substring(span[1]);
    try {
      Files.writeString(README, before + text + (after.startsWith("```") ? "\n" : "") + after,
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Where the block's text starts and ends: after the opening fence's line, before the closing one. */
  private static int[] span(String readme, String name) {
    Matcher opening = Pattern.compile("<!-- seed:" + Pattern.quote(name) + " -->\\s*```text\\n")
        .matcher(readme);
    if (!opening.find()) {
      throw new AssertionError("README.md has no block <!-- seed:" + name + " --> followed by ```text");
    }
    int start = opening.end();
    if (readme.startsWith("```", start)) {
      return new int[] {start, start};
    }
    int closing = readme.indexOf("\n```", start);
    if (closing < 0) {
      throw new AssertionError("README.md block seed:" + name + " has no closing ```");
    }
    return new int[] {start, closing};
  }

  private static String read() {
    try {
      return Files.readString(README, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + README, e);
    }
  }
}
