package dev.loopharness.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test's own loops on a {@link VirtualClock} instead of the wall clock, so that hours of
 * timers take milliseconds.
 *
 * <p>On a method, the test's function loop is virtual. On a class (inherited by subclasses), the
 * function loop of every test of the class is virtual and so is the class loop, so that class
 * fixtures and the tests that run on the class loop share one clock. Package and session loops
 * stay on the wall clock unless {@code harness.loop.clock = virtual} makes every loop virtual.
 *
 * <p>On a virtual loop, {@link Loop#schedule}, the {@link Loop#asExecutorService() executor view}'s
 * {@code schedule}, {@code scheduleAtFixedRate} and {@code scheduleWithFixedDelay}, and on Netty
 * loops {@code EventLoop.schedule}, follow the loop's clock:
 *
 * <ul>
 *   <li>While the test's stage (or a fixture's setup or teardown stage) is pending and the loop has
 *       nothing ready to run, the clock jumps to the next armed timer, after {@code
 *       harness.loop.virtual.autojump-after} of real idleness (default {@code 0ms}).
 *   <li>{@link VirtualClock#advanceBy(java.time.Duration)} and {@link
 *       VirtualClock#advanceUntilIdle()} move it explicitly.
 *   <li>Once the test's stage completes the clock stops: a timer still armed is a {@link
 *       LeakKind#TIMER} leak and never fires.
 * </ul>
 *
 * <p>The wall clock still governs test and fixture timeouts, {@code harness.timeout.drain}, the
 * blocked-loop watchdog, {@link System#nanoTime()} and every thread other than the loop's.
 *
 * <pre>{@code
 * @VirtualTime
 * class SessionTest {
 *   @AsyncTest CompletionStage<Void> expiresAfterFiveIdleMinutes(Loop loop, VirtualClock clock) {
 *     Session session = Session.open(loop.asExecutorService(), Duration.ofMinutes(5));
 *     return session.whenExpired()      // the clock jumps 5 minutes while the test waits
 *         .thenRun(() -> assertThat(clock.elapsed()).isEqualTo(Duration.ofMinutes(5)));
 *   }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface VirtualTime {}
