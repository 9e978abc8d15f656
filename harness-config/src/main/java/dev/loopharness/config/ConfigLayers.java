package dev.loopharness.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Loads the configuration layers and merges them, lowest priority first: {@code reference.conf},
 * {@code application.conf} on the class path, the file named by {@code harness.config.file},
 * JUnit configuration parameters and system properties named {@code harness.*}.
 *
 * <p>A layer that cannot be read is reported to {@link Problems} and left out, so the remaining
 * layers are still validated and every problem surfaces in one run.
 */
final class ConfigLayers {
  static final String ROOT = "harness";
  static final String CONFIG_FILE = "harness.config.file";
  static final String PARAMETER = "JUnit configuration parameter ";
  static final String SYSTEM_PROPERTY = "system property ";
  static final String BASELINE_WRITE_FLAG = "harness.leaks.baseline.write";
  static final String BASELINE_WRITE = "harness.leaks.baseline-write";

  private static final String PREFIX = ROOT + ".";

  private final ClassLoader classLoader;
  private final Config reference;
  private final Problems problems;

  ConfigLayers(ClassLoader classLoader, Config reference, Problems problems) {
    this.classLoader = new QuietResources(classLoader);
    this.reference = reference;
    this.problems = problems;
  }

  /** The {@code harness} block of this module's {@code reference.conf}, parsed once. */
  static Config reference() {
    return Reference.CONFIG;
  }

  /** A snapshot of the system properties named {@code harness.*}. */
  static Map<String, String> systemProperties() {
    Map<String, String> properties = new TreeMap<>();
    for (String name : System.getProperties().stringPropertyNames()) {
      if (name.startsWith(PREFIX)) {
        properties.put(name, System.getProperty(name));
      }
    }
    return properties;
  }

  /** Merges every layer over the reference and resolves substitutions in the harness block. */
  Config load(Map<String, String> parameters, Map<String, String> systemProperties) {
    Config application = parse(() -> ConfigFactory.parseResources(classLoader, "application.conf"));
    Config file = configFile(parameters, systemProperties);
    Config fromParameters = overrides(parameters, PARAMETER);
    Config fromSystem = overrides(systemProperties, SYSTEM_PROPERTY);
    Config merged =
        fromSystem
            .withFallback(fromParameters)
            .withFallback(file)
            .withFallback(application)
            .withFallback(reference);
    try {
      // application.conf may hold other libraries' settings whose substitutions point into their
      // own reference.conf; only substitutions inside the harness block must resolve.
      return merged
          .resolve(ConfigResolveOptions.defaults().setAllowUnresolved(true))
          .withOnlyPath(ROOT)
          .resolve();
    } catch (ConfigException e) {
      problems.add(e, "");
      return reference;
    }
  }

  /**
   * The file named by {@code harness.config.file} (a system property wins over a parameter): a
   * path relative to the working directory or, failing that, a class path resource.
   */
  private Config configFile(Map<String, String> parameters, Map<String, String> systemProperties) {
    String fileName = configFileName(parameters, systemProperties);
    if (fileName == null) {
      return ConfigFactory.empty();
    }
    String origin = (systemProperties.containsKey(CONFIG_FILE) ? SYSTEM_PROPERTY : PARAMETER)
        + CONFIG_FILE;
    ConfigParseOptions options = ConfigParseOptions.defaults().setAllowMissing(false);
    Path path = asPath(fileName);
    if (path != null && Files.isRegularFile(path)) {
      return parse(() -> ConfigFactory.parseFile(path.toFile(), options));
    }
    String resource = resourceName(fileName);
    if (!resource.isEmpty() && classLoader.getResource(resource) != null) {
      return parse(() -> ConfigFactory.parseResources(classLoader, resource, options));
    }
    String where =
        path == null
            ? "'" + fileName + "' is not a valid path"
            : "no file " + path.toAbsolutePath();
    problems.add(
        origin,
        "Cannot find the configuration file '"
            + fileName
            + "': "
            + where
            + " (relative paths start at the working directory) and no class path resource '"
            + resource
            + "'. Fix the path or remove "
            + CONFIG_FILE
            + ".");
    return ConfigFactory.empty();
  }

