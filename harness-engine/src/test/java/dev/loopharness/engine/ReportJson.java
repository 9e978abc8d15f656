package dev.loopharness.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/** A strict Jackson parse of a whole file into maps, lists, strings, longs, booleans and nulls. */
public final class ReportJson {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private ReportJson() {}

  /** The document in {@code file}; throws if it is not exactly one valid JSON object. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> parse(Path file) {
    try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), file)) {
      Object root = value(parser, parser.nextToken());
      JsonToken after = parser.nextToken();
      if (after != null) {
        throw new AssertionError("content after the root value in " + file + ": " + after);
      }
      return (Map<String, Object>) root;
    }
  }

  /** The one session part in {@code reportDir}/.jvms, which is valid after every finished test. */
  public static Path onlyPart(Path reportDir) {
    try (var parts = java.nio.file.Files.list(reportDir.resolve(".jvms"))) {
      List<Path> found = parts.filter(p -> p.getFileName().toString().endsWith(".json")).toList();
      if (found.size() != 1) {
        throw new AssertionError("expected one part in " + reportDir + "/.jvms, found " + found);
      }
      return found.get(0);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> list(Map<String, Object> object, String name) {
    return (List<Map<String, Object>>) object.get(name);
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> object(Map<String, Object> object, String name) {
    return (Map<String, Object>) object.get(name);
  }

  private static Object value(JsonParser parser, JsonToken token) {
    switch (token) {
      case START_OBJECT: {
        Map<String, Object> object = new LinkedHashMap<>();
        for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
          String name = parser.currentName();
          if (object.containsKey(name)) {
            throw new AssertionError("duplicate key " + name);
          }
          object.put(name, value(parser, parser.nextToken()));
        }
        return object;
      }
      case START_ARRAY: {
        List<Object> array = new ArrayList<>();
        for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
          array.add(value(parser, next));
        }
        return array;
      }
      case VALUE_STRING:
        return parser.getString();
      case VALUE_NUMBER_INT:
        return parser.getLongValue();
      case VALUE_NUMBER_FLOAT:
        return parser.getDoubleValue();
      case VALUE_TRUE:
        return true;
      case VALUE_FALSE:
        return false;
      case VALUE_NULL:
        return null;
      default:
        throw new AssertionError("unexpected token " + token);
    }
  }
}
