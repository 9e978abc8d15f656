package dev.loopharness.engine.report;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/** The merged {@code report.json}: the build's fields, the totals, then every kept container and test. */
final class MergedJson implements MergedFile {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private final Merge merge;
  private JsonGenerator gen;

  MergedJson(Merge merge) {
    this.merge = merge;
  }

  @Override
  public String name() {
    return ReportFiles.JSON_FILE;
  }

  @Override
  public void open(OutputStream out) {
    gen = FACTORY.createGenerator(ObjectWriteContext.empty(), out);
  }

  @Override
  public void start(List<Kept> containers) {
    gen.writeStartObject();
    gen.writeStringProperty("engine", "loop-harness");
    gen.writeNumberProperty("formatVersion", RecordJson.FORMAT_VERSION);
    gen.writeStringProperty("started", merge.started() == null ? null : merge.started().toString());
    gen.writeStringProperty("build", merge.build());
    gen.writeName("shards");
    JsonTree.write(gen, List.copyOf(merge.shards()));
    gen.writeName("jvms");
    JsonTree.write(gen, merge.jvms());
    gen.writeNumberProperty("duplicates", merge.duplicates());
    gen.writeName("skippedInputs");
    JsonTree.write(gen, merge.skipped().stream().map(p -> (Object) p.toString()).toList());
    gen.writeName("summary");
    gen.writeRawValue(new String(RecordJson.summary(merge.totals(), merge.finished()), StandardCharsets.UTF_8));
    gen.writeName("containers");
    gen.writeStartArray();
    for (Kept container : containers) {
      gen.writeRaw('\n');
      JsonTree.write(gen, container.raw());
    }
    gen.writeRaw('\n');
    gen.writeEndArray();
    gen.writeName("tests");
    gen.writeStartArray();
  }

  @Override
  public void test(NodeRecord record, Map<String, Object> raw) {
    gen.writeRaw('\n');
    JsonTree.write(gen, raw);
  }

  @Override
  public void end() {
    gen.writeRaw('\n');
    gen.writeEndArray();
    gen.writeEndObject();
    gen.writeRaw('\n');
    gen.close();
  }
}
