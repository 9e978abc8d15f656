package dev.loopharness.sample.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.loopharness.api.Leak;
import dev.loopharness.api.LeakDetectedError;
import dev.loopharness.api.LeakKind;
import dev.loopharness.api.LoopClosedException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Runs {@link NettyLineBadTest} on Netty loops through the real engine and checks what it reports. */
class NettyKnownBadTests {

  private static EngineExecutionResults runBadTwin() {
    return EngineTestKit.engine("loop-harness")
        .selectors(selectClass(NettyLineBadTest.class))
        .configurationParameters(Map.of("harness.loop.provider", "netty",
            "harness.report.dir", "target/loop-harness/netty-known-bad", "harness.report.console", "false",
            "harness.leaks.blocked-loop", "ignore"))
        .execute();
  }

  private static Throwable failure(EngineExecutionResults results, String method) {
    return results.testEvents().finished().stream()
        .filter(e -> e.getTestDescriptor().getDisplayName().startsWith(method + "("))
        .findFirst().orElseThrow()
        .getRequiredPayload(TestExecutionResult.class).getThrowable().orElse(null);
  }

  private static List<Leak> leaks(Throwable failure) {
    assertThat(failure).isInstanceOf(LeakDetectedError.class);
    return ((LeakDetectedError) failure).leaks();
  }

  @Test
  void aConnectionLeftOpenIsAResourceLeakWithItsAddressesAndWhereItWasOpened() {
    EngineExecutionResults results = runBadTwin();

    assertThat(leaks(failure(results, "a_leavesItsConnectionOpen"))).singleElement().satisfies(leak -> {
      assertThat(leak.kind()).isEqualTo(LeakKind.RESOURCE);
      assertThat(leak.owner()).isEqualTo("NettyLineBadTest > a_leavesItsConnectionOpen(Loop, LinePort)");
      assertThat(leak.description()).matches("channel NioSocketChannel /127\\.0\\.0\\.1:\\d+ -> /127\\.0\\.0\\.1:\\d+"
          + " opened at LineClient\\.connect\\(LineClient\\.java:\\d+\\), never closed; closed by the harness");
    });
    assertThat(failure(results, "b_keepsItsClientForLater")).isNull();
  }

  @Test
  void aWriteAfterTheLoopClosedIsRefusedAndBlamedOnTheTestThatWrote() {
    EngineExecutionResults results = runBadTwin();

    assertThat(NettyLineBadTest.lateWrite).isInstanceOf(LoopClosedException.class)
        .hasMessageContaining("it belonged to NettyLineBadTest > b_keepsItsClientForLater(Loop, LinePort)"
            + " (function scope)");
    assertThat(leaks(failure(results, "c_writesWithItAfterItsLoopClosed"))).singleElement().satisfies(leak -> {
      assertThat(leak.kind()).isEqualTo(LeakKind.CLOSED_LOOP);
      assertThat(leak.owner()).isEqualTo("NettyLineBadTest > c_writesWithItAfterItsLoopClosed()");
      assertThat(leak.description()).startsWith("execute (through the Netty EventLoop) submitted to loop"
          + " function:NettyLineBadTest.b_keepsItsClientForLater#")
          .contains(" at NettyLineBadTest.c_writesWithItAfterItsLoopClosed(NettyLineBadTest.java:");
    });
  }

  @Test
  void aBufferNeverReleasedIsAResourceLeakOfItsTestWithWhereItWasAllocated() {
    EngineExecutionResults results = runBadTwin();

    assertThat(leaks(failure(results, "d_encodesARequestAndNeverSendsIt"))).singleElement().satisfies(leak -> {
      assertThat(leak.kind()).isEqualTo(LeakKind.RESOURCE);
      assertThat(leak.owner()).isEqualTo("NettyLineBadTest > d_encodesARequestAndNeverSendsIt(Loop)");
      assertThat(leak.description()).matches("ByteBuf \\(\\w+, capacity 16\\) allocated at"
          + " NettyLineBadTest\\.d_encodesARequestAndNeverSendsIt\\(NettyLineBadTest\\.java:\\d+\\),"
          + " never released: call release\\(\\) on it when done \\(ReferenceCountUtil\\.release\\(msg\\)"
          + " in a handler that consumes msg, or extend SimpleChannelInboundHandler\\);"
          + " left allocated \\(the harness does not release a buffer code may still hold\\)");
      assertThat(leak.creationSite()).startsWith("NettyLineBadTest.d_encodesARequestAndNeverSendsIt(NettyLineBadTest.java:");
    });
  }
}
