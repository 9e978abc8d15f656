package dev.loopharness.engine.kind;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.api.Leak;
import dev.loopharness.api.LeakKind;
import dev.loopharness.api.Scope;
import dev.loopharness.engine.kit.HarnessLoop;
import dev.loopharness.engine.kit.LoopGroup;
import dev.loopharness.engine.kit.LoopSettings;
import dev.loopharness.engine.leak.LeakMessages;
import dev.loopharness.engine.leak.Owner;
import dev.loopharness.engine.loop.DefaultLoopProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every leak kind has its words, its fix, its policy key and its place in the README; items also their loop words. */
class LeakKindsTests {

  @ParameterizedTest
  @EnumSource(LeakKind.class)
  void everyKindHasItsNounsAndItsFix(LeakKind kind) {
    LeakKinds.Words words = LeakKinds.of(kind);
    assertThat(words.one()).isNotBlank();
    assertThat(words.many()).isNotBlank().isNotEqualTo(words.one());
    assertThat(LeakKinds.fix(kind, false)).startsWith("Fix: ");
    assertThat(LeakKinds.fix(kind, true)).startsWith("Fix: ");
    String message = LeakMessages.format("T > t()", List.of(new Leak(kind, "T > t()", "what it was", "")));
    assertThat(message).startsWith("T > t() leaked 1 " + words.one() + ":\n")
        .endsWith("\n" + LeakKinds.fix(kind, false));
  }

  @ParameterizedTest
  @EnumSource(LeakKind.class)
  void everyKindHasAPolicyKeyAndIsInTheReadme(LeakKind kind) throws IOException {
    assertThat(resource("/reference.conf")).contains("\n    " + kind.configName() + " = ");
    assertThat(Files.readString(Path.of("..", "README.md"))).contains("`" + kind.name() + "`");
  }

  @ParameterizedTest
  @EnumSource(LeakKind.class)
  void itemKindsHaveTheirLoopWordsAndEveryLoopCountsThem(LeakKind kind) {
    if (!LeakKinds.isItem(kind)) {
      assertThat(LeakKinds.of(kind).item()).isNull();
      return;
    }
    LeakKinds.ItemWords item = LeakKinds.item(kind);
    assertThat(List.of(item.pending(), item.stop(), item.stopped(), item.recreated())).allMatch(s -> !s.isBlank());
    assertThat(LeakKinds.fix(kind, true)).isNotEqualTo(LeakKinds.fix(kind, false)).contains("teardown");
    try (LoopGroup group = new DefaultLoopProvider().open(new LoopSettings(Duration.ofSeconds(5), false))) {
      HarnessLoop loop = group.newLoop("function:Kinds#1", Scope.FUNCTION, Owner.create("Kinds > t()"));
      assertThat(loop.describePending()).contains("0 " + item.pending() + "s");
    }
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = LeakKindsTests.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
