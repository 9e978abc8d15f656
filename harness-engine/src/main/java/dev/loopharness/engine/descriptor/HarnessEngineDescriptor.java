package dev.loopharness.engine.descriptor;

import dev.loopharness.config.HarnessConfig;
import dev.loopharness.config.HarnessConfigException;
import dev.loopharness.engine.execution.HarnessExecutionContext;
import dev.loopharness.engine.execution.SessionLifecycle;
import dev.loopharness.engine.fixture.FixtureCatalog;
import dev.loopharness.engine.kit.LoopGroup;
import java.util.Optional;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.store.Namespace;
import org.junit.platform.engine.support.store.NamespacedHierarchicalStore;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

/** The root of a run: owns the session scope, whose loop and fixtures live for the whole run. */
public final class HarnessEngineDescriptor extends EngineDescriptor
    implements Node<HarnessExecutionContext> {

  private final HarnessConfig config;
  private final HarnessConfigException configError;
  private final FixtureCatalog fixtures;
  private volatile LoopGroup loops;
  private NamespacedHierarchicalStore<Namespace> sessionStore;

  public HarnessEngineDescriptor(UniqueId uniqueId, HarnessConfig config,
      HarnessConfigException configError, FixtureCatalog fixtures) {
    super(uniqueId, "Loop Harness");
    this.config = config;
    this.configError = configError;
    this.fixtures = fixtures;
  }

  /** The fixture modules of this run, read at discovery and shared with execution. */
  public FixtureCatalog fixtures() {
    return fixtures;
  }

  /** The settings of this run; the defaults when the user's configuration was invalid. */
  public HarnessConfig config() {
    return config;
  }

  /** The configuration error every test reports, if the user's configuration was invalid. */
  public Optional<HarnessConfigException> configError() {
    return Optional.ofNullable(configError);
  }

  /** The loop group of the run executing this tree, or null before it began. */
  public LoopGroup loops() {
    return loops;
  }

  /** The launcher session's store, where the JVM's session lives; null if there is none. */
  public void executesIn(NamespacedHierarchicalStore<Namespace> store) {
    this.sessionStore = store;
  }

  @Override
  public HarnessExecutionContext before(HarnessExecutionContext context) {
    HarnessExecutionContext begun =
        SessionLifecycle.begin(context, this, config, configError, fixtures, sessionStore);
    loops = begun.run().loops();
    return begun;
  }

  @Override
  public void after(HarnessExecutionContext context) throws Exception {
    loops = null; // the tree may outlive the run (a launcher keeps its test plan)
    SessionLifecycle.end(context, this);
  }
}
