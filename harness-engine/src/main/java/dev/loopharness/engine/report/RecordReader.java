package dev.loopharness.engine.report;

import dev.loopharness.api.LeakKind;
import dev.loopharness.engine.report.NodeFindings.ListedLeak;
import dev.loopharness.engine.report.NodeFindings.Warning;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a test or container of {@code report.json} back into a {@link NodeRecord}. */
final class RecordReader {
  private RecordReader() {}

  /**
   * @param json one element of {@code tests} or {@code containers}, as {@link JsonTree} reads it
   * @throws IllegalArgumentException naming the field that is missing or of the wrong type
   */
  static NodeRecord record(Map<String, Object> json, boolean test) {
    String type = test ? "test" : text(json, "type", true);
    List<ListedLeak> leaks = new ArrayList<>();
    Map<LeakKind, Long> counts = new EnumMap<>(LeakKind.class);
    for (Object element : list(json, "leaks")) {
      Map<String, Object> leak = object(element, "leaks[]");
      LeakKind kind = kind(text(leak, "kind", true));
      leaks.add(new ListedLeak(kind, text(leak, "policy", false), text(leak, "owner", false),
          text(leak, "description", false), text(leak, "creationSite", false)));
      counts.merge(kind, 1L, Long::sum);
    }
    Object notListed = json.get("leaksNotListed");
    if (notListed != null) {
      object(notListed, "leaksNotListed").forEach((kind, n) -> counts.merge(kind(kind),
          number(n, "leaksNotListed." + kind), Long::sum));
    }
    Object duration = json.get("durationMs");
    return new NodeRecord(text(json, "id", true), type, text(json, "displayName", true),
        text(json, "class", false), status(text(json, "status", true)),
        duration == null ? null : number(duration, "durationMs"), text(json, "failure", false),
        text(json, "reason", false), leaks, counts, warnings(json), warningCounts(json));
  }

  private static List<Warning> warnings(Map<String, Object> json) {
    List<Warning> warnings = new ArrayList<>();
    for (Object element : list(json, "warnings")) {
      Map<String, Object> warning = object(element, "warnings[]");
      warnings.add(new Warning(text(warning, "kind", true), text(warning, "text", true)));
    }
    return warnings;
  }

  private static Map<String, Long> warningCounts(Map<String, Object> json) {
    Map<String, Long> counts = new LinkedHashMap<>();
    Object byKind = json.get("warningsByKind");
    if (byKind != null) {
      object(byKind, "warningsByKind").forEach((id, n) ->
          counts.put(id, number(n, "warningsByKind." + id)));
    }
    return counts;
  }

  static String text(Map<String, Object> json, String name, boolean required) {
    Object value = json.get(name);
    if (value == null && !required) {
      return null;
    }
    if (!(value instanceof String text)) {
      throw new IllegalArgumentException("\"" + name + "\" should be a string, got " + value);
    }
    return text;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Object value, String name) {
    if (!(value instanceof Map)) {
      throw new IllegalArgumentException("\"" + name + "\" should be an object, got " + value);
    }
    return (Map<String, Object>) value;
  }

  static long number(Object value, String name) {
    if (!(value instanceof Long n)) {
      throw new IllegalArgumentException("\"" + name + "\" should be a whole number, got " + value);
    }
    return n;
  }

  private static List<?> list(Map<String, Object> json, String name) {
    Object value = json.get(name);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw new IllegalArgumentException("\"" + name + "\" should be an array, got " + value);
    }
    return list;
  }

  private static LeakKind kind(String name) {
    try {
      return LeakKind.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown leak kind \"" + name + "\" (a report of a newer "
          + "Loop Harness? merge with that version)");
    }
  }

  private static TestStatus status(String name) {
    try {
      return TestStatus.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown status \"" + name + "\"");
    }
  }
}
