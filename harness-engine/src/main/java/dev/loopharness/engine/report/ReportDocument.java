package dev.loopharness.engine.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * A {@code report.json} on disk, one JVM's part or a merged report, read as a stream so that its
 * records never all sit in memory: the fields around the records once, then the records each time
 * they are visited.
 */
final class ReportDocument {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  /** Receives the records of a document in file order. */
  interface RecordVisitor {
    void record(boolean test, Map<String, Object> json);
  }

  /** Which records a visit reads; the others are skipped without building them. */
  enum Records {
    CONTAINERS, TESTS, ALL;

    boolean wants(boolean test) {
      return this == ALL || (this == TESTS) == test;
    }
  }

  private final Path file;
  private final Map<String, Object> fields;

  private ReportDocument(Path file, Map<String, Object> fields) {
    this.file = file;
    this.fields = fields;
  }

  /**
   * Reads the fields around the records and checks that every record is an object.
   *
   * @throws IllegalArgumentException saying what is wrong with {@code file}: missing, not JSON,
   *     not a Loop Harness report, or of a newer format
   */
  static ReportDocument open(Path file) {
    if (!Files.isRegularFile(file)) {
      throw problem(file, "no such file");
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    scan(file, fields, null, (test, json) -> {});
    Object engine = fields.get("engine");
    if (!"loop-harness".equals(engine)) {
      throw problem(file, "not a Loop Harness report (\"engine\" is " + engine + ")");
    }
    Object version = fields.get("formatVersion");
    if (!(version instanceof Long n) || n > RecordJson.FORMAT_VERSION) {
      throw problem(file, "formatVersion " + version + " is not one this version reads (up to "
          + RecordJson.FORMAT_VERSION + ")");
    }
    if (!fields.containsKey("tests") || !(fields.get("summary") instanceof Map)) {
      throw problem(file, "no \"tests\" or \"summary\": not a complete report document");
    }
    return new ReportDocument(file, fields);
  }

  Path file() {
    return file;
  }

  /** The leak baseline outcome in this document's summary (issue 11), or null. */
  @SuppressWarnings("unchecked")
  Map<String, Object> baseline() {
    Object baseline = ((Map<String, Object>) fields.get("summary")).get("baseline");
    return baseline instanceof Map ? (Map<String, Object>) baseline : null;
  }

  /**
   * The JVMs whose results this document holds: its {@code jvms} if it is a merged report, else
   * the one JVM that wrote it, each as {@code {"id", "build", "shard", "started", "finished",
   * "complete", "tests"}}.
   */
  @SuppressWarnings("unchecked")
  List<Map<String, Object>> jvms() {
    Object listed = fields.get("jvms");
    if (listed instanceof List<?> list) {
      List<Map<String, Object>> jvms = new ArrayList<>();
      for (Object jvm : list) {
        Map<String, Object> entry = RecordReader.object(jvm, "jvms[]");
        RecordReader.text(entry, "id", true);
        jvms.add(entry);
      }
      return jvms;
    }
    Map<String, Object> summary = (Map<String, Object>) fields.get("summary");
    Map<String, Object> jvm = new LinkedHashMap<>();
    jvm.put("id", fields.getOrDefault("jvm", file.toAbsolutePath().normalize().toString()));
    jvm.put("build", fields.get("build"));
    jvm.put("shard", fields.get("shard"));
    jvm.put("started", fields.get("started"));
    jvm.put("finished", summary.get("finished"));
    jvm.put("complete", summary.get("complete"));
    jvm.put("tests", summary.get("tests"));
    return List.of(jvm);
  }

  /** Visits every container, then every test... in file order (containers come first on disk). */
  void visit(RecordVisitor visitor) {
    visit(Records.ALL, visitor);
  }

  /**
   * Visits the records {@code which} asks for, in file order; a visit of the containers alone
   * stops where the tests begin if the containers came first (as this engine writes them).
   */
  void visit(Records which, RecordVisitor visitor) {
    scan(file, new LinkedHashMap<>(), which, visitor);
  }

  // With which == null the records are only checked to be objects (opening a document); fields
  // other than the records are read only then.
  private static void scan(Path file, Map<String, Object> fields, Records which, RecordVisitor visitor) {
    try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), file.toFile())) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw problem(file, "not a JSON object");
      }
      for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        boolean records = name.equals("tests") || name.equals("containers");
        boolean tests = name.equals("tests");
        if (records && value == JsonToken.START_ARRAY) {
          fields.put(name, Boolean.TRUE);
          if (which == Records.CONTAINERS && tests && fields.containsKey("containers")) {
            return; // the rest is tests and the summary
          }
          for (JsonToken element = parser.nextToken(); element != JsonToken.END_ARRAY;
              element = parser.nextToken()) {
            if (which == null || !which.wants(tests)) {
              if (element != JsonToken.START_OBJECT) {
                RecordReader.object(JsonTree.read(parser, element), name + "[]"); // says what is wrong
              }
              parser.skipChildren();
              continue;
            }
            Object json = JsonTree.read(parser, element);
            visitor.record(tests, RecordReader.object(json, name + "[]"));
          }
        } else if (which == null) {
          fields.put(name, JsonTree.read(parser, value));
        } else {
          parser.skipChildren();
        }
      }
    } catch (JacksonIOException e) {
      throw problem(file, "cannot be read: " + e.getCause());
    } catch (JacksonException e) {
      throw problem(file, "not valid JSON: " + e.getOriginalMessage());
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith(file.toString())) {
        throw e;
      }
      throw problem(file, e.getMessage());
    }
  }

  static IllegalArgumentException problem(Path file, String what) {
    return new IllegalArgumentException(file + ": " + what);
  }
}
