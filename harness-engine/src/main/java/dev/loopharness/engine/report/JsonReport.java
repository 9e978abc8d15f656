package dev.loopharness.engine.report;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code report.json}, valid JSON on disk after every record. A test record is written where the
 * closing tail began, followed by the tail again ({@code ],"containers":[...],"summary":{...}}),
 * in one positioned write: the cost per test does not grow with the number of tests, and a run
 * killed midway leaves a valid document with {@code "complete": false}.
 *
 * <p>Container records live in the tail (kept in memory as bytes), because tests keep arriving
 * after them; only containers with leaks or failures are recorded, each bounded. Not thread-safe:
 * the caller serialises.
 */
final class JsonReport implements Closeable {
  private static final byte[] FIRST = "\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NEXT = ",\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CONTAINERS = "\n],\"containers\":[".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SUMMARY = "\n],\"summary\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END = "}\n".getBytes(StandardCharsets.US_ASCII);

  private final FileChannel file;
  private final ByteArrayOutputStream containers = new ByteArrayOutputStream();
  private long tailStart;
  private long end;
  private boolean anyTest;

  private JsonReport(FileChannel file) {
    this.file = file;
  }

  /** Creates (or truncates) {@code path} and writes an empty report into it. */
  static JsonReport create(Path path, byte[] head, byte[] summary) throws IOException {
    JsonReport report = new JsonReport(FileChannel.open(path, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING));
    try {
      report.write(0, head, tail(report.containers, summary));
      report.tailStart = head.length;
    } catch (IOException e) {
      report.close();
      throw e;
    }
    return report;
  }

  /** Appends a test record and refreshes the summary. */
  void addTest(byte[] record, byte[] summary) throws IOException {
    byte[] separator = anyTest ? NEXT : FIRST;
    write(tailStart, separator, record, tail(containers, summary));
    tailStart += separator.length + record.length;
    anyTest = true;
  }

  /** Appends a container record and refreshes the summary. */
  void addContainer(byte[] record, byte[] summary) throws IOException {
    containers.write(containers.size() == 0 ? FIRST : NEXT);
    containers.write(record);
    write(tailStart, tail(containers, summary));
  }

  /** Rewrites only the tail, e.g. with the final summary. */
  void updateSummary(byte[] summary) throws IOException {
    write(tailStart, tail(containers, summary));
  }

  @Override
  public void close() throws IOException {
    file.close();
  }

  private static byte[] tail(ByteArrayOutputStream containers, byte[] summary) throws IOException {
    ByteArrayOutputStream tail = new ByteArrayOutputStream(
        CONTAINERS.length + containers.size() + SUMMARY.length + summary.length + END.length);
    tail.writeBytes(CONTAINERS);
    containers.writeTo(tail);
    tail.writeBytes(SUMMARY);
    tail.writeBytes(summary);
    tail.writeBytes(END);
    return tail.toByteArray();
  }

  // One positioned write of all parts; if the new content ends before the old one, the rest is
  // blanked with spaces (whitespace after a JSON value is allowed), so the file is never cut short.
  private void write(long position, byte[]... parts) throws IOException {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    int padding = (int) Math.max(0, end - position - length);
    ByteBuffer buffer = ByteBuffer.allocate(length + padding);
    for (byte[] part : parts) {
      buffer.put(part);
    }
    while (buffer.hasRemaining()) {
      buffer.put((byte) ' ');
    }
    buffer.flip();
    long at = position;
    while (buffer.hasRemaining()) {
      at += file.write(buffer, at);
    }
    end = Math.max(end, position + length + padding);
  }
}
