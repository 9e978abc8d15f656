package dev.loopharness.engine.clock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.api.Scope;
import dev.loopharness.api.VirtualTime;
import dev.loopharness.config.HarnessConfig;
import java.lang.reflect.Method;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which loops are virtual: annotations on methods and classes (inherited), or the whole run. */
class ClockPolicyTests {
  private final ClockPolicy byAnnotation = new ClockPolicy(HarnessConfig.defaults());
  private final ClockPolicy everyLoop = new ClockPolicy(
      HarnessConfig.load(getClass().getClassLoader(), Map.of("harness.loop.clock", "virtual")));

  static class Plain {
    void plain() {}

    @VirtualTime
    void annotated() {}
  }

  @VirtualTime
  static class Annotated {
    void plain() {}
  }

  static class Inheriting extends Annotated {}

  @Test
  void aMethodAnnotationMakesOnlyTheFunctionLoopVirtual() throws Exception {
    Method annotated = Plain.class.getDeclaredMethod("annotated");

    assertThat(byAnnotation.isVirtual(Scope.FUNCTION, Plain.class, annotated)).isTrue();
    assertThat(byAnnotation.isVirtual(Scope.CLASS, Plain.class, null)).isFalse();
    assertThat(byAnnotation.isVirtual(Scope.FUNCTION, Plain.class, Plain.class.getDeclaredMethod("plain")))
        .isFalse();
  }

  @Test
  void aClassAnnotationMakesItsFunctionAndClassLoopsVirtualAndIsInherited() throws Exception {
    Method plain = Annotated.class.getDeclaredMethod("plain");

    for (Class<?> testClass : new Class<?>[] {Annotated.class, Inheriting.class}) {
      assertThat(byAnnotation.isVirtual(Scope.FUNCTION, testClass, plain)).isTrue();
      assertThat(byAnnotation.isVirtual(Scope.CLASS, testClass, null)).isTrue();
      assertThat(byAnnotation.isVirtual(Scope.PACKAGE, testClass, null)).isFalse();
      assertThat(byAnnotation.isVirtual(Scope.SESSION, null, null)).isFalse();
    }
  }

  @Test
  void theVirtualClockSettingCoversEveryLoop() {
    for (Scope scope : Scope.values()) {
      assertThat(everyLoop.isVirtual(scope, null, null)).as("%s", scope).isTrue();
    }
    assertThat(everyLoop.clockFor(Scope.SESSION, null, null)).isNotNull();
    assertThat(byAnnotation.clockFor(Scope.SESSION, null, null)).isNull();
  }

  @Test
  void virtualTimesReadAsAClock() {
    assertThat(VirtualTimes.format(0)).isEqualTo("00:00:00");
    assertThat(VirtualTimes.format(300_000_000_000L)).isEqualTo("00:05:00");
    assertThat(VirtualTimes.format(86_400_000_000_000L + 300_250_000_000L)).isEqualTo("1d 00:05:00.250");
    assertThat(VirtualTimes.at(3_600_000_000_000L)).isEqualTo("at virtual 01:00:00");
  }
}
