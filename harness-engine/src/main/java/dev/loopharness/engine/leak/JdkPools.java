package dev.loopharness.engine.leak;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Threads of well-known pools. Those that never end by themselves (JDK HttpClient, idle workers)
 * are reported without waiting for the drain timeout, with the fix that works for that pool; a
 * JVM-wide shared one (Netty's GlobalEventExecutor) is never reported.
 */
final class JdkPools {
  // The JDK's HttpClient: 'HttpClient-7-SelectorManager' and its executor's 'HttpClient-7-Worker-0'.
  private static final Pattern HTTP_CLIENT = Pattern.compile("HttpClient-(\\d+)-(SelectorManager|Worker-\\d+)");
  private static final String HTTP_CLIENT_HINT = "It is a thread of a JDK HttpClient (%s):"
      + " the client keeps its selector and worker threads until it is garbage-collected. Share one"
      + " client in a SESSION fixture (fixture(HttpClient.class).scope(Scope.SESSION)"
      + ".loopScope(Scope.SESSION).setup(ctx -> HttpClient.newHttpClient())), or on JDK 21+ close it"
      + " (close() or shutdownNow()) in the teardown of the fixture that creates it.";

  // Netty's JVM-wide GlobalEventExecutor: one thread for everyone, which ends by itself after a
  // second without tasks, like the common pool's workers; never a test's thread.
  private static final Pattern SHARED = Pattern.compile("globalEventExecutor-\\d+-\\d+");

  private JdkPools() {}

  /** Whether {@code thread} is a JVM-wide shared pool's thread, never anyone's leak. */
  static boolean isShared(Thread thread) {
    return SHARED.matcher(thread.getName()).matches();
  }

  /** The id of the HttpClient that {@code thread} serves ({@code HttpClient-7}), or null. */
  static String httpClient(Thread thread) {
    Matcher m = HTTP_CLIENT.matcher(thread.getName());
    return m.matches() ? "HttpClient-" + m.group(1) : null;
  }

  /**
   * Whether waiting for {@code thread} to end is pointless: an HttpClient thread, or a pool worker
   * parked waiting for its next task (it ends only when its pool is shut down).
   */
  static boolean neverEndsAlone(Thread thread) {
    if (httpClient(thread) != null) {
      return true;
    }
    for (StackTraceElement frame : thread.getStackTrace()) {
      String at = frame.getClassName() + "." + frame.getMethodName();
      if (at.equals("java.util.concurrent.ThreadPoolExecutor.getTask")
          || at.equals("java.util.concurrent.ForkJoinPool.awaitWork")
          || at.equals("java.util.TimerThread.mainLoop")) {
        return true;
      }
    }
    return false;
  }

  /**
   * For each HttpClient among {@code threads}: where it was created, which is where its selector
   * thread was constructed (inside {@code HttpClient.newHttpClient()} or {@code build()}).
   */
  static <T> Map<String, String> clientSites(List<T> threads, Function<T, Thread> thread,
      Function<T, String> site) {
    Map<String, String> sites = new HashMap<>();
    for (T t : threads) {
      Thread th = thread.apply(t);
      String client = httpClient(th);
      String where = site.apply(t);
      if (client != null && th.getName().endsWith("-SelectorManager") && !where.isEmpty()) {
        sites.put(client, where);
      }
    }
    return sites;
  }

  /** The fix for a thread of a known pool, or null. */
  static String hint(Thread thread) {
    String client = httpClient(thread);
    return client == null ? null : String.format(HTTP_CLIENT_HINT, client);
  }
}
