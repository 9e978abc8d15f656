package dev.loopharness.engine.leak;

import dev.loopharness.api.Leak;
import dev.loopharness.api.LeakKind;
import dev.loopharness.engine.kind.LeakKinds;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The text users read when an owner leaked: one line per leak, a summary beyond 20, and the fixes. */
public final class LeakMessages {
  static final int SHOWN = 20;
  private LeakMessages() {}

  /** The {@link dev.loopharness.api.LeakDetectedError} message for {@code leaks} left by {@code ownerName}. */
  public static String format(String ownerName, List<Leak> leaks) {
    StringBuilder out = new StringBuilder(ownerName).append(" leaked ")
        .append(counts(leaks, "")).append(":\n");
    int width = 8;
    for (Leak leak : leaks.subList(0, Math.min(SHOWN, leaks.size()))) {
      width = Math.max(width, leak.kind().name().length());
    }
    String indent = " ".repeat(width + 3);
    for (Leak leak : leaks.subList(0, Math.min(SHOWN, leaks.size()))) {
      out.append("  ").append(pad(leak.kind().name(), width)).append(' ')
          .append(line(leak).replace("\n", "\n" + indent)).append('\n');
    }
    if (leaks.size() > SHOWN) {
      out.append("  ... and ").append(counts(leaks.subList(SHOWN, leaks.size()), "more ")).append('\n');
    }
    out.append(String.join("\n", fixes(leaks)));
    return out.toString();
  }

  private static String line(Leak leak) {
    String site = leak.creationSite();
    if (site.isEmpty() || leak.description().contains(site)) {
      return leak.description();
    }
    return leak.description() + " (created at " + site + ")";
  }

  private static String counts(List<Leak> leaks, String more) {
    Map<LeakKind, Integer> counts = new EnumMap<>(LeakKind.class);
    for (Leak leak : leaks) {
      counts.merge(leak.kind(), 1, Integer::sum);
    }
    List<String> parts = new ArrayList<>();
    counts.forEach((kind, n) -> parts.add(
        String.format(Locale.ROOT, "%,d %s%s", n, more, LeakKinds.noun(kind, n == 1))));
    return String.join(", ", parts);
  }

  /** The fix for one leak, as the failure message would give it; also shown on warnings. */
  public static String fix(Leak leak) {
    return String.join("\n", fixes(List.of(leak)));
  }

  // One fix per distinct advice, tracked items first, in the order of the kinds.
  private static List<String> fixes(List<Leak> leaks) {
    Set<String> fixes = new LinkedHashSet<>();
    for (boolean items : new boolean[] {true, false}) {
      for (LeakKind kind : LeakKind.values()) {
        if (LeakKinds.isItem(kind) != items) {
          continue;
        }
        for (Leak leak : leaks) {
          if (leak.kind() == kind) {
            fixes.add(LeakKinds.fix(kind, Owner.isFixtureName(leak.owner())));
          }
        }
      }
    }
    return new ArrayList<>(fixes);
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(width - s.length());
  }
}
