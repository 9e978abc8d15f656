package dev.loopharness.engine.report;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * This session's tests as {@code report.json} and {@code report.html} list them, kept next to its
 * part and appended as the part is: a rebuild of a build that only this session writes (the
 * common case) copies them instead of reading and rendering every test again, which made the
 * end's rebuild cost a pass over all the run's tests in code the JIT had seen once (≈ 200 ms for
 * 10,000 tests; now ≈ 45 ms). A test's {@code report.json} row is its bytes in the part, which a
 * merge reads and writes back unchanged; its {@code report.html} row is rendered from the record
 * those bytes were encoded from. So a copy holds the very bytes a merge of the part writes
 * (pinned by {@code ReportPartsTests}, with escapes, unpaired surrogates and leaks not listed).
 *
 * <p>Only valid while every test is in the part once: {@link #add} says when one comes again (then
 * a merge must pick which result to keep), and the caller drops the rows then, or if a write
 * fails. Not thread-safe: the caller serialises (the report files' lock).
 */
final class SessionRows implements Closeable {
  private static final byte[] JSON_EMPTY = "[]".getBytes(StandardCharsets.US_ASCII);

  private final Path part;
  private final Path jsonRows;
  private final Path htmlRows;
  private final FileChannel json;
  private final FileChannel html;
  private final RunTotals totals = new RunTotals();
  private final IdHashes ids = new IdHashes();
  // json holds "[" + rows + "]"; the rows end where the bracket starts.
  private long jsonEnd = 1;
  private long htmlEnd;
  private long tests;

  private SessionRows(Path part, Path jsonRows, Path htmlRows, FileChannel json, FileChannel html) {
    this.part = part;
    this.jsonRows = jsonRows;
    this.htmlRows = htmlRows;
    this.json = json;
    this.html = html;
  }

  /** Empty rows for {@code part}, for the files the report writes. */
  static SessionRows start(Path part, boolean withJson, boolean withHtml) throws IOException {
    Path jsonRows = part.resolveSibling(part.getFileName() + ".json.rows");
    Path htmlRows = part.resolveSibling(part.getFileName() + ".html.rows");
    FileChannel json = null;
    FileChannel html = null;
    try {
      if (withJson) {
        json = create(jsonRows);
        JsonReport.put(json, 0, JSON_EMPTY);
      }
      if (withHtml) {
        html = create(htmlRows);
      }
      return new SessionRows(part, jsonRows, htmlRows, json, html);
    } catch (IOException | RuntimeException e) {
      closeAndDelete(json, jsonRows);
      closeAndDelete(html, htmlRows);
      throw e;
    }
  }

  /** The part these rows follow. */
  Path part() {
    return part;
  }

  /** How many tests the rows hold. */
  long tests() {
    return tests;
  }

  /** The tests' totals, counted in the order they were added. */
  RunTotals totals() {
    return totals;
  }

  /** {@code report.json}'s rows, as an array (null when it is off). */
  Path json() {
    return json == null ? null : jsonRows;
  }

  /** {@code report.html}'s rows (null when it is off). */
  Path html() {
    return html == null ? null : htmlRows;
  }

  /**
   * Adds the tests just appended to the part: each record, and the bytes the part holds for it;
   * false if one of them may have come before (then the rows no longer follow the part, and are
   * to be dropped).
   */
  boolean add(List<NodeRecord> records, List<byte[]> written) throws IOException {
    ByteArrayOutputStream jsonBytes = new ByteArrayOutputStream();
    StringBuilder htmlText = new StringBuilder();
    for (int i = 0; i < records.size(); i++) {
      NodeRecord record = records.get(i);
      if (!ids.add(record.id())) {
        return false;
      }
      totals.add(record);
      if (json != null) {
        // As a generator inside the tests' array writes it: a line, then the separator, then the object.
        jsonBytes.write('\n');
        if (tests + i > 0) {
          jsonBytes.write(',');
        }
        jsonBytes.writeBytes(written.get(i));
      }
      if (html != null) {
        htmlText.append(HtmlRows.row(record));
      }
    }
    if (json != null) {
      jsonBytes.write(']');
      byte[] bytes = jsonBytes.toByteArray();
      JsonReport.put(json, jsonEnd, bytes);
      jsonEnd += bytes.length - 1;
    }
    if (html != null) {
      byte[] bytes = htmlText.toString().getBytes(StandardCharsets.UTF_8);
      JsonReport.put(html, htmlEnd, bytes);
      htmlEnd += bytes.length;
    }
    tests += records.size();
    return true;
  }

  /** Closes and deletes the rows. */
  @Override
  public void close() {
    closeAndDelete(json, jsonRows);
    closeAndDelete(html, htmlRows);
  }

  /**
   * The tests' ids as 64-bit hashes (16 bytes a test at most, not the ids themselves): two ids
   * with one hash look like a test that came again, which costs a full merge, never a wrong one.
   */
  private static final class IdHashes {
    private long[] slots = new long[1024];
    private int size;

    // false if the hash was there already
    boolean add(String id) {
      long hash = hash(id);
      int i = slot(hash);
      if (slots[i] == hash) {
        return false;
      }
      if (2 * (size + 1) > slots.length) {
        long[] old = slots;
        slots = new long[old.length * 2];
        for (long h : old) {
          if (h != 0) {
            slots[slot(h)] = h;
          }
        }
        i = slot(hash);
      }
      slots[i] = hash;
      size++;
      return true;
    }

    // Where hash is, or the empty slot where it goes.
    private int slot(long hash) {
      int i = (int) (hash ^ (hash >>> 32)) & (slots.length - 1);
      while (slots[i] != 0 && slots[i] != hash) {
        i = (i + 1) & (slots.length - 1);
      }
      return i;
    }

    // FNV-1a over the chars; 0 marks an empty slot, so no hash is 0.
    private static long hash(String id) {
      long h = 0xcbf29ce484222325L;
      for (int i = 0; i < id.length(); i++) {
        h ^= id.charAt(i);
        h *= 0x100000001b3L;
      }
      return h == 0 ? 1 : h;
    }
  }

  private static FileChannel create(Path path) throws IOException {
    return FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.READ, StandardOpenOption.WRITE);
  }

  private static void closeAndDelete(FileChannel channel, Path path) {
    try {
      if (channel != null) {
        channel.close();
        Files.deleteIfExists(path);
      }
    } catch (IOException | RuntimeException ignored) {
      // a leftover file is cleared with the build's parts
    }
  }
}
