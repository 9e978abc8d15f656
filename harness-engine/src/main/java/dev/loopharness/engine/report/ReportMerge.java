package dev.loopharness.engine.report;

import dev.loopharness.api.LeakKind;
import dev.loopharness.config.LeakPolicy;
import dev.loopharness.engine.baseline.LeakBaseline;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Merges report documents (the parts the JVMs of a build write, or the reports of CI shards) into
 * one {@code report.json} and {@code report.html}, each written to a temporary file and moved
 * into place, so a reader sees the old report or the new one. Nothing is dropped silently: a test
 * found in more than one input is kept once, from the last input (a rerun wins), and counted in
 * {@code duplicates}; an input whose JVMs all appeared in an earlier input is skipped as a copy
 * and named in {@code skippedInputs}. Memory holds the ids of the tests, not the records.
 */
final class ReportMerge {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  /** What a merge wrote. */
  record Result(RunTotals.Snapshot totals, long duplicates, List<Path> skippedInputs,
      List<Map<String, Object>> jvms) {}

  private final List<ReportDocument> inputs = new ArrayList<>();
  private final List<Path> skipped = new ArrayList<>();
  private final List<Map<String, Object>> jvms = new ArrayList<>();
  private final Map<String, Long> winners = new HashMap<>();
  private final List<Map<String, Object>> baselines = new ArrayList<>();
  private long duplicates;

  /**
   * @throws IllegalArgumentException naming the first input that is missing or malformed; then
   *     nothing is written
   */
  ReportMerge(List<Path> documents) {
    Set<Object> seenJvms = new HashSet<>();
    for (Path file : documents) {
      ReportDocument document = ReportDocument.open(file);
      List<Map<String, Object>> its = document.jvms();
      if (!its.isEmpty() && its.stream().allMatch(jvm -> seenJvms.contains(jvm.get("id")))) {
        skipped.add(file);
        continue;
      }
      int index = inputs.size();
      inputs.add(document);
      if (document.baseline() != null) {
        baselines.add(document.baseline());
      }
      for (Map<String, Object> jvm : its) {
        if (seenJvms.add(jvm.get("id"))) {
          jvms.add(jvm);
        }
      }
      long[] ordinal = {0};
      document.visit((test, json) -> {
        RecordReader.record(json, test);
        if (test) {
          Long previous = winners.put((String) json.get("id"), key(index, ordinal[0]));
          if (previous != null) {
            duplicates++;
          }
        }
        ordinal[0]++;
      });
    }
  }

  /** Writes {@code report.json} (if {@code json}) and {@code report.html} (if {@code html}) into {@code dir}. */
  Result write(Path dir, boolean json, boolean html, Function<LeakKind, LeakPolicy> policies)
      throws IOException {
    RunTotals totals = new RunTotals();
    visitKept(false, (record, raw) -> totals.add(record));
    visitKept(true, (record, raw) -> totals.add(record));
    RunTotals.Snapshot snapshot = totals.finalSnapshot(baseline());
    Instant started = earliest("started");
    Instant finished = complete() ? latest("finished") : null;
    if (json) {
      replace(dir.resolve(ReportFiles.JSON_FILE), out -> writeJson(out, snapshot, started, finished));
    }
    if (html) {
      replace(dir.resolve(ReportFiles.HTML_FILE), out -> writeHtml(out, snapshot, policies, started,
          finished, json));
    }
    return new Result(snapshot, duplicates, List.copyOf(skipped), List.copyOf(jvms));
  }

  private void writeJson(OutputStream out, RunTotals.Snapshot totals, Instant started,
      Instant finished) throws IOException {
    try (JsonGenerator gen = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
      gen.writeStartObject();
      gen.writeStringProperty("engine", "loop-harness");
      gen.writeNumberProperty("formatVersion", RecordJson.FORMAT_VERSION);
      gen.writeStringProperty("started", started == null ? null : started.toString());
      gen.writeStringProperty("build", single("build"));
      gen.writeName("shards");
      JsonTree.write(gen, new ArrayList<>(distinct("shard")));
      gen.writeName("jvms");
      JsonTree.write(gen, jvms);
      gen.writeNumberProperty("duplicates", duplicates);
      gen.writeName("skippedInputs");
      JsonTree.write(gen, skipped.stream().map(p -> (Object) p.toString()).toList());
      gen.writeName("summary");
      gen.writeRawValue(new String(RecordJson.summary(totals, finished), StandardCharsets.UTF_8));
      for (boolean tests : new boolean[] {false, true}) {
        gen.writeName(tests ? "tests" : "containers");
        gen.writeStartArray();
        visitKept(tests, (record, raw) -> {
          gen.writeRaw('\n');
          JsonTree.write(gen, raw);
        });
        gen.writeRaw('\n');
        gen.writeEndArray();
      }
      gen.writeEndObject();
      gen.writeRaw('\n');
    }
  }

