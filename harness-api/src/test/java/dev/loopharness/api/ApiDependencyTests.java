package dev.loopharness.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** harness-api holds only what test authors type: no engine, no typesafe-config, no AssertJ. */
class ApiDependencyTests {

  @Test
  void apiClassesReferenceNeitherTheEngineNorTheConfigLibraryNorAssertj() throws Exception {
    Path classes = Paths.get(Scope.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Path> offenders;
    try (Stream<Path> files = Files.walk(classes)) {
      offenders = files.filter(f -> f.toString().endsWith(".class"))
          .filter(ApiDependencyTests::referencesForbiddenPackage)
          .collect(Collectors.toList());
    }
    assertThat(offenders).isEmpty();
  }

  @Test
  void typesafeConfigIsNotOnTheApiClasspath() {
    assertThatThrownBy(() -> Class.forName("com.typesafe.config.Config"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  private static boolean referencesForbiddenPackage(Path classFile) {
    try {
      String constants = new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
      return constants.contains("dev/loopharness/engine") || constants.contains("dev/loopharness/config")
          || constants.contains("com/typesafe/") || constants.contains("org/assertj/");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
