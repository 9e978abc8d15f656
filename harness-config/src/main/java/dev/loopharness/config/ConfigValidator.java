package dev.loopharness.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.loopharness.api.Scope;
import dev.loopharness.config.ValueParsers.Invalid;
import dev.loopharness.config.ValueParsers.Parser;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads typed values from the merged configuration, reporting each invalid one to {@link
 * Problems} with its origin and falling back to the reference default so that reading goes on
 * and every problem is found in one pass.
 */
final class ConfigValidator {
  private static final Pattern CLASS_NAME =
      Pattern.compile("([\\p{L}_$][\\p{L}\\p{N}_$]*\\.)*[\\p{L}_$][\\p{L}\\p{N}_$]*");

  /** A key's value as written and where it came from. */
  record Setting(String value, String origin) {}

  private final Config config;
  private final Config reference;
  private final Problems problems;
  private final Set<String> reportedBlocks = new HashSet<>();
  private final Set<String> readPaths = new LinkedHashSet<>();

  ConfigValidator(Config config, Config reference, Problems problems) {
    this.config = config;
    this.reference = reference;
    this.problems = problems;
  }

  Scope scope(String path) {
    return read(path, ValueParsers.choice(Scope.values(), Scope::configName));
  }

  <E> E choice(String path, E[] values, Function<E, String> configName) {
    return read(path, ValueParsers.choice(values, configName));
  }

  double positiveNumber(String path) {
    return read(path, ValueParsers.positiveNumber());
  }

  int wholeNumber(String path, int min) {
    return read(path, ValueParsers.wholeNumber(min));
  }

  boolean bool(String path) {
    return read(path, ValueParsers.bool());
  }

  String string(String path, String example) {
    return read(path, ValueParsers.string(example));
  }

  /** A shard {@code k/n}, or null when the value is the empty string. */
  Shard shard(String path) {
    return read(path, ValueParsers.shard());
  }

  /** A string that may be empty. */
  String anyString(String path) {
    return read(path, ValueParsers.anyString());
  }

  /** A duration with a unit; zero is accepted only if {@code allowZero}. */
  Duration duration(String path, boolean allowZero) {
    return read(path, ValueParsers.duration(allowZero));
  }

  Path path(String path, String example) {
    String text = string(path, example);
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      ConfigValue value = find(path);
      String message = "Invalid path at '" + path + "': " + e.getMessage();
      if (value == null) {
        problems.add(path, message);
      } else {
        problems.add(value.origin(), message);
      }
      return Path.of(example);
    }
  }

  /** A path, or null when the value is {@code null} (the key is unset). */
  Path optionalPath(String path, String example) {
    ConfigValue value = find(path);
    if (value == null || value.valueType() == ConfigValueType.NULL) {
      readPaths.add(path);
      return null;
    }
    return path(path, example);
  }

  List<String> classNames(String path) {
    List<String> names = new ArrayList<>();
    List<ConfigValue> elements = read(path, ValueParsers.list("[\"com.example.EchoModule\"]"));
    for (int i = 0; i < elements.size(); i++) {
      ConfigValue element = elements.get(i);
      Object raw = element.unwrapped();
      if (raw instanceof String && CLASS_NAME.matcher(((String) raw).trim()).matches()) {
        names.add(((String) raw).trim());
      } else {
        String expected = "a fully qualified class name such as com.example.EchoModule";
        problems.add(element.origin(), invalid(path + "[" + i + "]", expected, element));
      }
    }
    return List.copyOf(names);
  }

  List<Pattern> regexes(String path) {
    List<Pattern> patterns = new ArrayList<>();
    List<ConfigValue> elements = read(path, ValueParsers.list("[\"pool-.*\"]"));
    for (int i = 0; i < elements.size(); i++) {
      ConfigValue element = elements.get(i);
      String at = path + "[" + i + "]";
      ConfigOrigin origin = element.origin();
      if (!(element.unwrapped() instanceof String)) {
        problems.add(origin, invalid(at, "a regular expression such as pool-.*", element));
        continue;
      }
      String regex = (String) element.unwrapped();
      try {
        patterns.add(Pattern.compile(regex));
      } catch (PatternSyntaxException e) {
        problems.add(
            origin,
            String.format(
                "Invalid regex at '%s': '%s' does not compile: %s near index %d",
                at, regex, e.getDescription(), e.getIndex()));
      }
    }
    return List.copyOf(patterns);
  }

  /** Every key under {@code harness}, with its value as written and its origin. */
  Map<String, Setting> settings() {
    Map<String, Setting> settings = new TreeMap<>();
    if (config.root().get(ConfigLayers.ROOT) instanceof ConfigObject) {
      for (Map.Entry<String, ConfigValue> entry :
          config.getConfig(ConfigLayers.ROOT).entrySet()) {
        ConfigValue value = entry.getValue();
        settings.put(
            ConfigLayers.ROOT + "." + entry.getKey(),
            new Setting(render(value), Origins.describe(value.origin())));
      }
    }
    return settings;
  }

  /** The paths read so far; lets a test prove that every reference key is read. */
  Set<String> readPaths() {
    return Set.copyOf(readPaths);
  }

  /** {@code value} as a person would write it: strings unquoted, lists and objects as JSON. */
  static String render(ConfigValue value) {
    ConfigValueType type = value.valueType();
    return type == ConfigValueType.LIST || type == ConfigValueType.OBJECT
        ? value.render(ConfigRenderOptions.concise())
        : String.valueOf(value.unwrapped());
  }

  private <T> T read(String path, Parser<T> parser) {
    readPaths.add(path);
    ConfigValue value = find(path);
    if (value != null) {
      try {
        return parser.parse(value);
      } catch (Invalid e) {
        problems.add(value.origin(), invalid(path, e.getMessage(), value));
      }
    }
    try {
      return parser.parse(reference.getValue(path));
    } catch (Invalid e) {
      throw new IllegalStateException("reference.conf has an invalid default at " + path, e);
    }
  }

  /**
   * The value at {@code path}, or {@code null} if a block on the way is not an object; that block
   * is reported once, however many keys below it are read.
   */
  private ConfigValue find(String path) {
    List<String> keys = ConfigUtil.splitPath(path);
    ConfigValue current = config.root();
    for (int i = 0; i < keys.size() && current != null; i++) {
      if (current.valueType() != ConfigValueType.OBJECT) {
        String block = ConfigUtil.joinPath(keys.subList(0, i));
        if (reportedBlocks.add(block)) {
          Set<String> expectedKeys = new TreeSet<>(reference.getObject(block).keySet());
          String expected = "a block with the keys " + String.join(", ", expectedKeys);
          problems.add(current.origin(), invalid(block, expected, current));
        }
        return null;
      }
      current = ((ConfigObject) current).get(keys.get(i));
    }
    return current;
  }

  private static String invalid(String path, String expected, ConfigValue actual) {
    return "Invalid value at '" + path + "': expected " + expected + ", got " + show(actual);
  }

  private static String show(ConfigValue value) {
    switch (value.valueType()) {
      case NULL:
        return "null";
      case LIST:
        return "a list " + render(value);
      case OBJECT:
        return "an object " + render(value);
      default:
        return "'" + value.unwrapped() + "'";
    }
  }
}
