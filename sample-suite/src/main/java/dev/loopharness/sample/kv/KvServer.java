package dev.loopharness.sample.kv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

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
 * <p>A connection whose client sends nothing for the idle timeout (five minutes unless given) is
 * closed by the server; every request restarts that client's timer. The server keeps running until
 * {@link #close()}, which closes the listening socket and every connection it accepted. All its
 * state lives on the executor's thread; its timers are the executor's {@code schedule}.
 */
public final class KvServer {
  /** How long a client may stay silent before {@link #start(ScheduledExecutorService)}'s server closes it. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);

  private final ScheduledExecutorService executor;
  private final Duration idleTimeout;
  private final Map<LineConnection, ScheduledFuture<?>> idleTimers = new HashMap<>();
  private final ServerSocketChannel listener;
  private final Poller poller;
  private final Map<String, String> store = new HashMap<>();
  private final Set<LineConnection> connections = new HashSet<>();
  private final int port;
  private final CompletableFuture<Void> closed = new CompletableFuture<>();

  private KvServer(ScheduledExecutorService executor, int port, Duration idleTimeout)
      throws IOException {
    this.executor = executor;
    this.idleTimeout = idleTimeout;
    this.listener = ServerSocketChannel.open();
    Poller started = null;
    try {
      listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
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
   * Starts a server on {@code executor}, on an ephemeral port, closing clients silent for {@link
   * #DEFAULT_IDLE_TIMEOUT}; the stage completes once it listens.
   *
   * @throws java.util.concurrent.RejectedExecutionException if the executor refuses work
   */
  public static CompletionStage<KvServer> start(ScheduledExecutorService executor) {
    return start(executor, 0, DEFAULT_IDLE_TIMEOUT);
  }

  /**
   * Starts a server on {@code executor}; the stage completes once it listens.
   *
   * @param port the port on 127.0.0.1, or 0 for an ephemeral one
   * @param idleTimeout how long a client may send nothing before the server closes its connection
   * @throws java.util.concurrent.RejectedExecutionException if the executor refuses work
   */
  public static CompletionStage<KvServer> start(ScheduledExecutorService executor, int port,
      Duration idleTimeout) {
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("idleTimeout must be positive, got " + idleTimeout);
    }
    return CompletableFuture.supplyAsync(() -> {
      try {
        return new KvServer(executor, port, idleTimeout);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
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
    idleTimers.values().forEach(timer -> timer.cancel(false));
    idleTimers.clear();
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
        if (!requests.isEmpty()) {
          watchIdle(connection);
        }
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
        LineConnection connection =
            new LineConnection(channel, poller.register(channel, SelectionKey.OP_READ, null));
        connections.add(connection);
        watchIdle(connection);
      }
    }
  }

  // Each request re-arms the client's idle timer: it fires only after idleTimeout of silence.
  private void watchIdle(LineConnection connection) {
    ScheduledFuture<?> previous = idleTimers.put(connection, executor.schedule(
        () -> drop(connection), idleTimeout.toNanos(), TimeUnit.NANOSECONDS));
    if (previous != null) {
      previous.cancel(false);
    }
  }

  private void drop(LineConnection connection) {
    connection.close();
    connections.remove(connection);
    ScheduledFuture<?> idle = idleTimers.remove(connection);
    if (idle != null) {
      idle.cancel(false);
    }
  }
}
