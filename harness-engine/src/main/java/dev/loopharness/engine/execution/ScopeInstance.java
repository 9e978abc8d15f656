package dev.loopharness.engine.execution;

import dev.loopharness.api.Leak;
import dev.loopharness.api.Scope;
import dev.loopharness.engine.clock.VirtualLoopClock;
import dev.loopharness.engine.fixture.FixtureScope;
import dev.loopharness.engine.fixture.FixtureStore;
import dev.loopharness.engine.kit.HarnessLoop;
import dev.loopharness.engine.leak.LeakVerdict;
import dev.loopharness.engine.kit.LoopClock;
import dev.loopharness.engine.kit.LoopSpec;
import dev.loopharness.engine.leak.Owner;
import dev.loopharness.engine.leak.ThreadLeaks;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.hierarchical.ThrowableCollector;

/**
 * One live instance of a scope (a test, a class, a package, the session): its owner, its loop
 * (created on first use) and its fixtures; when the scope ends, its fixtures are torn down, then
 * what they and its owner left is drained, then the loop closes.
 */
public final class ScopeInstance implements FixtureScope {
  private final HarnessRun run;
  private final Scope scope;
  private final String label;
  private final Owner owner;
  private final TestDescriptor descriptor;
  private final FixtureStore fixtures;
  private volatile HarnessLoop loop;
  private final ThreadLeaks.Window threads;
  private final VirtualLoopClock clock;

  /** @param clock the virtual clock its loop will follow, or null for the wall clock */
  ScopeInstance(HarnessRun run, Scope scope, String label, Owner owner, TestDescriptor descriptor,
      VirtualLoopClock clock) {
    this.run = run;
    this.scope = scope;
    this.label = label;
    this.owner = owner;
    this.descriptor = descriptor;
    this.fixtures = new FixtureStore(owner.name());
    this.threads = run.threads().open(scope == Scope.FUNCTION);
    this.clock = clock;
  }

  /** The virtual clock this scope's loop follows, or null if it follows the wall clock. */
  VirtualLoopClock clock() {
    return clock;
  }

  public Scope scope() {
    return scope;
  }

  public Owner owner() {
    return owner;
  }

  /** The test or container that reports what this scope's owner leaves behind. */
  public TestDescriptor descriptor() {
    return descriptor;
  }

  /** This scope's loop, created on first use. */
  @Override
  public HarnessLoop loop() {
    HarnessLoop current = loop;
    if (current == null) {
      synchronized (this) {
        current = loop;
        if (current == null) {
          String name = run.loopNames().next(scope, label);
          if (clock != null) {
            clock.named(name);
          }
          current = run.loops().newLoop(
              new LoopSpec(name, scope, owner, clock == null ? LoopClock.real() : clock));
          loop = current;
        }
      }
    }
    return current;
  }

  @Override
  public FixtureStore fixtures() {
    return fixtures;
  }

  /**
   * Tears down this scope's fixtures, newest first, each on its setup loop; returns the failures
   * as one exception, or null. Idempotent: a second call finds nothing to tear down.
   */
  RuntimeException tearDownFixtures() {
    return fixtures.tearDown(run.config());
  }

  /**
   * Ends the scope, the one sequence for a test, a container and the session: tears down its
   * fixtures, drains what they and its owner left and closes its loop, then reports the leaks on
   * its descriptor under the leak policies. A step that fails does not stop the next: each failure
   * goes to {@code failures} (the first wins, later ones are suppressed onto it).
   *
   * @param closedBy who closes its loop, as users read it
   */
  void close(String closedBy, ThrowableCollector failures) {
    failures.execute(() -> {
      RuntimeException teardown = tearDownFixtures();
      if (teardown != null) {
        throw teardown;
      }
    });
    List<Leak> leaks = new ArrayList<>();
    failures.execute(() -> leaks.addAll(drainAndClose(closedBy)));
    failures.execute(() -> LeakVerdict.apply(run.config(), run.listener(), run.report(), descriptor,
        owner.name(), leaks));
  }

  /**
   * Drains what its fixtures and its owner left (cancel, close, await), closes its loop and returns
   * the leaks, in the order they were found.
   */
  private List<Leak> drainAndClose(String closedBy) {
    List<Leak> leaks = new ArrayList<>();
    List<Owner> owners = new ArrayList<>(fixtures.owners());
    for (Owner fixture : owners) {
      leaks.addAll(run.drainer().drain(fixture));
      fixture.end();
    }
    leaks.addAll(run.drainer().drain(owner));
    owner.end();
    owners.add(owner);
    HarnessLoop current = loop;
    if (current != null) {
      if (clock != null) {
        clock.release(); // what runs at close (Netty's graceful shutdown) is bounded in real time
      }
      current.close(closedBy);
    }
    // After the loop closed: a leaked thread that submits to it now is refused, not tracked anew.
    leaks.addAll(run.threads().collect(threads, owners, owner));
    return leaks;
  }
}
