package dev.loopharness.engine;

import dev.loopharness.config.HarnessConfig;
import dev.loopharness.config.HarnessConfigException;
import dev.loopharness.engine.descriptor.HarnessEngineDescriptor;
import dev.loopharness.engine.discovery.HarnessDiscovery;
import dev.loopharness.engine.execution.HarnessExecutionContext;
import dev.loopharness.engine.fixture.FixtureCatalog;
import dev.loopharness.engine.execution.HarnessExecutorService;
import dev.loopharness.engine.execution.ParallelClasses;
import dev.loopharness.engine.execution.SessionLifecycle;
import dev.loopharness.engine.execution.SupervisedListener;
import dev.loopharness.engine.loop.ProviderCheck;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestEngine;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestExecutorService;

/**
 * The {@code loop-harness} test engine: async tests on scope-matched event loops. Execution is
 * JUnit's hierarchical executor, given the run's listener wrapped in a {@link SupervisedListener}
 * (which is why this class delegates instead of extending {@link HierarchicalTestEngine}, whose
 * {@code execute} is final).
 */
public final class LoopHarnessTestEngine implements TestEngine {

  /** The engine id, as in unique ids and {@code includeEngines}. */
  public static final String ENGINE_ID = "loop-harness";

  @Override
  public String getId() {
    return ENGINE_ID;
  }

  @Override
  public Optional<String> getGroupId() {
    return Optional.of("dev.loopharness");
  }

  @Override
  public Optional<String> getArtifactId() {
    return Optional.of("harness-engine");
  }

  @Override
  public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
    HarnessConfig config;
    HarnessConfigException error = null;
    try {
      config = HarnessConfig.load(classLoader(), harnessParameters(request.getConfigurationParameters()));
      Optional<String> provider = ProviderCheck.problem(config, LoopHarnessTestEngine.class.getClassLoader());
      if (provider.isPresent()) {
        error = new HarnessConfigException(List.of(provider.get()));
        config = HarnessConfig.defaults();
      }
    } catch (HarnessConfigException e) {
      config = HarnessConfig.defaults();
      error = e;
    }
    HarnessEngineDescriptor root = new HarnessEngineDescriptor(uniqueId, config, error,
        FixtureCatalog.load(config, classLoader()));
    HarnessDiscovery.discover(request, root);
    return root;
  }

  @Override
  public void execute(ExecutionRequest request) {
    // The session store is the launcher session's (the parent of the request's store): the
    // re-created request keeps the original store, so a JVM's executions share one session.
    ((HarnessEngineDescriptor) request.getRootTestDescriptor())
        .executesIn(SessionLifecycle.sessionStore(request));
    new Executor().execute(ExecutionRequest.create(request.getRootTestDescriptor(),
        new SupervisedListener(request.getEngineExecutionListener()),
        request.getConfigurationParameters(), request.getOutputDirectoryCreator(), request.getStore(),
        request.getCancellationToken()));
  }

  /** JUnit's hierarchical execution over the harness's nodes and executor. */
  private static final class Executor extends HierarchicalTestEngine<HarnessExecutionContext> {
    @Override
    public String getId() {
      return ENGINE_ID;
    }

    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
      throw new UnsupportedOperationException("discovery is the outer engine's");
    }

    @Override
    protected HarnessExecutionContext createExecutionContext(ExecutionRequest request) {
      return HarnessExecutionContext.initial(request.getEngineExecutionListener());
    }

    @Override
    protected HierarchicalTestExecutorService createExecutorService(ExecutionRequest request) {
      HarnessEngineDescriptor root = (HarnessEngineDescriptor) request.getRootTestDescriptor();
      return ParallelClasses.executorService(root.config())
          .orElseGet(() -> new HarnessExecutorService(root::loops));
    }
  }

  private static Map<String, String> harnessParameters(ConfigurationParameters parameters) {
    Map<String, String> harness = new HashMap<>();
    for (String key : parameters.keySet()) {
      if (key.startsWith("harness.")) {
        parameters.get(key).ifPresent(value -> harness.put(key, value));
      }
    }
    return harness;
  }

  private static ClassLoader classLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : LoopHarnessTestEngine.class.getClassLoader();
  }
}
