package dev.loopharness.netty;

import dev.loopharness.engine.kit.contract.KitOnly;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** harness-netty uses of the engine only the provider kit. */
class KitOnlyTests {
  @Test
  void theProviderUsesNothingOfTheEngineOutsideTheKit() {
    KitOnly.assertUsesOnlyTheKit(Path.of("src/main/java"), Set.of("netty"));
  }
}
