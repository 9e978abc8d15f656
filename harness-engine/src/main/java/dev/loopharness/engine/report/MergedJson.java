package dev.loopharness.engine.report;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
  private OutputStream out;
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
    this.out = out;
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

  // The array's elements, between its brackets (the one byte each side), into the open array.
  @Override
  public void copyTests(SessionRows rows) throws IOException {
    gen.flush();
    Path json = rows.json();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(json), 1 << 16)) {
      long elements = Files.size(json) - 2;
      in.skipNBytes(1);
      byte[] buffer = new byte[1 << 16];
      while (elements > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, elements));
        if (n < 0) {
          throw new IOException(json + " ended early");
        }
        out.write(buffer, 0, n);
        elements -= n;
      }
    }
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
