package dev.loopharness.engine.execution;

import dev.loopharness.api.Scope;
import dev.loopharness.engine.fixture.ClassFixtures;
import dev.loopharness.engine.leak.Owner;
import java.util.EnumMap;
import java.util.Map;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.hierarchical.EngineExecutionContext;
import org.junit.platform.engine.support.hierarchical.ThrowableCollector;

/**
 * The execution context handed down the tree: the run, the live scope instances (session,
 * package, class) enclosing the node being executed, and the fixtures of its class. Immutable;
 * entering a scope returns a copy.
 */
public final class HarnessExecutionContext implements EngineExecutionContext {
  private final EngineExecutionListener listener;
  private final HarnessRun run;
  private final Map<Scope, ScopeInstance> scopes;
  private final ClassFixtures classFixtures;

  private HarnessExecutionContext(EngineExecutionListener listener, HarnessRun run,
      Map<Scope, ScopeInstance> scopes, ClassFixtures classFixtures) {
    this.listener = listener;
    this.run = run;
    this.scopes = scopes;
    this.classFixtures = classFixtures;
  }

  /** The context before the session begins. */
  public static HarnessExecutionContext initial(EngineExecutionListener listener) {
    return new HarnessExecutionContext(listener, null, new EnumMap<>(Scope.class), null);
  }

  EngineExecutionListener listener() {
    return listener;
  }

  /** The run; null only before the session began. */
  public HarnessRun run() {
    return run;
  }

  HarnessExecutionContext withRun(HarnessRun newRun) {
    return new HarnessExecutionContext(listener, newRun, scopes, classFixtures);
  }

  /** This context with {@code instance} as the live instance of {@code scope}. */
  HarnessExecutionContext withScope(Scope scope, ScopeInstance instance) {
    Map<Scope, ScopeInstance> copy = new EnumMap<>(Scope.class);
    copy.putAll(scopes);
    copy.put(scope, instance);
    return new HarnessExecutionContext(listener, run, copy, classFixtures);
  }

  /** The live instance of {@code scope} (not FUNCTION, which belongs to each test). */
  public ScopeInstance scope(Scope scope) {
    ScopeInstance instance = scopes.get(scope);
    if (instance == null) {
      throw new IllegalStateException("no live " + scope + " scope");
    }
    return instance;
  }

  /** Begins a package, class (or session) scope owned by {@code descriptor}. */
  public HarnessExecutionContext enterScope(Scope scope, String label, TestDescriptor descriptor) {
    return enterScope(scope, label, descriptor, null);
  }

  private HarnessExecutionContext enterScope(Scope scope, String label, TestDescriptor descriptor,
      Class<?> testClass) {
    Owner owner = Owner.create(scope.configName() + " " + label);
    ScopeInstance instance = new ScopeInstance(run, scope, label, owner, descriptor,
        run.clocks().clockFor(scope, testClass, null));
    Map<Scope, ScopeInstance> copy = new EnumMap<>(Scope.class);
    copy.putAll(scopes);
    copy.put(scope, instance);
    return new HarnessExecutionContext(listener, run, copy, classFixtures);
  }

  /**
   * Begins the CLASS scope of {@code testClass}: its scope instance, and one injector over its
   * {@code @Fixtures} and session-wide modules.
   */
  public HarnessExecutionContext enterClass(Class<?> testClass, TestDescriptor descriptor) {
    HarnessExecutionContext entered =
        enterScope(Scope.CLASS, testClass.getSimpleName(), descriptor, testClass);
    ClassFixtures fixtures = ClassFixtures.open(run.fixtures().model(testClass));
    return new HarnessExecutionContext(listener, run, entered.scopes, fixtures);
  }

  /** The fixtures of the class being executed. */
  ClassFixtures classFixtures() {
    if (classFixtures == null) {
      throw new IllegalStateException("no live class scope");
    }
    return classFixtures;
  }

  /**
   * Ends the scope this context entered for {@code descriptor}: tears down its fixtures, drains it,
   * closes its loop and reports what it left on that container.
   *
   * @throws RuntimeException the fixture teardown failures, if any (leaks suppressed onto them)
   */
  public void exitScope(Scope scope, TestDescriptor descriptor) {
    ThrowableCollector failures = Failures.collector();
    exitScope(scope, descriptor, failures);
    failures.assertEmpty();
  }

  /** Like {@link #exitScope(Scope, TestDescriptor)}, adding its failures to {@code failures}. */
  void exitScope(Scope scope, TestDescriptor descriptor, ThrowableCollector failures) {
    ScopeInstance instance = scopes.get(scope);
    if (instance != null && instance.descriptor() == descriptor) {
      instance.close("the harness, at the end of " + instance.owner().name(), failures);
    }
  }

  ScopeInstance newFunctionScope(TestSpec spec) {
    Owner owner = Owner.create(spec.ownerName());
    String label = spec.testClass().getSimpleName() + "." + spec.method().getName();
    return new ScopeInstance(run, Scope.FUNCTION, label, owner, spec.descriptor(),
        run.clocks().clockFor(Scope.FUNCTION, spec.testClass(), spec.method()));
  }
}
