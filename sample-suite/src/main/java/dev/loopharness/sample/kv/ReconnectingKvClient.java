package dev.loopharness.sample.kv;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link KvClient} that keeps itself connected: when an attempt fails or the server closes the
 * connection, it tries again after a backoff that starts at {@code initial}, doubles after every
 * failed attempt and stops growing at {@code max}; a successful connection resets it. The retries
 * are timers of the executor ({@code schedule}); everything runs on the executor's thread.
 *
 * <p>{@link #close()} stops retrying and closes the current connection, if any.
 */
public final class ReconnectingKvClient {
  /** What happens to the client, called on the executor's thread; every method does nothing by default. */
  public interface Listener {
    /** Attempt number {@code attempt} (1 for the first) is about to connect. */
    default void attempting(int attempt) {}

    /** A connection was established. */
    default void connected(KvClient client) {}

    /** An attempt failed; the next one comes after {@code retryIn}. */
    default void failed(Throwable error, Duration retryIn) {}

    /** The connection was lost (the server closed it); a retry comes after {@code retryIn}. */
    default void lost(Duration retryIn) {}
  }

  private final ScheduledExecutorService executor;
  private final int port;
  private final Duration heartbeat;
  private final Duration initial;
  private final Duration max;
  private final Listener listener;
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private CompletableFuture<KvClient> nextConnection = new CompletableFuture<>();
  private CompletionStage<?> inFlight = CompletableFuture.completedFuture(null);
  private Duration backoff;
  private KvClient current;
  private ScheduledFuture<?> retry;
  private boolean closing;
  private int attempts;

  private ReconnectingKvClient(ScheduledExecutorService executor, int port, Duration heartbeat,
      Duration initial, Duration max, Listener listener) {
    this.executor = executor;
    this.port = port;
    this.heartbeat = heartbeat;
    this.initial = initial;
    this.max = max;
    this.listener = listener;
    this.backoff = initial;
  }

  /**
   * Starts connecting to 127.0.0.1:{@code port} at once, and again after every failure or loss.
   *
   * @param heartbeat each connection's heartbeat ({@link KvClient#connect(ScheduledExecutorService,
   *     int, Duration)}); zero for none
   * @param initial the first backoff, greater than zero
   * @param max the longest backoff, at least {@code initial}
   * @throws java.util.concurrent.RejectedExecutionException if the executor refuses work
   */
  public static ReconnectingKvClient start(ScheduledExecutorService executor, int port,
      Duration heartbeat, Duration initial, Duration max, Listener listener) {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("backoff must satisfy 0 < initial <= max, got " + initial
          + " and " + max);
    }
    ReconnectingKvClient client = new ReconnectingKvClient(executor, port, heartbeat, initial, max,
        Objects.requireNonNull(listener, "listener"));
    executor.execute(client::attempt);
    return client;
  }

  /** The connection now, if connected. Read it on the executor's thread. */
  public Optional<KvClient> current() {
    return Optional.ofNullable(current);
  }

  /** How many attempts were started so far. Read it on the executor's thread. */
  public int attempts() {
    return attempts;
  }

  /** Completes with the next connection established (with the current one if connected now). */
  public CompletionStage<KvClient> whenConnected() {
    CompletableFuture<KvClient> result = new CompletableFuture<>();
    executor.execute(() -> {
      if (current != null) {
        result.complete(current);
      } else {
        nextConnection.whenComplete((client, error) -> result.complete(client));
      }
    });
    return result;
  }

  /**
   * Stops retrying and closes the current connection; the stage completes when nothing of this
   * client is left (an attempt in flight is awaited and closed). Idempotent.
   */
  public CompletionStage<Void> close() {
    executor.execute(() -> {
      if (closing) {
        return;
      }
      closing = true;
      if (retry != null) {
        retry.cancel(false);
      }
      inFlight.handle((value, error) -> null).thenCompose(settled -> {
        KvClient connection = current;
        current = null;
        return connection == null ? CompletableFuture.completedFuture(null) : connection.close();
      }).whenComplete((value, error) -> closed.complete(null));
    });
    return closed;
  }

  private void attempt() {
    if (closing) {
      return;
    }
    attempts++;
    listener.attempting(attempts);
    CompletionStage<KvClient> attempt = KvClient.connect(executor, port, heartbeat);
    inFlight = attempt;
    // KvClient completes its connect stage on the executor's thread.
    attempt.whenComplete(this::settled);
  }

  private void settled(KvClient client, Throwable error) {
    if (closing) {
      if (client != null) {
        current = client; // closed by close(), which awaits this attempt
      }
      return;
    }
    if (error != null) {
      listener.failed(error, scheduleRetry());
      return;
    }
    current = client;
    backoff = initial;
    listener.connected(client);
    CompletableFuture<KvClient> waiting = nextConnection;
    nextConnection = new CompletableFuture<>();
    waiting.complete(client);
    client.whenClosed().thenRun(() -> lost(client));
  }

  private void lost(KvClient client) {
    if (closing || current != client) {
      return;
    }
    current = null;
    listener.lost(scheduleRetry());
  }

  private Duration scheduleRetry() {
    Duration delay = backoff;
    Duration doubled = backoff.multipliedBy(2);
    backoff = doubled.compareTo(max) > 0 ? max : doubled;
    retry = executor.schedule(this::attempt, delay.toNanos(), TimeUnit.NANOSECONDS);
    return delay;
  }
}
