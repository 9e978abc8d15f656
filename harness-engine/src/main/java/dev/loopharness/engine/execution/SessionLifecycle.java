package dev.loopharness.engine.execution;

import dev.loopharness.api.Leak;
import dev.loopharness.api.Scope;
import dev.loopharness.config.HarnessConfig;
import dev.loopharness.engine.fixture.FixtureCatalog;
import dev.loopharness.engine.leak.LeakVerdict;
import dev.loopharness.engine.leak.Owner;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.hierarchical.ThrowableCollector;
import org.junit.platform.engine.support.store.Namespace;
import org.junit.platform.engine.support.store.NamespacedHierarchicalStore;

/**
 * Begins and ends the session: the run, its loop group, the session scope and the reports. A
 * session is one JVM: it lives in the launcher session (see {@link JvmSession}) and each launcher
 * execution joins it; only where the platform offers no launcher-session store does a session end
 * with its execution.
 */
public final class SessionLifecycle {
  private static final Namespace NAMESPACE = Namespace.create(JvmSession.class.getName());
  private static final Object LOCK = new Object();

  private SessionLifecycle() {}

  /**
   * The launcher session's store, which outlives the executions of {@code request}; null when the
   * request has none (a request built without a store by a hand-made launcher).
   */
  public static NamespacedHierarchicalStore<Namespace> sessionStore(ExecutionRequest request) {
    try {
      return request.getStore().getParent().orElse(null);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * Starts or joins the session and enters its SESSION scope; never throws. A session is shared
   * only through {@code sessionStore} (null: this execution is the session) and only between
   * executions with the same valid settings; a session with other settings is ended first.
   */
  public static HarnessExecutionContext begin(HarnessExecutionContext context, TestDescriptor root,
      HarnessConfig config, RuntimeException configProblem, FixtureCatalog fixtures,
      NamespacedHierarchicalStore<Namespace> sessionStore) {
    if (sessionStore == null || configProblem != null || !config.sessionPerJvm()) {
      return beginRun(context, root, config, configProblem, fixtures);
    }
    synchronized (LOCK) {
      JvmSession session = sessionStore.get(NAMESPACE, JvmSession.class, JvmSession.class);
      if (session == null || !session.accepts(config)) {
        if (session != null) {
          closeQuietly(session);
        }
        session = JvmSession.begin(context, root, config, fixtures);
        sessionStore.put(NAMESPACE, JvmSession.class, session);
      }
      HarnessExecutionContext joined = session.join(context);
      joined.run().outlivesExecutions();
      return joined;
    }
  }

  /**
   * Ends one launcher execution. When the session outlives it, reports the work that outlived its
   * owner and brings the report files up to date; otherwise ends the session.
   */
  public static void end(HarnessExecutionContext context, TestDescriptor root) {
    HarnessRun run = context.run();
    if (!run.sharedAcrossExecutions()) {
      endRun(context, root);
      return;
    }
    ThrowableCollector failures = Failures.collector();
    failures.execute(() -> {
      List<Leak> orphans = new ArrayList<>(run.drainer().drain(Owner.orphans()));
      orphans.addAll(run.threads().sweep());
      LeakVerdict.apply(run.config(), run.listener(), run.report(), root, Owner.orphans().name(),
          orphans);
    });
    run.report().finished(root, failures.toTestExecutionResult());
    run.report().checkpoint();
    failures.assertEmpty();
  }

  static HarnessExecutionContext beginRun(HarnessExecutionContext context, TestDescriptor root,
      HarnessConfig config, RuntimeException configProblem, FixtureCatalog fixtures) {
    Owner.forgetEarlierOrphanEvents();
    HarnessRun run = HarnessRun.start(config, configProblem, context.listener(), fixtures);
    return context.withRun(run).enterScope(Scope.SESSION, "session", root);
  }

  /**
   * Ends the session scope, reports work that outlived its owner, closes every loop and thread,
   * and writes the reports. Every step runs even when an earlier one fails; the first failure is
   * rethrown with the others suppressed onto it, after the report has recorded it.
   */
  static void endRun(HarnessExecutionContext context, TestDescriptor root) {
    HarnessRun run = context.run();
    ThrowableCollector failures = Failures.collector();
    context.exitScope(Scope.SESSION, root, failures);
    failures.execute(() -> {
      List<Leak> orphans = new ArrayList<>(run.drainer().drain(Owner.orphans()));
      orphans.addAll(run.threads().sweep());
      LeakVerdict.apply(run.config(), run.listener(), run.report(), root,
          Owner.orphans().name(), orphans);
    });
    failures.execute(run::stopReportTicker);
    failures.execute(() -> run.loops().close());
    failures.execute(() -> LeakVerdict.apply(run.config(), run.listener(), run.report(),
        root, "harness threads that ignored interruption", run.loops().survivors()));
    run.report().finished(root, failures.toTestExecutionResult());
    run.report().finish();
    failures.assertEmpty();
  }

  private static void closeQuietly(JvmSession session) {
    try {
      session.close();
    } catch (RuntimeException | Error e) {
      // already named on stderr and in that session's report; this execution goes on
    }
  }
}
