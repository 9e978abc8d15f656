package dev.loopharness.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a load reads besides {@code reference.conf}: the class loader, the {@code harness.*}
 * parameters and system properties, and the bytes of every {@code application.conf} and of the
 * {@code harness.config.file}. Two loads with equal sources load the same configuration, so the
 * last one's result is kept: a launcher discovers once per test class (Surefire does, to filter
 * its classes) and every discovery loads the configuration.
 */
final class ConfigSources {
  private final WeakReference<ClassLoader> classLoader;
  private final Map<String, String> parameters;
  private final Map<String, String> systemProperties;
  private final List<Object> files;

  private ConfigSources(ClassLoader classLoader, Map<String, String> parameters,
      Map<String, String> systemProperties, List<Object> files) {
    this.classLoader = new WeakReference<>(classLoader);
    this.parameters = parameters;
    this.systemProperties = systemProperties;
    this.files = files;
  }

  /** The sources as they are now; the files' bytes are read (they are small). */
  static ConfigSources now(ClassLoader classLoader, Map<String, String> parameters,
      Map<String, String> systemProperties) {
    List<Object> files = new ArrayList<>();
    try {
      for (URL url : Collections.list(classLoader.getResources("application.conf"))) {
        files.add(url.toString());
        files.add(stamp(url));
      }
      String name = ConfigLayers.configFileName(parameters, systemProperties);
      if (name != null) {
        files.add(name);
        // Found where ConfigLayers looks: a file first, else a class path resource.
        Path path = ConfigLayers.asPath(name);
        if (path != null && Files.isRegularFile(path)) {
          files.add(new Content(Files.readAllBytes(path)));
        } else {
          String resource = ConfigLayers.resourceName(name);
          URL url = resource.isEmpty() ? null : classLoader.getResource(resource);
          files.add(url == null ? "absent" : stamp(url));
        }
      }
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      files.add(new Object()); // unreadable now: equal to no other sources, so it is loaded
    }
    return new ConfigSources(classLoader, new HashMap<>(parameters), systemProperties, files);
  }

  boolean sameAs(ConfigSources other) {
    return classLoader.get() != null && classLoader.get() == other.classLoader.get()
        && parameters.equals(other.parameters) && systemProperties.equals(other.systemProperties)
        && files.equals(other.files);
  }

  // A file's bytes; a jar's entry by the jar's size and time (a jar is not rewritten in place);
  // anything else by a fresh object, equal to nothing, so it is always read again.
  private static Object stamp(URL url) throws IOException {
    try {
      if (url.getProtocol().equals("file")) {
        return new Content(Files.readAllBytes(Path.of(url.toURI())));
      }
      if (url.getProtocol().equals("jar")) {
        String jar = url.getPath().substring(0, url.getPath().indexOf("!/"));
        Path path = Path.of(new URI(jar));
        return jar + " " + Files.size(path) + " " + Files.getLastModifiedTime(path);
      }
    } catch (URISyntaxException | IndexOutOfBoundsException e) {
      // not a path: read again each time
    }
    return new Object();
  }

  /** File content compared by value. */
  private record Content(byte[] bytes) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Content b && Arrays.equals(bytes, b.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }
  }
}
