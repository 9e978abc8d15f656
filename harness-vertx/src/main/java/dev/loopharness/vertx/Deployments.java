package dev.loopharness.vertx;

import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.deployment.DeploymentContext;
import io.vertx.core.internal.deployment.DeploymentManager;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which deployment Vert.x is starting when it asks its event-loop group for a loop to put a
 * verticle instance's context on ({@link LoopTransport}). Vert.x registers a deployment as
 * "deploying" before it makes its contexts, but lists it publicly only once its start completed; the
 * deploying ones are read from the deployment manager (Vert.x 5.0's {@code deploying} map), so a
 * verticle is tracked from the moment it is deployed, with the deployer running then.
 */
final class Deployments {
  private static final String DEPLOYING = "io.vertx.core.impl.deployment.DefaultDeployment";
  private static final StackWalker WALKER = StackWalker.getInstance();

  private final Map<String, DeploymentContext> deploying;
  private final Set<String> claimed = ConcurrentHashMap.newKeySet();

  Deployments(VertxInternal vertx) {
    this.deploying = deployingOf(vertx.deploymentManager());
  }

  /** Whether Vert.x is asking for a loop to deploy a verticle instance on (checked on the caller's stack). */
  static boolean deploying() {
    return WALKER.walk(frames -> frames.anyMatch(f -> f.getClassName().equals(DEPLOYING)));
  }

  /**
   * The deployment being started now, if no loop claimed it yet (a deployment of several instances
   * asks once per instance): the newest deploying one. Null when already claimed or unknown.
   */
  DeploymentContext claimNewest() {
    if (deploying == null) {
      return null;
    }
    DeploymentContext newest = null;
    synchronized (deploying) {
      for (DeploymentContext d : deploying.values()) {
        if (!claimed.contains(d.id()) && (newest == null || order(d) > order(newest))) {
          newest = d;
        }
      }
    }
    return newest != null && claimed.add(newest.id()) ? newest : null;
  }

  /** Stops remembering {@code deployment} (it was undeployed, or failed to start). */
  void ended(DeploymentContext deployment) {
    claimed.remove(deployment.id());
  }

  // Deployment ids are increasing numbers (outside clustered HA, where they are UUIDs).
  private static long order(DeploymentContext deployment) {
    try {
      return Long.parseLong(deployment.id());
    } catch (NumberFormatException e) {
      return Long.MIN_VALUE;
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, DeploymentContext> deployingOf(DeploymentManager manager) {
    try {
      Field field = manager.getClass().getDeclaredField("deploying");
      field.setAccessible(true);
      return (Map<String, DeploymentContext>) field.get(manager);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null; // another Vert.x: verticles are not followed (see VerticleItem)
    }
  }
}