  private void writeHtml(OutputStream out, RunTotals.Snapshot totals,
      Function<LeakKind, LeakPolicy> policies, Instant started, Instant finished, boolean jsonLink)
      throws IOException {
    Writer html = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    Instant now = Instant.now();
    String header = HtmlPage.header(totals, policies, started == null ? now : started,
        finished == null ? now : finished, jsonLink);
    html.write(header.substring(0, header.length() - "</header>\n".length()));
    html.write("<p class=\"meta\">" + HtmlRows.escape(scope(finished)) + "</p></header>\n");
    long[] containers = {0};
    visitKept(false, (record, raw) -> containers[0]++);
    if (containers[0] > 0) {
      html.write(HtmlPage.containersStart());
      visitKept(false, (record, raw) -> html.write(HtmlRows.row(record)));
      html.write(HtmlPage.tableEnd());
    }
    html.write(HtmlPage.testsStart(totals.testCount()));
    visitKept(true, (record, raw) -> html.write(HtmlRows.row(record)));
    html.write(HtmlPage.tableEnd());
    html.write(HtmlPage.end());
    html.flush();
  }

  /** One line naming what the report covers: JVMs, shards, and whether every JVM finished. */
  String scope(Instant finished) {
    long running = jvms.stream().filter(jvm -> !Boolean.TRUE.equals(jvm.get("complete"))).count();
    Set<String> shards = distinct("shard");
    String text = jvms.size() + (jvms.size() == 1 ? " JVM" : " JVMs")
        + (shards.isEmpty() ? "" : " · shard " + String.join(", ", shards));
    if (running > 0) {
      text += " · " + running + " still running or stopped before the end";
    }
    if (duplicates > 0) {
      text += " · " + duplicates + " duplicate test results (the last kept)";
    }
    return text;
  }

  private interface KeptVisitor {
    void accept(NodeRecord record, Map<String, Object> raw) throws IOException;
  }

  private void visitKept(boolean tests, KeptVisitor visitor) throws IOException {
    for (int i = 0; i < inputs.size(); i++) {
      int index = i;
      long[] ordinal = {0};
      IOException[] failure = {null};
      inputs.get(i).visit((test, json) -> {
        long key = key(index, ordinal[0]++);
        if (test != tests || failure[0] != null) {
          return;
        }
        if (test && winners.get((String) json.get("id")) != key) {
          return;
        }
        try {
          visitor.accept(RecordReader.record(json, test), json);
        } catch (IOException e) {
          failure[0] = e;
        }
      });
      if (failure[0] != null) {
        throw failure[0];
      }
    }
  }

  // The JVMs of a build (or the shards of a suite) each saw part of the tests: an entry is fixed
  // only if no JVM saw it, so "fixed" is what every JVM's list has in common; counts add up.
  private LeakBaseline.Outcome baseline() {
    LeakBaseline.Outcome all = null;
    for (Map<String, Object> json : baselines) {
      LeakBaseline.Outcome one = outcome(json);
      if (all == null) {
        all = one;
      } else {
        List<String> fixed = new ArrayList<>(all.fixed());
        fixed.retainAll(one.fixed());
        all = new LeakBaseline.Outcome(all.file(), all.written() || one.written(),
            all.known() + one.known(), all.newLeaks() + one.newLeaks(), fixed);
      }
    }
    return all;
  }

  private static LeakBaseline.Outcome outcome(Map<String, Object> json) {
    List<String> fixed = new ArrayList<>();
    if (json.get("fixed") instanceof List<?> list) {
      list.forEach(entry -> fixed.add(String.valueOf(entry)));
    }
    return new LeakBaseline.Outcome(RecordReader.text(json, "file", false),
        Boolean.TRUE.equals(json.get("written")), RecordReader.number(json.getOrDefault("known", 0L), "baseline.known"),
        RecordReader.number(json.getOrDefault("new", 0L), "baseline.new"), fixed);
  }

  private boolean complete() {
    return !jvms.isEmpty() && jvms.stream().allMatch(jvm -> Boolean.TRUE.equals(jvm.get("complete")));
  }

  private Instant earliest(String field) {
    return jvms.stream().map(jvm -> jvm.get(field)).filter(String.class::isInstance)
        .map(t -> Instant.parse((String) t)).min(Instant::compareTo).orElse(null);
  }

  private Instant latest(String field) {
    return jvms.stream().map(jvm -> jvm.get(field)).filter(String.class::isInstance)
        .map(t -> Instant.parse((String) t)).max(Instant::compareTo).orElse(null);
  }

  private String single(String field) {
    Set<String> values = distinct(field);
    return values.size() == 1 ? values.iterator().next() : null;
  }

  private Set<String> distinct(String field) {
    Set<String> values = new LinkedHashSet<>();
    jvms.forEach(jvm -> {
      if (jvm.get(field) instanceof String value) {
        values.add(value);
      }
    });
    return values;
  }

  private static long key(int input, long ordinal) {
    return ((long) input << 40) | ordinal;
  }

  private interface Body {
    void write(OutputStream out) throws IOException;
  }

  private static void replace(Path target, Body body) throws IOException {
    Path temporary = target.resolveSibling(target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16)) {
      body.write(out);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temporary);
      throw e;
    }
    try {
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
