package dev.loopharness.engine.report;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * One session's part of the report ({@code .jvms/<id>.json}), valid JSON on disk after every
 * write, so a run killed midway leaves a valid document (with {@code "complete": false}). Layout:
 *
 * <pre>{"engine":...,"containers":[...␣␣␣␣
 * ],"tests":[...
 * ],"summary":{...}}</pre>
 *
 * <p>A test is appended at the end together with the summary that counts it, in one positioned
 * write, so the summary agrees with the rows at every moment, also for a reader without the lock
 * and in a part left by a JVM killed at any point. A container goes into spaces reserved after
 * the containers, then the summary is rewritten (two writes; containers are few and only change
 * {@code containersFailed} and the leak counts). When that room runs out the file is rebuilt
 * once with twice the room (through a temporary file and a rename, so it stays valid), so every
 * write costs the same however many tests ran. {@link #finish} rebuilds it without the spare
 * spaces. Not thread-safe: the caller serialises.
 */
final class JsonReport implements Closeable {
  static final int CONTAINER_ROOM = 8_192;
  private static final byte[] CONTAINERS = bytes(",\"containers\":[");
  private static final byte[] TESTS = bytes("\n],\"tests\":[");
  private static final byte[] SUMMARY = bytes("\n],\"summary\":");
  private static final byte[] END = bytes("}\n");
  private static final byte[] FIRST = bytes("\n");
  private static final byte[] NEXT = bytes(",\n");

  private final Path path;
  private final byte[] head;
  private FileChannel file;
  private long containersStart;
  private long containersEnd;
  private long testsStart;
  private long testsEnd;
  private int tailLength;

  private JsonReport(Path path, byte[] head) {
    this.path = path;
    this.head = head;
  }

  /**
   * Creates (or replaces) {@code path} with an empty report.
   *
   * @param head the document's first properties: an object left open, without a trailing comma
   */
  static JsonReport create(Path path, byte[] head, byte[] summary) throws IOException {
    JsonReport report = new JsonReport(path, head);
    report.rebuild(summary, null, CONTAINER_ROOM);
    return report;
  }

  /** Appends a test record and the summary that counts it, in one write. */
  void addTest(byte[] record, byte[] summary) throws IOException {
    addTests(List.of(record), summary);
  }

  /** Appends test records and the summary that counts them, in one write. */
  void addTests(List<byte[]> records, byte[] summary) throws IOException {
    ByteArrayOutputStream added = new ByteArrayOutputStream();
    boolean first = testsEnd == testsStart;
    for (byte[] record : records) {
      added.writeBytes(first ? FIRST : NEXT);
      added.writeBytes(record);
      first = false;
    }
    byte[] bytes = added.toByteArray();
    byte[] tail = tail(summary, tailLength - bytes.length);
    write(testsEnd, bytes, tail);
    testsEnd += bytes.length;
    tailLength = tail.length;
  }

  /** Adds a container record, then refreshes the summary. */
  void addContainer(byte[] record, byte[] summary) throws IOException {
    byte[] separator = containersEnd > containersStart ? NEXT : FIRST;
    long room = testsStart - TESTS.length - containersEnd;
    if (separator.length + record.length <= room) {
      write(containersEnd, separator, record);
      containersEnd += separator.length + record.length;
      updateSummary(summary);
    } else {
      byte[] added = concat(separator, record);
      long containers = containersEnd - containersStart + added.length;
      rebuild(summary, added, Math.max(CONTAINER_ROOM, 2 * containers));
    }
  }

  /** Rewrites the summary at the end, in one write. */
  void updateSummary(byte[] summary) throws IOException {
    byte[] tail = tail(summary, tailLength);
    write(testsEnd, tail);
    tailLength = tail.length;
  }

  /** Writes the final summary, drops the reserved spaces and closes the file. */
  void finish(byte[] summary) throws IOException {
    try {
      rebuild(summary, null, 0);
    } finally {
      close();
    }
  }

  @Override
  public void close() throws IOException {
    if (file != null) {
      file.close();
    }
  }

  // The end of the document from the tests' closing bracket, padded with spaces inside the
  // object to at least atLeast bytes, so that it covers what an earlier, longer end left behind.
  private static byte[] tail(byte[] summary, int atLeast) {
    int length = SUMMARY.length + summary.length + END.length;
    return concat(SUMMARY, summary, spaces(Math.max(0, atLeast - length)), END);
  }

  // Writes the whole document into a temporary file, copying the records from the current one,
  // and renames it over the report: readers see the old document or the new one, never a mix.
  private void rebuild(byte[] summary, byte[] newContainer, long containerRoom) throws IOException {
    Path temporary = path.resolveSibling(path.getFileName() + ".tmp");
    long newContainersStart;
    long newContainersEnd;
    long newTestsStart;
    long newTestsEnd;
    byte[] tail = tail(summary, 0);
    try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      newContainersStart = put(out, 0, concat(head, CONTAINERS));
      long position = copy(containersStart, containersEnd, out, newContainersStart);
      newContainersEnd = newContainer == null ? position : put(out, position, newContainer);
      newTestsStart = put(out, newContainersEnd,
          concat(spaces(Math.toIntExact(containerRoom)), TESTS));
      newTestsEnd = copy(testsStart, testsEnd, out, newTestsStart);
      put(out, newTestsEnd, tail);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temporary);
      throw e;
    }
    close();
    file = null;
    try {
      replace(temporary, path);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temporary);
      throw e;
    }
    file = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    containersStart = newContainersStart;
    containersEnd = newContainersEnd;
    testsStart = newTestsStart;
    testsEnd = newTestsEnd;
    tailLength = tail.length;
  }

  private static void replace(Path source, Path target) throws IOException {
    try {
      Files.move(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private long copy(long from, long to, FileChannel out, long position) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
    long read = from;
    long written = position;
    while (read < to) {
      buffer.clear().limit((int) Math.min(buffer.capacity(), to - read));
      int n = file.read(buffer, read);
      if (n < 0) {
        throw new IOException(path + " is shorter than expected: was it changed by someone else?");
      }
      read += n;
      written = put(out, written, Arrays.copyOf(buffer.array(), n));
    }
    return written;
  }

  private void write(long position, byte[]... parts) throws IOException {
    put(file, position, concat(parts));
  }

  // One positioned write: the document goes from one valid state to the next in one call.
  static long put(FileChannel channel, long position, byte[] bytes) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    long at = position;
    while (buffer.hasRemaining()) {
      at += channel.write(buffer, at);
    }
    return at;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      all.writeBytes(part);
    }
    return all.toByteArray();
  }

  private static byte[] spaces(int n) {
    byte[] spaces = new byte[n];
    Arrays.fill(spaces, (byte) ' ');
    return spaces;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
