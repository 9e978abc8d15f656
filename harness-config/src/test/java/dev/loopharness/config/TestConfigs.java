package dev.loopharness.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Loads configurations the way the engine does, from real HOCON files. */
final class TestConfigs {
  static final ClassLoader TEST_CLASS_LOADER = TestConfigs.class.getClassLoader();

  private TestConfigs() {}

  /** Parameters from alternating keys and values. */
  static Map<String, String> parameters(String... keysAndValues) {
    Map<String, String> parameters = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      parameters.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return parameters;
  }

  static HarnessConfig load(String... parameters) {
    return HarnessConfig.load(TEST_CLASS_LOADER, parameters(parameters));
  }

  /** Loads the class path resource {@code configs/<name>} through {@code harness.config.file}. */
  static HarnessConfig loadFile(String name, String... parameters) {
    Map<String, String> all = new HashMap<>(parameters(parameters));
    all.put("harness.config.file", "configs/" + name);
    return HarnessConfig.load(TEST_CLASS_LOADER, all);
  }

  /** The exception that loading {@code configs/<name>} throws. */
  static HarnessConfigException failureOf(String name, String... parameters) {
    return failure(() -> loadFile(name, parameters));
  }

  /** The exception that loading with these parameters throws. */
  static HarnessConfigException failureWith(String... parameters) {
    return failure(() -> load(parameters));
  }

  static HarnessConfigException failure(Runnable load) {
    HarnessConfigException[] thrown = new HarnessConfigException[1];
    assertThatThrownBy(load::run)
        .isInstanceOfSatisfying(HarnessConfigException.class, e -> thrown[0] = e);
    return thrown[0];
  }

  /**
   * A class loader over {@code dir} holding {@code application.conf} with {@code content}, in
   * front of the test class path; only the test that uses it sees the file.
   */
  static URLClassLoader withApplicationConf(Path dir, String content) {
    try {
      Files.writeString(dir.resolve("application.conf"), content, StandardCharsets.UTF_8);
      return new URLClassLoader(new URL[] {dir.toUri().toURL()}, TEST_CLASS_LOADER);
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code action} with system properties set, clearing them afterwards whatever happens. */
  static <T> T withSystemProperties(Map<String, String> properties, Supplier<T> action) {
    properties.forEach(System::setProperty);
    try {
      return action.get();
    } finally {
      properties.keySet().forEach(System::clearProperty);
    }
  }

  /**
   * The expected text in {@code golden/<name>}. Editors end files with a newline; messages do
   * not, so exactly one trailing newline is dropped.
   */
  static String golden(String name) {
    try (InputStream in = TEST_CLASS_LOADER.getResourceAsStream("golden/" + name)) {
      if (in == null) {
        throw new IllegalStateException("no golden file golden/" + name);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
