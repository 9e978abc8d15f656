package dev.loopharness.vertx;

import dev.loopharness.api.LeakKind;
import dev.loopharness.engine.kit.TrackedItem;
import io.vertx.core.Context;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.Deployable;
import io.vertx.core.internal.deployment.DeploymentContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A verticle deployed from a loop: a RESOURCE of its deployer from the moment Vert.x starts it
 * until its contexts close (it was undeployed, or its start failed and Vert.x rolled it back); the
 * harness undeploys one left deployed.
 */
final class VerticleItem extends TrackedItem {
  private final VertxLoop loop;
  private final DeploymentContext deployment;
  // Touched on the deployer's loop thread: whether the contexts' close is watched yet.
  private boolean watched;

  VerticleItem(VertxLoop loop, DeploymentContext deployment, String site) {
    super(loop, site);
    this.loop = loop;
    this.deployment = deployment;
  }

  /**
   * Watches its instances' contexts (made right after the deployer's callback asked for them) so it
   * leaves the ledger when they close; false while Vert.x has not made them yet.
   */
  boolean watch() {
    if (watched) {
      return true;
    }
    List<Context> contexts = new ArrayList<>(deployment.deployment().contexts());
    if (contexts.isEmpty()) {
      return false;
    }
    watched = true;
    ((ContextInternal) contexts.get(0)).closeFuture().future().onComplete(closed -> {
      loop.runtime().deployments().ended(deployment);
      untrack();
    });
    return true;
  }

  @Override
  public LeakKind kind() {
    return LeakKind.RESOURCE;
  }

  /** E.g. {@code Vert.x verticle GreetingVerticle (deployment 3) deployed at A.b(A.java:3)}. */
  @Override
  public String summary() {
    String site = creationSite();
    return "Vert.x verticle " + verticles() + " (deployment " + deployment.id()
        + (isDeployed() ? "" : ", still starting") + ")" + (site.isEmpty() ? "" : " deployed at " + site);
  }

  private String verticles() {
    List<String> names = new ArrayList<>();
    for (Deployable d : deployment.deployment().instances()) {
      names.add(d.getClass().getSimpleName().isEmpty() ? d.getClass().getName() : d.getClass().getSimpleName());
    }
    String first = names.isEmpty() ? deployment.deployment().identifier() : names.get(0);
    return names.size() > 1 ? first + " x" + names.size() : first;
  }

  private boolean isDeployed() {
    return loop.runtime().vertx().deploymentManager().deployment(deployment.id()) != null;
  }

  @Override
  public String describe() {
    return summary() + (creationSite().isEmpty() ? " never undeployed" : ", never undeployed");
  }

  @Override
  public String origin() {
    return "verticle " + loop().name() + " " + creationSite();
  }

  /** Undeploys it through Vert.x on its loop; completes when Vert.x has undeployed it. */
  @Override
  public CompletableFuture<Void> stop() {
    CompletableFuture<Void> undeployed = new CompletableFuture<>();
    runAsHarness(() -> {
      if (!isDeployed()) {
        untrack(); // still starting: Vert.x undeploys it if its start fails, the run's end otherwise
        undeployed.complete(null);
        return;
      }
      loop.runtime().vertx().undeploy(deployment.id()).onComplete(done -> {
        untrack();
        undeployed.complete(null);
      });
    }, false).whenComplete((v, e) -> {
      if (e != null) {
        undeployed.completeExceptionally(e);
      }
    });
    return undeployed;
  }

  @Override
  public String toString() {
    return summary();
  }
}
