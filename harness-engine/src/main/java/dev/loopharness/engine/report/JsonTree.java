package dev.loopharness.engine.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * JSON values as plain maps, lists, strings, numbers, booleans and nulls: what merging reads a
 * record into, so that it writes back every field, also those this version does not know.
 */
final class JsonTree {
  private JsonTree() {}

  /** Reads the value that starts at {@code token}, the parser's current token. */
  static Object read(JsonParser parser, JsonToken token) {
    switch (token) {
      case START_OBJECT: {
        Map<String, Object> object = new LinkedHashMap<>();
        for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
          String name = parser.currentName();
          object.put(name, read(parser, parser.nextToken()));
        }
        return object;
      }
      case START_ARRAY: {
        List<Object> array = new ArrayList<>();
        for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
          array.add(read(parser, next));
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
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new IllegalStateException("unexpected " + token);
    }
  }

  /** Writes {@code value}, one of the types {@link #read} returns. */
  static void write(JsonGenerator json, Object value) {
    if (value instanceof Map<?, ?> object) {
      json.writeStartObject();
      for (Map.Entry<?, ?> entry : object.entrySet()) {
        json.writeName((String) entry.getKey());
        write(json, entry.getValue());
      }
      json.writeEndObject();
    } else if (value instanceof List<?> array) {
      json.writeStartArray();
      for (Object element : array) {
        write(json, element);
      }
      json.writeEndArray();
    } else if (value instanceof String text) {
      json.writeString(text);
    } else if (value instanceof Long n) {
      json.writeNumber(n.longValue());
    } else if (value instanceof Double d) {
      json.writeNumber(d.doubleValue());
    } else if (value instanceof Boolean b) {
      json.writeBoolean(b.booleanValue());
    } else if (value == null) {
      json.writeNull();
    } else {
      throw new IllegalArgumentException("not a JSON value: " + value.getClass());
    }
  }
}
