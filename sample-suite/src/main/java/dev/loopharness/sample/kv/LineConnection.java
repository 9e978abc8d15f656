package dev.loopharness.sample.kv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One non-blocking socket speaking lines, used on its poller's thread only. Reads take whatever is
 * available and return the complete lines; writes that the socket does not take at once wait in a
 * queue and are finished when the selector reports the socket writable.
 */
final class LineConnection {
  static final int MAX_LINE_BYTES = 8 * 1024 * 1024;
  // Per callback, so that one busy socket never holds the loop for long.
  private static final int MAX_READ_BYTES = 256 * 1024;
  private static final int WRITE_CHUNK_BYTES = 64 * 1024;

  private final SocketChannel channel;
  private final SelectionKey key;
  private final ByteBuffer in = ByteBuffer.allocate(16 * 1024);
  private final LineDecoder decoder = new LineDecoder(MAX_LINE_BYTES);
  private final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
  private boolean peerClosed;
  private boolean closed;

  LineConnection(SocketChannel channel, SelectionKey key) {
    this.channel = channel;
    this.key = key;
    key.attach(this);
  }

  /**
   * Reads what is available now, up to a limit (the selector reports the socket again if more is
   * left); returns the lines it completed, possibly none.
   */
  List<String> read() throws IOException {
    List<String> lines = new ArrayList<>();
    int total = 0;
    int n;
    while (total < MAX_READ_BYTES && (n = channel.read(in)) != 0) {
      if (n < 0) {
        peerClosed = true;
        break;
      }
      total += n;
      in.flip();
      decoder.feed(in, lines);
      in.clear();
    }
    return lines;
  }

  /** Whether the peer closed its side: no more lines will come. */
  boolean peerClosed() {
    return peerClosed;
  }

  /** Queues {@code line} and writes as much as the socket takes now. */
  void send(String line) throws IOException {
    if (closed) {
      throw new IOException("connection is closed");
    }
    ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
    // Slices keep each write's temporary direct buffer small.
    for (int at = 0; at < bytes.limit(); at += WRITE_CHUNK_BYTES) {
      out.add(bytes.slice(at, Math.min(WRITE_CHUNK_BYTES, bytes.limit() - at)));
    }
    flush();
  }

  /** Writes queued bytes until the socket stops taking them; asks for OP_WRITE if some are left. */
  void flush() throws IOException {
    while (!out.isEmpty()) {
      ByteBuffer next = out.peek();
      channel.write(next);
      if (next.hasRemaining()) {
        break; // the socket's send buffer is full: continue when it is writable again
      }
      out.poll();
    }
    key.interestOps(out.isEmpty() ? SelectionKey.OP_READ : SelectionKey.OP_READ | SelectionKey.OP_WRITE);
  }

  /** Whether every queued byte has been handed to the socket. */
  boolean flushed() {
    return out.isEmpty();
  }

  boolean isClosed() {
    return closed;
  }

  /** Closes the socket and forgets unsent bytes; idempotent. */
  void close() {
    if (closed) {
      return;
    }
    closed = true;
    out.clear();
    key.cancel();
    try {
      channel.close();
    } catch (IOException e) {
      // The socket is released even when close reports an error.
    }
  }
}
