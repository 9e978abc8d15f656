package dev.loopharness.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScopeTests {

  @Test
  void scopesAreOrderedNarrowToWideAndParseTheirConfigNames() {
    assertThat(Scope.values()).containsExactly(Scope.FUNCTION, Scope.CLASS, Scope.PACKAGE, Scope.SESSION);
    assertThat(Scope.SESSION.isAtLeast(Scope.CLASS)).isTrue();
    assertThat(Scope.FUNCTION.isNarrowerThan(Scope.CLASS)).isTrue();
    assertThat(Scope.fromConfigName("Session")).isEqualTo(Scope.SESSION);
    assertThat(LeakKind.CLOSED_LOOP.configName()).isEqualTo("closed-loop");
    assertThatThrownBy(() -> Scope.fromConfigName("module"))
        .hasMessage("unknown scope 'module', expected one of function, class, package, session");
  }
}
