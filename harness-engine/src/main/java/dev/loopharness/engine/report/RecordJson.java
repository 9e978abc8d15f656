package dev.loopharness.engine.report;

import dev.loopharness.api.LeakKind;
import dev.loopharness.engine.report.NodeFindings.ListedLeak;
import dev.loopharness.engine.report.NodeFindings.Warning;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;

/** Encodes the pieces of {@code report.json} with Jackson's streaming generator. */
final class RecordJson {
  /** Bumped when a field changes meaning or goes away; adding fields keeps it. */
  static final int FORMAT_VERSION = 1;

  // The head is an unfinished object: closing its generator must not complete it.
  private static final JsonFactory FACTORY =
      JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_CONTENT).build();

  private RecordJson() {}

  /** {@code {"engine":"loop-harness","formatVersion":1,"started":"..."} with the object left open. */
  static byte[] head(Instant started) {
    return encode(json -> {
      json.writeStartObject();
      json.writeStringProperty("engine", "loop-harness");
      json.writeNumberProperty("formatVersion", FORMAT_VERSION);
      json.writeStringProperty("started", started.toString());
    });
  }

  /** One test or container as a complete JSON object. */
  static byte[] node(NodeRecord record) {
    return encode(json -> {
      json.writeStartObject();
      json.writeStringProperty("id", record.id());
      if (!record.isTest()) {
        json.writeStringProperty("type", record.type());
      }
      json.writeStringProperty("displayName", record.displayName());
      json.writeStringProperty("class", record.className());
      json.writeStringProperty("status", record.status().name());
      if (record.durationMs() == null) {
        json.writeNullProperty("durationMs");
      } else {
        json.writeNumberProperty("durationMs", record.durationMs().longValue());
      }
      json.writeStringProperty("failure", record.failure());
      if (record.reason() != null) {
        json.writeStringProperty("reason", record.reason());
      }
      json.writeNumberProperty("leakCount", record.leakCount());
      json.writeArrayPropertyStart("leaks");
      for (ListedLeak leak : record.leaks()) {
        json.writeStartObject();
        json.writeStringProperty("kind", leak.kind().name());
        json.writeStringProperty("policy", leak.policy());
        json.writeStringProperty("owner", leak.owner());
        json.writeStringProperty("description", leak.description());
        json.writeStringProperty("creationSite", leak.creationSite());
        json.writeEndObject();
      }
      json.writeEndArray();
      if (record.warningCount() > 0) {
        json.writeNumberProperty("warningCount", record.warningCount());
        json.writeName("warningsByKind");
        json.writeStartObject();
        record.warningCounts().forEach((id, n) -> json.writeNumberProperty(id, n.longValue()));
        json.writeEndObject();
        json.writeArrayPropertyStart("warnings");
        for (Warning warning : record.warnings()) {
          json.writeStartObject();
          json.writeStringProperty("kind", warning.id());
          json.writeStringProperty("text", warning.text());
          json.writeEndObject();
        }
        json.writeEndArray();
      }
      Map<LeakKind, Long> notListed = record.notListed();
      if (!notListed.isEmpty()) {
        json.writeName("leaksNotListed");
        kinds(json, notListed);
      }
      json.writeEndObject();
    });
  }

  /** The {@code summary} object; {@code finished} is null while the run goes on. */
  static byte[] summary(RunTotals.Snapshot totals, Instant finished) {
    return encode(json -> {
      json.writeStartObject();
      json.writeBooleanProperty("complete", finished != null);
      json.writeStringProperty("finished", finished == null ? null : finished.toString());
      json.writeNumberProperty("tests", totals.testCount());
      json.writeNumberProperty("successful", totals.tests(TestStatus.SUCCESSFUL));
      json.writeNumberProperty("failed", totals.tests(TestStatus.FAILED));
      json.writeNumberProperty("aborted", totals.tests(TestStatus.ABORTED));
      json.writeNumberProperty("skipped", totals.tests(TestStatus.SKIPPED));
      json.writeNumberProperty("containersFailed", totals.containersFailed());
      json.writeNumberProperty("leaks", totals.leakCount());
      json.writeName("leaksByKind");
      kinds(json, totals.leaks());
      if (totals.end() != null) {
        ends(json, totals.end());
      }
      json.writeNumberProperty("warnings", totals.warnings());
      json.writeEndObject();
    });
  }

  // Leaks by site (most tests first) and the leak baseline's outcome: known only at the end.
  private static void ends(JsonGenerator json, RunTotals.Final end) {
    json.writeArrayPropertyStart("leaksBySite");
    for (LeakSites.Site s : end.sites()) {
      json.writeStartObject();
      json.writeStringProperty("site", s.site());
      json.writeStringProperty("kind", s.kind().name());
      json.writeNumberProperty("tests", s.tests());
      json.writeNumberProperty("leaks", s.leaks());
      json.writeEndObject();
    }
    json.writeEndArray();
    if (end.baseline() != null) {
      var b = end.baseline();
      json.writeObjectPropertyStart("baseline");
      json.writeStringProperty("file", b.file());
      json.writeBooleanProperty("written", b.written());
      json.writeNumberProperty("known", b.known());
      json.writeNumberProperty("new", b.newLeaks());
      json.writeArrayPropertyStart("fixed");
      for (String f : b.fixed()) {
        json.writeString(f);
      }
      json.writeEndArray();
      json.writeEndObject();
    }
  }

  private static void kinds(JsonGenerator json, Map<LeakKind, Long> counts) {
    json.writeStartObject();
    counts.forEach((kind, n) -> json.writeNumberProperty(kind.name(), n.longValue()));
    json.writeEndObject();
  }

  private static byte[] encode(java.util.function.Consumer<JsonGenerator> body) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    try (JsonGenerator json = FACTORY.createGenerator(ObjectWriteContext.empty(), bytes)) {
      body.accept(json);
    }
    return bytes.toByteArray();
  }
}
