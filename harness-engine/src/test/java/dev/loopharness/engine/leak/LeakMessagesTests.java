package dev.loopharness.engine.leak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.api.Leak;
import dev.loopharness.api.LeakKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeakMessagesTests {
  private static final String OWNER = "EchoTest > echoes()";

  @Test
  void listsEachLeakWithItsKindAndTheFix() {
    List<Leak> leaks = List.of(
        new Leak(LeakKind.TASK, OWNER, "'heartbeat' spawned at EchoClient.startHeartbeat(EchoClient.java:42),"
            + " still pending; cancelled after 0 ms", "EchoClient.startHeartbeat(EchoClient.java:42)"),
        new Leak(LeakKind.TIMER, OWNER, "armed for 5s at EchoClient.scheduleRetry(EchoClient.java:57); cancelled",
            "EchoClient.scheduleRetry(EchoClient.java:57)"),
        new Leak(LeakKind.RESOURCE, OWNER, "'tcp 127.0.0.1:50112' opened at EchoClient.connect(EchoClient.java:30),"
            + " never closed; closed by the harness", "EchoClient.connect(EchoClient.java:30)"));
    assertThat(LeakMessages.format(OWNER, leaks)).isEqualTo("""
        EchoTest > echoes() leaked 1 task, 1 timer, 1 resource:
          TASK     'heartbeat' spawned at EchoClient.startHeartbeat(EchoClient.java:42), still pending; cancelled after 0 ms
          TIMER    armed for 5s at EchoClient.scheduleRetry(EchoClient.java:57); cancelled
          RESOURCE 'tcp 127.0.0.1:50112' opened at EchoClient.connect(EchoClient.java:30), never closed; closed by the harness
        Fix: cancel and await background work, and close resources, before the test's stage completes
        (or move them into a fixture with a teardown).""");
  }

  @Test
  void summarisesBeyondTwentyLeaks() {
    List<Leak> leaks = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      leaks.add(new Leak(LeakKind.TASK, OWNER, "'task-" + (i + 1) + "' still pending; cancelled after 0 ms", ""));
    }
    String message = LeakMessages.format(OWNER, leaks);
    assertThat(message.lines()).hasSize(1 + 20 + 1 + 2);
    assertThat(message).startsWith("EchoTest > echoes() leaked 100,000 tasks:\n"
        + "  TASK     'task-1' still pending; cancelled after 0 ms\n");
    assertThat(message).contains("  TASK     'task-20' still pending; cancelled after 0 ms\n"
        + "  ... and 99,980 more tasks\n"
        + "Fix: cancel and await");
    assertThat(message).doesNotContain("'task-21'");
  }

  @Test
  void summarisesMixedKindsByKind() {
    List<Leak> leaks = new ArrayList<>();
    for (int i = 0; i < 21; i++) {
      leaks.add(new Leak(LeakKind.TASK, OWNER, "t" + i, ""));
    }
    leaks.add(new Leak(LeakKind.TIMER, OWNER, "armed for 1s", ""));
    leaks.add(new Leak(LeakKind.TIMER, OWNER, "armed for 2s", ""));
    assertThat(LeakMessages.format(OWNER, leaks))
        .startsWith("EchoTest > echoes() leaked 21 tasks, 2 timers:\n")
        .contains("\n  ... and 1 more task, 2 more timers\n");
  }

  @Test
  void explainsClosedLoopsAndBlockedLoopsWithTheirOwnFixes() {
    List<Leak> leaks = List.of(
        new Leak(LeakKind.CLOSED_LOOP, OWNER, "execute submitted to loop function:EchoTest#1 from thread 'main'"
            + " at EchoClient.close(EchoClient.java:70), after the loop was closed at 12:00:00.123 by the harness",
            "EchoClient.close(EchoClient.java:70)"),
        new Leak(LeakKind.BLOCKED_LOOP, OWNER, "a callback held loop class:EchoTest#1 for more than 100ms"
            + " (harness.loop.slow-callback); its thread 'loop-harness class:EchoTest#1' was at:\n"
            + "  at java.base/java.lang.Thread.sleep(Native Method)\n"
            + "  at dev.example.EchoClient.read(EchoClient.java:88)", "EchoClient.read(EchoClient.java:88)"));
    assertThat(LeakMessages.format(OWNER, leaks)).isEqualTo("""
        EchoTest > echoes() leaked 1 submission to a closed loop, 1 blocking callback:
          CLOSED_LOOP  execute submitted to loop function:EchoTest#1 from thread 'main' at EchoClient.close(EchoClient.java:70), after the loop was closed at 12:00:00.123 by the harness
          BLOCKED_LOOP a callback held loop class:EchoTest#1 for more than 100ms (harness.loop.slow-callback); its thread 'loop-harness class:EchoTest#1' was at:
                         at java.base/java.lang.Thread.sleep(Native Method)
                         at dev.example.EchoClient.read(EchoClient.java:88)
        Fix: do not keep objects that use a loop beyond its scope: give the object's fixture a loopScope at least as wide as its scope, or close it before its scope ends.
        Fix: do not block a loop thread: run blocking calls on another executor and complete a stage from there, or split long work into shorter callbacks.""");
  }

  @Test
  void addsACreationSiteTheDescriptionDoesNotMention() {
    List<Leak> leaks = List.of(new Leak(LeakKind.THREAD, OWNER, "thread 'poller' still alive", "Poller.start(Poller.java:9)"));
    assertThat(LeakMessages.format(OWNER, leaks)).isEqualTo("""
        EchoTest > echoes() leaked 1 thread:
          THREAD   thread 'poller' still alive (created at Poller.start(Poller.java:9))
        Fix: stop and join the threads the test starts before it ends (or list their names in harness.leaks.ignore-threads).""");
  }
}
