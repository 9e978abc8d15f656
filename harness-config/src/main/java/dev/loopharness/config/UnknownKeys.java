package dev.loopharness.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reports keys under {@code harness} that {@code reference.conf} does not know, suggesting the
 * key that was probably meant. Wrong types are {@link ConfigValidator}'s business.
 */
final class UnknownKeys {
  static final String SEE_REFERENCE =
      "Every key with its default is in harness-config's reference.conf.";

  private final List<String> referencePaths = new ArrayList<>();

  private UnknownKeys(ConfigObject reference) {
    collectPaths(ConfigLayers.ROOT, (ConfigObject) reference.get(ConfigLayers.ROOT));
  }

  /** Adds one problem per unknown key under {@code harness} in {@code config}. */
  static void report(Config config, Config reference, Problems problems) {
    new UnknownKeys(reference.root()).walk(config.root(), reference.root(), List.of(), problems);
  }

  private void walk(
      ConfigObject actual, ConfigObject expected, List<String> at, Problems problems) {
    for (Map.Entry<String, ConfigValue> entry : new TreeMap<>(actual).entrySet()) {
      List<String> keys = new ArrayList<>(at);
      keys.add(entry.getKey());
      ConfigValue known = expected.get(entry.getKey());
      ConfigValue value = entry.getValue();
      if (known == null) {
        if (!at.isEmpty()) { // above the harness block, other libraries' keys are not ours to judge
          problems.add(originOf(value), message(keys, expected));
        }
      } else if (known instanceof ConfigObject && value instanceof ConfigObject) {
        walk((ConfigObject) value, (ConfigObject) known, keys, problems);
      }
    }
  }

  private String message(List<String> keys, ConfigObject siblings) {
    String path = ConfigUtil.joinPath(keys);
    if (path.equals(ConfigLayers.ROOT + ".config")) {
      return "Unknown key '" + path + "'. " + ConfigLayers.CONFIG_FILE + " is read only from JUnit"
          + " configuration parameters and system properties, not from configuration files.";
    }
    String suggestion = suggest(keys, siblings);
    return "Unknown key '" + path + "'. "
        + (suggestion == null ? "" : "Did you mean '" + suggestion + "'? ")
        + SEE_REFERENCE;
  }

  /**
   * The key probably meant: a sibling spelled differently only in case, then a key of the same
   * name elsewhere (a key in the wrong block), then the sibling closest by edit distance if it
   * is close enough.
   */
  private String suggest(List<String> keys, ConfigObject siblings) {
    String key = keys.get(keys.size() - 1).toLowerCase(Locale.ROOT);
    List<String> parent = keys.subList(0, keys.size() - 1);
    String closest = null;
    int best = Math.min(3, Math.max(1, key.length() / 3));
    for (String sibling : new TreeMap<>(siblings).keySet()) {
      int distance = editDistance(key, sibling.toLowerCase(Locale.ROOT));
      if (distance == 0) {
        return join(parent, sibling);
      }
      if (distance <= best) {
        best = distance - 1;
        closest = sibling;
      }
    }
    for (String candidate : referencePaths) {
      List<String> candidateKeys = ConfigUtil.splitPath(candidate);
      if (candidateKeys.get(candidateKeys.size() - 1).equalsIgnoreCase(key)) {
        return candidate;
      }
    }
    return closest == null ? null : join(parent, closest);
  }

  // An unknown block defined in two files has a merged origin; its first key has a single one.
  private static ConfigOrigin originOf(ConfigValue value) {
    if (value instanceof ConfigObject && !((ConfigObject) value).isEmpty()) {
      ConfigObject object = (ConfigObject) value;
      return originOf(object.get(new TreeMap<>(object).firstKey()));
    }
    return value.origin();
  }

  private void collectPaths(String path, ConfigObject object) {
    for (String key : new TreeMap<>(object).keySet()) {
      String child = path + "." + ConfigUtil.joinPath(key);
      referencePaths.add(child);
      if (object.get(key) instanceof ConfigObject) {
        collectPaths(child, (ConfigObject) object.get(key));
      }
    }
  }

  private static String join(List<String> parent, String key) {
    List<String> keys = new ArrayList<>(parent);
    keys.add(key);
    return ConfigUtil.joinPath(keys);
  }

  /**
   * Edit distance counting insertions, deletions, substitutions and swaps of two neighbouring
   * characters as one each (optimal string alignment), since swaps are the commonest typo.
   */
  static int editDistance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
