package dev.loopharness.sample.kv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A line-based key-value server on 127.0.0.1 and an ephemeral port, served by non-blocking NIO on
 * one executor thread. Every request is one line and gets one line back:
 *
 * <pre>
 * PING            → PONG
 * PUT key value   → OK            (the value may contain spaces)
 * GET key         → VALUE value | MISSING
 * DEL key         → DELETED | MISSING
 * anything else   → ERROR ...
 * </pre>
 *
 * <p>The server keeps running until {@link #close()}, which closes the listening socket and every
 * connection it accepted. All its state lives on the executor's thread.
 */
public final class KvServer {
  private final ScheduledExecutorService executor;
  private final ServerSocketChannel listener;
  private final Poller poller;
  private final Map<String, String> store = new HashMap<>();
  private final Set<LineConnection> connections = new HashSet<>();
  private final int port;
  private final CompletableFuture<Void> closed = new CompletableFuture<>();

  private KvServer(ScheduledExecutorService executor) throws IOException {
    this.executor = executor;
    this.listener = ServerSocketChannel.open();
    Poller started = null;
    try {
      listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      listener.configureBlocking(false);
      this.port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
      started = Poller.start(executor, new Events());
      started.register(listener, SelectionKey.OP_ACCEPT, null);
    } catch (IOException | RuntimeException e) {
      if (started != null) {
        started.close();
      }
      listener.close();
      throw e;
    }
    this.poller = started;
  }

  /**
   * Starts a server on {@code executor}; the stage completes once it listens.
   *
   * @throws java.util.concurrent.RejectedExecutionException if the executor refuses work
   */
  public static CompletionStage<KvServer> start(ScheduledExecutorService executor) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return new KvServer(executor);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot listen on 127.0.0.1", e);
      }
    }, executor);
  }

  /** The port the server listens on, on 127.0.0.1. */
  public int port() {
    return port;
  }

  /**
   * Stops listening and closes every connection; the stage completes when all are closed.
   * Idempotent.
   *
   * @throws java.util.concurrent.RejectedExecutionException if the server is open and its executor
   *     refuses work
   */
  public CompletionStage<Void> close() {
    if (!closed.isDone()) {
      executor.execute(this::closeNow);
    }
    return closed;
  }

  private void closeNow() {
    if (closed.isDone()) {
      return;
    }
    poller.close();
    for (LineConnection c : connections) {
      c.close();
    }
    connections.clear();
    try {
      listener.close();
    } catch (IOException e) {
      // The port is released even when close reports an error.
    }
    closed.complete(null);
  }

  private String answer(String request) {
    String[] words = request.split(" ", 3);
    switch (words[0]) {
      case "PING":
        return "PONG";
      case "PUT":
        if (words.length < 3) {
          return "ERROR usage: PUT key value";
        }
        store.put(words[1], words[2]);
        return "OK";
      case "GET":
        String value = words.length == 2 ? store.get(words[1]) : null;
        return words.length != 2 ? "ERROR usage: GET key" : value == null ? "MISSING" : "VALUE " + value;
      case "DEL":
        return words.length != 2 ? "ERROR usage: DEL key"
            : store.remove(words[1]) == null ? "MISSING" : "DELETED";
      default:
        return "ERROR unknown command '" + words[0] + "'";
    }
  }

  /** What the poller reports: new clients, requests, writable sockets, closed peers. */
  private final class Events implements Poller.Handler {
    @Override
    public void ready(SelectionKey key) throws IOException {
      if (key.isAcceptable()) {
        accept();
        return;
      }
      LineConnection connection = (LineConnection) key.attachment();
      if (key.isWritable()) {
        connection.flush();
      }
      if (key.isReadable()) {
        List<String> requests = connection.read();
        for (String request : requests) {
          connection.send(answer(request));
        }
      }
      // A client that closed its side gets its last answers, then the connection closes.
      if (connection.peerClosed() && connection.flushed()) {
        drop(connection);
      }
    }

    @Override
    public void failed(SelectionKey key, Exception error) {
      if (key.attachment() instanceof LineConnection connection) {
        drop(connection);
      }
    }

    private void accept() throws IOException {
      SocketChannel channel;
      while ((channel = listener.accept()) != null) {
        channel.configureBlocking(false);
        connections.add(new LineConnection(channel, poller.register(channel, SelectionKey.OP_READ, null)));
      }
    }

    private void drop(LineConnection connection) {
      connection.close();
      connections.remove(connection);
    }
  }
}
