package dev.loopharness.assertj;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The assertions build on the api alone: a test author's compile classpath never needs the engine. */
class AssertjDependencyTests {

  @Test
  void mainClassesReferenceNeitherTheEngineNorTheConfigLibrary() throws Exception {
    Path classes = Paths.get(LoopAssert.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Path> offenders;
    try (Stream<Path> files = Files.walk(classes)) {
      offenders = files.filter(f -> f.toString().endsWith(".class"))
          .filter(AssertjDependencyTests::referencesForbiddenPackage)
          .collect(Collectors.toList());
    }
    assertThat(offenders).isEmpty();
  }

  private static boolean referencesForbiddenPackage(Path classFile) {
    try {
      String constants = new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
      return constants.contains("dev/loopharness/engine") || constants.contains("dev/loopharness/config")
          || constants.contains("com/typesafe/");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
