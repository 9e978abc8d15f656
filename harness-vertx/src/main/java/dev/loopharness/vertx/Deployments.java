package dev.loopharness.vertx;

import io.netty.channel.EventLoop;
import io.vertx.core.Context;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.deployment.DeploymentContext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The verticles deployed on the harness loops, and who deployed each. Vert.x makes a context per
 * verticle instance by asking its event-loop group for a loop, which is the deployer's harness loop
 * ({@link LoopTransport}); that request is where the deployer is known, but not yet the deployment,
 * which Vert.x lists only once the verticle started. So each loop keeps its deployers in order, and
 * the deployments that appear on it are matched to them in deployment order.
 *
 * @param <D> what a deployer is (its owner and where it deployed)
 */
final class Deployments<D> {
  private static final String DEPLOYING = "io.vertx.core.impl.deployment.DefaultDeployment";
  private static final StackWalker WALKER = StackWalker.getInstance();

  private final VertxInternal vertx;
  private final Set<String> known = ConcurrentHashMap.newKeySet();
  private final Map<EventLoop, Deque<D>> deployers = new ConcurrentHashMap<>();

  Deployments(VertxInternal vertx) {
    this.vertx = vertx;
  }

  /** Whether Vert.x is asking for a loop to deploy a verticle instance on (checked on the caller's stack). */
  static boolean deploying() {
    return WALKER.walk(frames -> frames.anyMatch(f -> f.getClassName().equals(DEPLOYING)));
  }

  /** Remembers that {@code deployer} is deploying a verticle instance on {@code loop}. */
  void deploying(EventLoop loop, D deployer) {
    Deque<D> queue = deployers.computeIfAbsent(loop, l -> new ArrayDeque<>());
    synchronized (queue) {
      queue.add(deployer);
    }
  }

  /** Whether a deployment on {@code loop} has not been matched to its deployer yet. */
  boolean waiting(EventLoop loop) {
    Deque<D> queue = deployers.get(loop);
    if (queue == null) {
      return false;
    }
    synchronized (queue) {
      return !queue.isEmpty();
    }
  }

  /** Forgets the deployers of {@code loop} whose deployment never appeared (it failed), e.g. when their owner ended. */
  void forget(EventLoop loop, java.util.function.Predicate<D> which) {
    Deque<D> queue = deployers.get(loop);
    if (queue != null) {
      synchronized (queue) {
        queue.removeIf(which);
      }
    }
  }

  /** Stops following {@code loop} (it closed). */
  void closed(EventLoop loop) {
    deployers.remove(loop);
  }

  /** The deployments that appeared on {@code loop} since the last call, oldest first, each with its deployer (null if unknown). */
  List<Found<D>> appeared(EventLoop loop) {
    List<DeploymentContext> fresh = new ArrayList<>();
    for (DeploymentContext deployment : vertx.deploymentManager().deployments()) {
      if (!known.contains(deployment.id()) && instancesOn(deployment, loop) > 0) {
        fresh.add(deployment);
      }
    }
    fresh.sort(Comparator.comparing(Deployments::order));
    List<Found<D>> found = new ArrayList<>(fresh.size());
    Deque<D> queue = deployers.computeIfAbsent(loop, l -> new ArrayDeque<>());
    for (DeploymentContext deployment : fresh) {
      known.add(deployment.id());
      D deployer = null;
      synchronized (queue) {
        for (int i = instancesOn(deployment, loop); i > 0 && !queue.isEmpty(); i--) {
          D next = queue.poll();
          deployer = deployer == null ? next : deployer;
        }
      }
      found.add(new Found<>(deployment, deployer));
    }
    return found;
  }

  private static int instancesOn(DeploymentContext deployment, EventLoop loop) {
    int on = 0;
    for (Context context : deployment.deployment().contexts()) {
      if (((ContextInternal) context).nettyEventLoop() == loop) {
        on++;
      }
    }
    return on;
  }

  // Deployment ids are increasing numbers (outside clustered HA, where they are UUIDs and order is lost).
  private static long order(DeploymentContext deployment) {
    try {
      return Long.parseLong(deployment.id());
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  /** A deployment and who deployed it. */
  record Found<D>(DeploymentContext deployment, D deployer) {
    /** E.g. {@code GreetingVerticle}, or {@code GreetingVerticle x2} for two instances. */
    String verticles() {
      List<String> names = new ArrayList<>();
      deployment.deployment().instances().forEach(d -> names.add(d.getClass().getSimpleName()));
      String first = names.isEmpty() ? deployment.deployment().identifier() : names.get(0);
      return names.size() > 1 ? first + " x" + names.size() : first;
    }
  }
}
