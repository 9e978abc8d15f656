package dev.loopharness.sample.kv;

import java.lang.ref.Cleaner;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A {@link KvClient} that also closes itself when it becomes unreachable: a {@link Cleaner} (the
 * modern finalizer) schedules the close on the client's executor. That is the Java spelling of
 * closing a transport in {@code __del__}: convenient, and wrong when the executor (an event loop)
 * is gone by the time the garbage collector gets to it. Closing explicitly is always right.
 */
public final class CleanerKvClient {
  private static final Cleaner CLEANER = Cleaner.create();
  private static volatile int cleanerRuns;

  private final KvClient client;
  private final Cleaner.Cleanable cleanable;

  private CleanerKvClient(KvClient client) {
    this.client = client;
    this.cleanable = CLEANER.register(this, new CloseLater(client));
  }

  /** Connects like {@link KvClient#connect(ScheduledExecutorService, int)}. */
  public static CompletionStage<CleanerKvClient> connect(ScheduledExecutorService executor, int port) {
    return KvClient.connect(executor, port).thenApply(CleanerKvClient::new);
  }

  /** See {@link KvClient#put}. */
  public CompletionStage<Void> put(String key, String value) {
    return client.put(key, value);
  }

  /** See {@link KvClient#get}. */
  public CompletionStage<Optional<String>> get(String key) {
    return client.get(key);
  }

  /** Closes now, on the executor, instead of whenever the garbage collector notices. */
  public CompletionStage<Void> close() {
    cleanable.clean();
    return client.whenClosed();
  }

  /** How many cleaning actions have finished in this JVM, explicitly closed or after a GC. */
  public static int cleanerRuns() {
    return cleanerRuns;
  }

  /**
   * The cleaning action; it must not refer to the {@link CleanerKvClient} it cleans up after, or
   * that would never become unreachable.
   */
  private record CloseLater(KvClient client) implements Runnable {
    @Override
    public void run() {
      try {
        client.close(); // throws if the client's executor refuses work; the Cleaner ignores it
      } finally {
        synchronized (CleanerKvClient.class) {
          cleanerRuns++;
        }
      }
    }
  }
}
