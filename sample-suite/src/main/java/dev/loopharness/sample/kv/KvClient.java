package dev.loopharness.sample.kv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A connection to a {@link KvServer}, served by non-blocking NIO on one executor thread. Requests
 * may be sent from any thread and pipelined: answers arrive in request order. While open, the
 * connection sends a {@code PING} heartbeat at a fixed interval.
 *
 * <p>A client must be closed with {@link #close()}: that cancels its heartbeat and its polling,
 * closes the socket and fails the requests still waiting for an answer. If the server closes the
 * connection, the client closes itself the same way.
 */
public final class KvClient {
  /** The heartbeat interval of {@link #connect(ScheduledExecutorService, int)}. */
  public static final Duration DEFAULT_HEARTBEAT = Duration.ofMillis(500);

  private final ScheduledExecutorService executor;
  private final SocketChannel channel;
  private final Poller poller;
  private final CompletableFuture<KvClient> connected = new CompletableFuture<>();
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private final ArrayDeque<CompletableFuture<String>> waiting = new ArrayDeque<>();
  private final Duration heartbeat;
  private LineConnection connection;
  private ScheduledFuture<?> heartbeats;
  private volatile int pongs;

  private KvClient(ScheduledExecutorService executor, int port, Duration heartbeat) throws IOException {
    this.executor = executor;
    this.heartbeat = heartbeat;
    this.channel = SocketChannel.open();
    Poller started = null;
    try {
      channel.configureBlocking(false);
      started = Poller.start(executor, new Events());
      this.poller = started;
      SelectionKey key = poller.register(channel, SelectionKey.OP_CONNECT, null);
      if (channel.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
        established(key);
      }
    } catch (IOException | RuntimeException e) {
      if (started != null) {
        started.close();
      }
      channel.close();
      throw e;
    }
  }

  /** Connects to the server on 127.0.0.1:{@code port} with the default heartbeat. */
  public static CompletionStage<KvClient> connect(ScheduledExecutorService executor, int port) {
    return connect(executor, port, DEFAULT_HEARTBEAT);
  }

  /**
   * Connects to the server on 127.0.0.1:{@code port}; the stage completes once connected.
   *
   * @param heartbeat the interval between two {@code PING}s; zero sends none (a silent client)
   * @throws java.util.concurrent.RejectedExecutionException if the executor refuses work
   */
  public static CompletionStage<KvClient> connect(ScheduledExecutorService executor, int port,
      Duration heartbeat) {
    CompletableFuture<KvClient> result = new CompletableFuture<>();
    executor.execute(() -> {
      try {
        new KvClient(executor, port, heartbeat).connected.whenComplete((client, error) -> {
          if (error != null) {
            result.completeExceptionally(error);
          } else {
            result.complete(client);
          }
        });
      } catch (IOException e) {
        result.completeExceptionally(new UncheckedIOException("cannot connect to 127.0.0.1:" + port, e));
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    });
    return result;
  }

  /** Sends {@code PING}; completes with the answer, {@code PONG}. */
  public CompletionStage<String> ping() {
    return request("PING");
  }

  /** Stores {@code value} (one line of text) under {@code key} (no spaces). */
  public CompletionStage<Void> put(String key, String value) {
    return request("PUT " + key + " " + value).thenAccept(answer -> expect(answer, "OK"));
  }

  /** The value stored under {@code key}, or empty. */
  public CompletionStage<Optional<String>> get(String key) {
    return request("GET " + key).thenApply(answer -> answer.equals("MISSING")
        ? Optional.empty()
        : Optional.of(expect(answer, "VALUE ").substring("VALUE ".length())));
  }

  /** Deletes {@code key}; completes with whether it was there. */
  public CompletionStage<Boolean> delete(String key) {
    return request("DEL " + key).thenApply("DELETED"::equals);
  }

  /** How many heartbeats the server has answered so far. */
  public int heartbeatsAnswered() {
    return pongs;
  }

  /** Whether the connection is closed (by {@link #close()} or by the server). */
  public boolean isClosed() {
    return closed.isDone();
  }

  /** Completes once the connection is closed, whoever closed it. */
  public CompletionStage<Void> whenClosed() {
    return closed;
  }

  /**
   * Cancels the heartbeat, closes the socket and fails waiting requests; the stage completes when
   * that is done. Idempotent.
   *
   * @throws java.util.concurrent.RejectedExecutionException if the client is open and its executor
   *     refuses work (a closed event loop, say): the connection then stays open
   */
  public CompletionStage<Void> close() {
    if (!closed.isDone()) {
      executor.execute(() -> closeNow(new IOException("the client was closed")));
    }
    return closed;
  }

  private CompletionStage<String> request(String line) {
    CompletableFuture<String> answer = new CompletableFuture<>();
    executor.execute(() -> {
      if (closed.isDone() || connection == null) {
        answer.completeExceptionally(new IOException("connection is closed"));
        return;
      }
      waiting.add(answer);
      try {
        connection.send(line);
      } catch (IOException e) {
        closeNow(e);
      }
    });
    return answer;
  }

  private void established(SelectionKey key) {
    connection = new LineConnection(channel, key);
    key.interestOps(SelectionKey.OP_READ);
    long every = heartbeat.toNanos(); // zero: a silent client, no heartbeat
    heartbeats = every <= 0 ? null : executor.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.NANOSECONDS);
    connected.complete(this);
  }

  private void beat() {
    request("PING").thenAccept(answer -> pongs++);
  }

  private void closeNow(Exception cause) {
    if (closed.isDone()) {
      return;
    }
    if (heartbeats != null) {
      heartbeats.cancel(false);
    }
    poller.close();
    if (connection != null) {
      connection.close();
    } else {
      try {
        channel.close();
      } catch (IOException e) {
        // The socket is released even when close reports an error.
      }
    }
    connected.completeExceptionally(cause);
    for (CompletableFuture<String> answer = waiting.poll(); answer != null; answer = waiting.poll()) {
      answer.completeExceptionally(cause);
    }
    closed.complete(null);
  }

  private static String expect(String answer, String prefix) {
    if (!answer.startsWith(prefix)) {
      throw new IllegalStateException("server answered '" + answer + "'");
    }
    return answer;
  }

  /** What the poller reports: the connection established, answers, a writable socket, EOF. */
  private final class Events implements Poller.Handler {
    @Override
    public void ready(SelectionKey key) throws IOException {
      if (key.isConnectable()) {
        if (channel.finishConnect()) {
          established(key);
        }
        return;
      }
      if (key.isWritable()) {
        connection.flush();
      }
      if (key.isReadable()) {
        List<String> answers = connection.read();
        for (String answer : answers) {
          CompletableFuture<String> next = waiting.poll();
          if (next != null) {
            next.complete(answer);
          }
        }
        if (connection.peerClosed()) {
          closeNow(new IOException("the server closed the connection"));
        }
      }
    }

    @Override
    public void failed(SelectionKey key, Exception error) {
      closeNow(error);
    }
  }
}
