package dev.loopharness.engine.execution;

import dev.loopharness.api.Leak;
import dev.loopharness.api.Scope;
import dev.loopharness.engine.leak.Owner;
import dev.loopharness.engine.loop.HarnessLoop;
import java.util.List;
import org.junit.platform.engine.TestDescriptor;

/**
 * One live instance of a scope (a test, a class, a package, the session): its owner and its loop,
 * created on first use and closed when the scope ends, after its owner's work is drained.
 */
public final class ScopeInstance {
  private final HarnessRun run;
  private final Scope scope;
  private final String label;
  private final Owner owner;
  private final TestDescriptor descriptor;
  private volatile HarnessLoop loop;

  ScopeInstance(HarnessRun run, Scope scope, String label, Owner owner, TestDescriptor descriptor) {
    this.run = run;
    this.scope = scope;
    this.label = label;
    this.owner = owner;
    this.descriptor = descriptor;
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

  /** The loop if one was created, else null. */
  HarnessLoop loopIfCreated() {
    return loop;
  }

  /**
   * Ends the scope: drains what its owner left (cancel, close, await), closes its loop and returns
   * the leaks, in the order they were found.
   */
  List<Leak> end(String closedBy) {
    List<Leak> leaks = run.drainer().drain(owner);
    owner.end();
    HarnessLoop current = loop;
    if (current != null) {
      current.close(closedBy);
    }
    return leaks;
  }
}