  /** The {@code harness.config.file} named, trimmed (a system property wins); null if none is. */
  static String configFileName(Map<String, String> parameters, Map<String, String> systemProperties) {
    Map<String, String> from = systemProperties.containsKey(CONFIG_FILE) ? systemProperties
        : parameters.containsKey(CONFIG_FILE) ? parameters : null;
    if (from == null) {
      return null;
    }
    String name = from.get(CONFIG_FILE);
    return name == null ? "" : name.trim();
  }

  /** The class path resource a config file name stands for when it is no file. */
  static String resourceName(String fileName) {
    return fileName.startsWith("/") ? fileName.substring(1) : fileName;
  }

  /** A config file name as a path relative to the working directory, or null if it is none. */
  static Path asPath(String name) {
    if (name.isEmpty()) {
      return null;
    }
    try {
      return Path.of(name);
    } catch (InvalidPathException e) {
      return null;
    }
  }

  private Config parse(Supplier<Config> parser) {
    try {
      return parser.get();
    } catch (ConfigException.Parse e) {
      problems.add(e, "Cannot parse this file: ");
    } catch (ConfigException.IO e) {
      problems.add(e, "Cannot read this file: ");
    } catch (ConfigException e) {
      problems.add(e, "");
    }
    return ConfigFactory.empty();
  }

  /**
   * The {@code harness.*} entries of {@code entries} as one layer. Values are strings; where the
   * reference expects a list or an object they are parsed as HOCON ({@code ["pool-.*"]}), so
   * typesafe-config's own string conversions handle numbers, booleans and durations.
   */
  private Config overrides(Map<String, String> entries, String kind) {
    Config layer = ConfigFactory.empty();
    for (Map.Entry<String, String> entry : new TreeMap<>(entries).entrySet()) {
      String key = entry.getKey();
      if (!key.startsWith(PREFIX) || key.equals(CONFIG_FILE)) {
        continue;
      }
      if (key.equals(BASELINE_WRITE_FLAG)) {
        // -Dharness.leaks.baseline.write=true cannot sit below the string harness.leaks.baseline.
        key = BASELINE_WRITE;
      }
      String origin = kind + key;
      try {
        ConfigValue value =
            expectsStructure(key)
                ? parseValue(entry.getValue(), origin)
                : ConfigValueFactory.fromAnyRef(entry.getValue(), origin);
        // Sorted keys: a longer, more specific key overrides the block it sits in.
        layer = ConfigFactory.parseMap(Map.of(key, value), origin).withFallback(layer);
      } catch (ConfigException.BadPath e) {
        problems.add(
            origin, "'" + key + "' is not a valid configuration key: " + Origins.detail(e));
      }
    }
    return layer;
  }

  private boolean expectsStructure(String key) {
    if (!reference.hasPath(key)) {
      return false;
    }
    ConfigValueType type = reference.getValue(key).valueType();
    return type == ConfigValueType.LIST || type == ConfigValueType.OBJECT;
  }

  // A value that does not parse stays a plain string; validation then says what was expected.
  private static ConfigValue parseValue(String text, String origin) {
    if (text == null) {
      return ConfigValueFactory.fromAnyRef(null, origin);
    }
    try {
      ConfigValue parsed =
          ConfigFactory.parseString(
                  "value = " + text, ConfigParseOptions.defaults().setOriginDescription(origin))
              .root()
              .get("value");
      if (parsed != null) {
        return parsed;
      }
    } catch (ConfigException e) {
      // kept as a string below
    }
    return ConfigValueFactory.fromAnyRef(text, origin);
  }

  private static final class Reference {
    // Other libraries' reference.conf files on the same class path are left out.
    static final Config CONFIG =
        ConfigFactory.parseResources(
                new QuietResources(ConfigLayers.class.getClassLoader()), Origins.REFERENCE)
            .withOnlyPath(ROOT)
            .resolve();
  }
}
