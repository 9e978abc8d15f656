package dev.loopharness.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * harness-vertx is written against the provider kit: of the engine it uses only {@code
 * dev.loopharness.engine.kit} (besides the API, and harness-netty, whose loops it extends).
 */
class KitOnlyTests {
  private static final Path MAIN = Path.of("src/main/java");
  // Any mention of a harness package, in an import or written out in the code.
  private static final Pattern HARNESS = Pattern.compile("\\bdev\\.loopharness\\.([a-z]+)(\\.[a-z]+)?");
  private static final Pattern STRINGS = Pattern.compile("\"(\\\\.|[^\"\\\\])*\"");

  @Test
  void theProviderUsesNothingOfTheEngineOutsideTheKit() throws IOException {
    List<String> outside = new ArrayList<>();
    List<Path> sources;
    try (Stream<Path> files = Files.walk(MAIN)) {
      sources = files.filter(f -> f.toString().endsWith(".java")).toList();
    }
    assertThat(sources).hasSizeGreaterThan(5);
    for (Path source : sources) {
      // Package names inside string literals (class-name filters on stack frames) are not uses.
      String text = STRINGS.matcher(Files.readString(source, StandardCharsets.UTF_8)).replaceAll("\"\"");
      Matcher m = HARNESS.matcher(text);
      while (m.find()) {
        String module = m.group(1);
        boolean allowed = module.equals("api") || module.equals("netty") || module.equals("vertx")
            || module.equals("engine") && ".kit".equals(m.group(2));
        if (!allowed) {
          outside.add(MAIN.relativize(source) + ": " + m.group());
        }
      }
    }
    assertThat(outside).as("uses of the engine outside dev.loopharness.engine.kit").isEmpty();
  }

  @Test
  void theCheckSeesAnEngineImportWhereThereIsOneButNotInAStringLiteral() {
    assertThat(STRINGS.matcher("f(\"dev.loopharness.engine.\", \"a\\\"b\") + x").replaceAll("\"\""))
        .isEqualTo("f(\"\", \"\") + x");
    Matcher m = HARNESS.matcher("import dev.loopharness.engine.leak.Owner;");
    assertThat(m.find()).isTrue();
    assertThat(m.group(1)).isEqualTo("engine");
    assertThat(m.group(2)).isEqualTo(".leak");
  }
}
