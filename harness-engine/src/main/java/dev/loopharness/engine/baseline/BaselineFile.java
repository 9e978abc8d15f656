package dev.loopharness.engine.baseline;

import dev.loopharness.api.LeakKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.core.json.JsonFactory;

/**
 * The baseline file: {@code {"version": 1, "leaks": [{"test": ..., "kind": ..., "site": ...}, ...]}},
 * one entry per line, sorted, so that it diffs well and only ever shrinks in review.
 */
final class BaselineFile {
  static final int VERSION = 1;
  private static final JsonFactory FACTORY = new JsonFactory();

  private BaselineFile() {}

  /** @throws BaselineException naming the file and what is wrong with it */
  static List<BaselineEntry> read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new BaselineException(file, "it does not exist. Write it with -Dharness.leaks.baseline.write=true,"
          + " or unset harness.leaks.baseline");
    } catch (IOException | RuntimeException e) {
      throw new BaselineException(file, "it cannot be read: " + e);
    }
    try (JsonParser json = FACTORY.createParser(ObjectReadContext.empty(), text)) {
      return parse(json, file);
    } catch (JacksonException e) {
      throw new BaselineException(file, "it is not valid JSON: " + e.getOriginalMessage() + " at line "
          + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
    }
  }

  private static List<BaselineEntry> parse(JsonParser json, Path file) {
    expect(json.nextToken() == JsonToken.START_OBJECT, file, json, "expected an object {\"version\": 1, \"leaks\": [...]}");
    List<BaselineEntry> entries = null;
    while (json.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = json.currentName();
      JsonToken value = json.nextToken();
      if (name.equals("version")) {
        expect(value == JsonToken.VALUE_NUMBER_INT && json.getIntValue() == VERSION, file, json,
            "\"version\" must be " + VERSION);
      } else if (name.equals("leaks")) {
        expect(value == JsonToken.START_ARRAY, file, json, "\"leaks\" must be an array");
        entries = new ArrayList<>();
        while (json.nextToken() == JsonToken.START_OBJECT) {
          entries.add(entry(json, file, entries.size()));
        }
        expect(json.currentToken() == JsonToken.END_ARRAY, file, json, "\"leaks\" must hold only objects");
      } else {
        json.skipChildren();
      }
    }
    expect(entries != null, file, json, "it has no \"leaks\" array");
    return entries;
  }

  private static BaselineEntry entry(JsonParser json, Path file, int index) {
    String test = null;
    String kind = null;
    String site = "";
    while (json.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = json.currentName();
      JsonToken value = json.nextToken();
      expect(value == JsonToken.VALUE_STRING, file, json, "leak " + (index + 1) + ": \"" + name + "\" must be a string");
      switch (name) {
        case "test" -> test = json.getString();
        case "kind" -> kind = json.getString();
        case "site" -> site = json.getString();
        default -> { }
      }
    }
    expect(test != null && kind != null, file, json, "leak " + (index + 1) + " needs \"test\" and \"kind\"");
    LeakKind k;
    try {
      k = LeakKind.valueOf(kind.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BaselineException(file, "leak " + (index + 1) + " has kind '" + kind + "'; expected one of "
          + java.util.Arrays.toString(LeakKind.values()));
    }
    return new BaselineEntry(test, k, site);
  }

  private static void expect(boolean ok, Path file, JsonParser json, String what) {
    if (!ok) {
      throw new BaselineException(file, what + " (line " + json.currentLocation().getLineNr() + ")");
    }
  }

  /** Writes {@code entries}, sorted and without duplicates. */
  static void write(Path file, Collection<BaselineEntry> entries) throws IOException {
    StringBuilder out = new StringBuilder("{\n  \"version\": ").append(VERSION).append(",\n  \"leaks\": [");
    String separator = "\n";
    for (BaselineEntry e : new TreeSet<>(entries)) {
      out.append(separator).append("    {\"test\": ").append(quote(e.test())).append(", \"kind\": ")
          .append(quote(e.kind().name())).append(", \"site\": ").append(quote(e.site())).append('}');
      separator = ",\n";
    }
    out.append(entries.isEmpty() ? "]\n}\n" : "\n  ]\n}\n");
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
  }

  private static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    JsonStringEncoder.getInstance().quoteAsString(s, out);
    return out.append('"').toString();
  }
}
