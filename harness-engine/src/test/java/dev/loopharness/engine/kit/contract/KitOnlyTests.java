package dev.loopharness.engine.kit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/** The kit-only check sees an engine import where there is one, but not in a string literal. */
class KitOnlyTests {
  @Test
  void seesAnEngineImportButNotAPackageNameInAString() {
    assertThat(KitOnly.withoutStrings("f(\"dev.loopharness.engine.\", \"a\\\"b\") + x"))
        .isEqualTo("f(\"\", \"\") + x");
    Matcher m = KitOnly.HARNESS.matcher("import dev.loopharness.engine.leak.Owner;");
    assertThat(m.find()).isTrue();
    assertThat(m.group(1)).isEqualTo("engine");
    assertThat(m.group(2)).isEqualTo(".leak");
  }
}
