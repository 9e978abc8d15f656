package dev.loopharness.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Message text checked against golden files under {@code src/test/resources/golden}, so that a
 * wording change is a visible diff; the one place engine tests load and normalise them. Run with
 * {@code -Dgolden.update=true} to rewrite them.
 */
public final class Golden {
  private static final Path DIR = Paths.get("src/test/resources/golden");

  private Golden() {}

  /** The text of golden file {@code path} (e.g. {@code fixture/cycle.txt}), without its final newline. */
  public static String read(String path) {
    try {
      String text = Files.readString(DIR.resolve(path), StandardCharsets.UTF_8);
      return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asserts that {@code actual} equals golden file {@code path}. */
  public static void assertMatches(String path, String actual) {
    Path file = DIR.resolve(path);
    String text = actual.replace("\r\n", "\n") + "\n";
    try {
      if (Boolean.getBoolean("golden.update")) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
      }
      assertThat(file).as("golden file %s (run with -Dgolden.update=true to create it)", file).exists();
      assertThat(text).as("golden file %s", file).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asserts that {@code actual}, {@linkplain #normalize normalised}, equals golden file {@code path}. */
  public static void assertNormalizedMatches(String path, String actual) {
    assertMatches(path, normalize(actual));
  }

  /**
   * Message text without what changes from run to run or JDK to JDK: line numbers, times, clock
   * times, loop numbers, and JDK stack frames (their count and lines differ between versions).
   */
  public static String normalize(String text) {
    return text.replace("\r\n", "\n")
        .replaceAll("\n\\s*at (java|jdk|sun|com\\.sun)\\.[^\n]*", "")
        .replaceAll("\\.java:\\d+\\)", ".java:N)")
        .replaceAll("\\d[\\d,]* ms", "N ms")
        .replaceAll("\\d\\d:\\d\\d:\\d\\d\\.\\d{3}", "HH:MM:SS.mmm")
        .replaceAll("#\\d+", "#N")
        .replaceAll("(re-\\w+) \\d+ times?", "$1 N times")
        // Whether the last re-spawned copy was still pending at the timeout depends on scheduling.
        .replace("still pending; cancelled after N ms; re-spawned",
            "still pending; ignored cancellation: still pending after N ms; re-spawned")
        .replaceAll("\\.\\.\\. \\d+ more", "... N more")
        .replaceAll("\\.\\.\\. \\d+ frames? inside the JDK", "... N frames inside the JDK");
  }
}
