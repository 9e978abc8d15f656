package dev.loopharness.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigOrigin;
import java.net.URL;
import java.nio.file.Path;

/** Short, human descriptions of where a configuration value or error came from. */
final class Origins {
  static final String REFERENCE = "reference.conf";
  static final String DEFAULT = "default in " + REFERENCE;
  /** The {@link #layer} of JUnit configuration parameters; system properties rank above. */
  static final int PARAMETERS = 3;

  private Origins() {}

  /**
   * Describes {@code origin} as a resource or file name and a line ({@code application.conf: 5}),
   * {@code default in reference.conf} for defaults, or its plain description for values that did
   * not come from a file ({@code JUnit configuration parameter harness.timeout.test}).
   */
  static String describe(ConfigOrigin origin) {
    if (origin == null) {
      return "unknown origin";
    }
    String name = name(origin);
    if (name == null) {
      return withoutLine(origin);
    }
    if (name.equals(REFERENCE)) {
      return DEFAULT;
    }
    return origin.lineNumber() >= 0 ? name + ": " + origin.lineNumber() : name;
  }

  /**
   * Ranks {@code origin} by layer, lowest priority first: reference.conf, application.conf, the
   * config file (and anything it includes), parameters, system properties.
   */
  static int layer(ConfigOrigin origin) {
    String description = origin.description();
    if (description.startsWith(ConfigLayers.SYSTEM_PROPERTY)) {
      return PARAMETERS + 1;
    }
    if (description.startsWith(ConfigLayers.PARAMETER)) {
      return PARAMETERS;
    }
    String name = name(origin);
    return REFERENCE.equals(name) ? 0 : "application.conf".equals(name) ? 1 : 2;
  }

  /** The resource or file name of {@code origin}, else its description, without a line. */
  static String source(ConfigOrigin origin) {
    String name = name(origin);
    return name == null ? withoutLine(origin) : name;
  }

  /** The message of {@code e} with its long origin replaced by {@link #describe}. */
  static String detail(ConfigException e) {
    String message = String.valueOf(e.getMessage());
    if (e.origin() == null) {
      return message;
    }
    String prefix = e.origin().description() + ": ";
    return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
  }

  private static String name(ConfigOrigin origin) {
    if (origin.resource() != null) {
      return origin.resource();
    }
    if (origin.filename() != null) {
      Path fileName = Path.of(origin.filename()).getFileName();
      return fileName == null ? origin.filename() : fileName.toString();
    }
    URL url = origin.url();
    if (url != null) {
      String path = url.getPath();
      return path.substring(path.lastIndexOf('/') + 1);
    }
    return null;
  }

  // Values parsed from a string (JUnit parameters holding lists) carry a line number that means
  // nothing to the reader: "JUnit configuration parameter harness.x: 1".
  private static String withoutLine(ConfigOrigin origin) {
    String description = origin.description();
    String line = ": " + origin.lineNumber();
    if (origin.lineNumber() >= 0 && description.endsWith(line)) {
      return description.substring(0, description.length() - line.length());
    }
    return description;
  }
}
