package dev.loopharness.engine.execution;

import dev.loopharness.api.Leak;
import dev.loopharness.api.Scope;
import dev.loopharness.engine.fixture.FixtureScope;
import dev.loopharness.engine.fixture.FixtureStore;
import dev.loopharness.engine.kit.HarnessLoop;
import dev.loopharness.engine.leak.Owner;
import dev.loopharness.engine.leak.ThreadLeaks;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.TestDescriptor;

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

  ScopeInstance(HarnessRun run, Scope scope, String label, Owner owner, TestDescriptor descriptor) {
    this.run = run;
    this.scope = scope;
    this.label = label;
    this.owner = owner;
    this.descriptor = descriptor;
    this.fixtures = new FixtureStore(owner.name());
    this.threads = run.threads().open(scope == Scope.FUNCTION);
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
          current = run.loops().newLoop(run.loopNames().next(scope, label), scope, owner);
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

  /** The loop if one was created, else null. */
  HarnessLoop loopIfCreated() {
    return loop;
  }

  /**
   * Ends the scope: tears down its fixtures (if not done yet), drains what they and its owner left
   * (cancel, close, await), closes its loop and returns the leaks, in the order they were found.
   */
  List<Leak> end(String closedBy) {
    tearDownFixtures();
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
      current.close(closedBy);
    }
    // After the loop closed: a leaked thread that submits to it now is refused, not tracked anew.
    leaks.addAll(run.threads().collect(threads, owners, owner));
    return leaks;
  }
}
