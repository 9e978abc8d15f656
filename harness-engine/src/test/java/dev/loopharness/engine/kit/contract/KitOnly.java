package dev.loopharness.engine.kit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The check every provider's tests run: of the engine, a provider's main code uses only {@code
 * dev.loopharness.engine.kit} (besides the API and the modules it names).
 */
public final class KitOnly {
  // Any mention of a harness package, in an import or written out in the code.
  static final Pattern HARNESS = Pattern.compile("\\bdev\\.loopharness\\.([a-z]+)(\\.[a-z]+)?");
  static final Pattern STRINGS = Pattern.compile("\"(\\\\.|[^\"\\\\])*\"");

  private KitOnly() {}

  /**
   * Asserts that the sources under {@code mainSources} mention no harness package but the API, the
   * kit and {@code allowedModules} (e.g. {@code netty}); package names in string literals (class-name
   * filters on stack frames) are not uses.
   */
  public static void assertUsesOnlyTheKit(Path mainSources, Set<String> allowedModules) {
    List<String> outside = new ArrayList<>();
    for (Path source : sources(mainSources)) {
      Matcher m = HARNESS.matcher(withoutStrings(read(source)));
      while (m.find()) {
        String module = m.group(1);
        boolean allowed = module.equals("api") || allowedModules.contains(module)
            || module.equals("engine") && ".kit".equals(m.group(2));
        if (!allowed) {
          outside.add(mainSources.relativize(source) + ": " + m.group());
        }
      }
    }
    assertThat(outside).as("uses of the engine outside dev.loopharness.engine.kit").isEmpty();
  }

  static String withoutStrings(String text) {
    return STRINGS.matcher(text).replaceAll("\"\"");
  }

  private static List<Path> sources(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      List<Path> sources = files.filter(f -> f.toString().endsWith(".java")).toList();
      assertThat(sources).as("Java sources under %s", root).hasSizeGreaterThan(5);
      return sources;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path source) {
    try {
      return Files.readString(source, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
