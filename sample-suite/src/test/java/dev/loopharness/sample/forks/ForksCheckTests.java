package dev.loopharness.sample.forks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Runs after the forks-2 (forkCount=2) and forks-per-class (reuseForks=false) Surefire executions
 * of the Fork*Test classes: one report per build holding every JVM's results, and one SESSION
 * set-up and teardown per JVM however many classes (launcher executions) it ran.
 */
class ForksCheckTests {
  private static final Path TARGET = Path.of("target");

  @Test
  void twoReusedForksShareOneReportAndSetUpTheSessionOncePerJvm() throws IOException {
    Map<String, Object> report = parse(TARGET.resolve("loop-harness/forks-2/report.json"));
    Map<String, Object> summary = object(report, "summary");
    assertThat(summary).containsEntry("tests", 8L).containsEntry("successful", 8L)
        .containsEntry("complete", true);
    List<Map<String, Object>> jvms = list(report, "jvms");
    assertThat(jvms).hasSizeBetween(1, 2);
    assertOneSessionPerJvm(jvms, TARGET.resolve("fork-sessions/forks-2.log"));
  }

  @Test
  void aForkPerClassStillMakesOneReport() throws IOException {
    Map<String, Object> report = parse(TARGET.resolve("loop-harness/per-class/report.json"));
    assertThat(object(report, "summary")).containsEntry("tests", 8L).containsEntry("successful", 8L)
        .containsEntry("complete", true);
    List<Map<String, Object>> jvms = list(report, "jvms");
    assertThat(jvms).hasSize(4);
    assertThat(jvms.stream().map(j -> j.get("build")).distinct()).hasSize(1);
    assertOneSessionPerJvm(jvms, TARGET.resolve("fork-sessions/per-class.log"));
  }

  private static void assertOneSessionPerJvm(List<Map<String, Object>> jvms, Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    for (Map<String, Object> jvm : jvms) {
      String id = (String) jvm.get("id");
      String process = id.substring(0, id.lastIndexOf('-'));
      Map<String, Long> events = lines.stream().filter(l -> l.endsWith(" " + process))
          .collect(Collectors.groupingBy(l -> l.substring(0, l.indexOf(' ')), Collectors.counting()));
      assertThat(events).as("session events of JVM %s", process)
          .isEqualTo(Map.of("setup", 1L, "teardown", 1L));
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Map<String, Object> json, String name) {
    return (Map<String, Object>) json.get(name);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Map<String, Object> json, String name) {
    return (List<Map<String, Object>>) json.get(name);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parse(Path file) {
    try (JsonParser parser = JsonFactory.builder().build().createParser(ObjectReadContext.empty(), file)) {
      return (Map<String, Object>) value(parser, parser.nextToken());
    }
  }

  private static Object value(JsonParser parser, JsonToken token) {
    switch (token) {
      case START_OBJECT: {
        Map<String, Object> object = new java.util.LinkedHashMap<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
          String name = parser.currentName();
          object.put(name, value(parser, parser.nextToken()));
        }
        return object;
      }
      case START_ARRAY: {
        List<Object> array = new java.util.ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
          array.add(value(parser, t));
        }
        return array;
      }
      case VALUE_STRING:
        return parser.getString();
      case VALUE_NUMBER_INT:
        return parser.getLongValue();
      case VALUE_TRUE:
        return true;
      case VALUE_FALSE:
        return false;
      default:
        return null;
    }
  }
}
