package dev.loopharness.sample.kv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Turns bytes, as they arrive in reads of any size, into lines: a line ends at {@code \n} (an
 * optional {@code \r} before it is dropped) and is decoded as UTF-8 only once it is complete, so a
 * character split across two reads is never garbled.
 */
final class LineDecoder {
  private final int maxLineBytes;
  private byte[] partial = new byte[256];
  private int length;

  LineDecoder(int maxLineBytes) {
    this.maxLineBytes = maxLineBytes;
  }

  /**
   * Consumes every byte of {@code bytes} and adds the lines it completes to {@code lines}.
   *
   * @throws IOException if a line grows beyond the limit (the peer is not speaking the protocol)
   */
  void feed(ByteBuffer bytes, List<String> lines) throws IOException {
    while (bytes.hasRemaining()) {
      int end = indexOfNewline(bytes);
      int chunk = (end < 0 ? bytes.limit() : end) - bytes.position();
      append(bytes, chunk);
      if (end >= 0) {
        bytes.get(); // the '\n'
        lines.add(finishLine());
      }
    }
  }

  private static int indexOfNewline(ByteBuffer bytes) {
    for (int i = bytes.position(); i < bytes.limit(); i++) {
      if (bytes.get(i) == '\n') {
        return i;
      }
    }
    return -1;
  }

  private void append(ByteBuffer bytes, int count) throws IOException {
    if (length + count > maxLineBytes) {
      throw new IOException("line longer than " + maxLineBytes + " bytes");
    }
    if (length + count > partial.length) {
      partial = Arrays.copyOf(partial, Math.min(maxLineBytes, Math.max(length + count, 2 * partial.length)));
    }
    bytes.get(partial, length, count);
    length += count;
  }

  private String finishLine() {
    int end = length > 0 && partial[length - 1] == '\r' ? length - 1 : length;
    String line = new String(partial, 0, end, StandardCharsets.UTF_8);
    length = 0;
    return line;
  }
}
