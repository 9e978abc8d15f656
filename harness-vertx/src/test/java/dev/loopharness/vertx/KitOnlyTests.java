package dev.loopharness.vertx;

import dev.loopharness.engine.kit.contract.KitOnly;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** harness-vertx uses of the engine only the kit (and harness-netty, whose loops it extends). */
class KitOnlyTests {
  @Test
  void theProviderUsesNothingOfTheEngineOutsideTheKit() {
    KitOnly.assertUsesOnlyTheKit(Path.of("src/main/java"), Set.of("netty", "vertx"));
  }
}
