package dev.loopharness.engine.leak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loopharness.api.Leak;
import dev.loopharness.api.LeakKind;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class OwnerTests {

  @Test
  void runAsAndCallAsSetTheCurrentOwnerAndRestoreThePreviousOne() throws Exception {
    Owner outer = Owner.create("outer");
    Owner inner = Owner.create("inner");
    assertThat(Owner.current()).isNull();
    outer.callAs(() -> {
      assertThat(Owner.current()).isSameAs(outer);
      assertThat(inner.callAs(Owner::current)).isSameAs(inner);
      assertThat(Owner.current()).isSameAs(outer);
      return null;
    });
    assertThat(Owner.current()).isNull();
    assertThatThrownBy(() -> outer.runAs(() -> {
      throw new IllegalStateException("boom");
    })).isInstanceOf(IllegalStateException.class);
    assertThat(Owner.current()).isNull();
  }

  @Test
  void attributesToTheFirstLiveOwnerElseTheOrphans() {
    Owner running = Owner.create("running");
    Owner loopOwner = Owner.create("loop owner");
    assertThat(Owner.attribute(running, loopOwner)).isSameAs(running);
    assertThat(Owner.attribute(null, loopOwner)).isSameAs(loopOwner);
    running.end();
    assertThat(running.isEnded()).isTrue();
    assertThat(Owner.attribute(running, loopOwner)).isSameAs(loopOwner);
    loopOwner.end();
    assertThat(Owner.attribute(running, loopOwner)).isSameAs(Owner.orphans());
    Owner.orphans().end();
    assertThat(Owner.orphans().isEnded()).isFalse();
  }

  @Test
  void theLedgerKeepsLiveItemsInCreationOrder() {
    Owner owner = Owner.create("owner");
    Owner.Registration a = owner.register(new FakeItem("a"));
    Owner.Registration b = owner.register(new FakeItem("b"));
    Owner.Registration c = owner.register(new FakeItem("c"));
    b.unregister();
    b.unregister();
    assertThat(owner.live()).containsExactly(a, c);
    assertThat(a.isLive()).isTrue();
    assertThat(b.isLive()).isFalse();
    a.unregister();
    c.unregister();
    assertThat(owner.live()).isEmpty();
  }

  @Test
  void anEndedOwnerPassesLateItemsAndEventsToTheOrphans() {
    Drainer drainer = new Drainer(Duration.ofMillis(200));
    drainer.drain(Owner.orphans());
    Owner owner = Owner.create("gone");
    owner.end();
    Owner.Registration r = owner.register(new FakeItem("late"));
    assertThat(r.owner()).isSameAs(Owner.orphans());
    owner.record(LeakKind.CLOSED_LOOP, "late submission", "");
    assertThat(owner.live()).isEmpty();
    List<Leak> orphans = drainer.drain(Owner.orphans());
    assertThat(orphans).extracting(Leak::description)
        .containsExactly("late; stopped", "late submission");
  }

  @Test
  void eventsBeyondTheLimitAreCountedNotKept() {
    Owner owner = Owner.create("noisy");
    for (int i = 0; i < Owner.MAX_EVENTS + 5; i++) {
      owner.record(LeakKind.CLOSED_LOOP, "submission " + i, "");
    }
    List<Leak> leaks = new Drainer(Duration.ofMillis(100)).drain(owner);
    assertThat(leaks).hasSize(Owner.MAX_EVENTS + 1);
    assertThat(leaks.get(leaks.size() - 1).description()).isEqualTo("5 more events were not recorded (limit 10,000 per owner)");
  }

  /** A tracked item that stops at once and reports itself by name. */
  static final class FakeItem implements Tracked {
    private final String name;

    FakeItem(String name) {
      this.name = name;
    }

    @Override public LeakKind kind() {
      return LeakKind.THREAD;
    }

    @Override public String describe() {
      return name;
    }

    @Override public String creationSite() {
      return "";
    }

    @Override public String origin() {
      return name;
    }

    @Override public Object home() {
      return this;
    }

    @Override public CompletableFuture<Void> stop() {
      return CompletableFuture.completedFuture(null);
    }

    @Override public CompletableFuture<Void> barrier() {
      return CompletableFuture.completedFuture(null);
    }
  }
}
