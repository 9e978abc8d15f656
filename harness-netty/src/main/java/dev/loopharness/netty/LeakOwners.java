package dev.loopharness.netty;

import dev.loopharness.api.LeakKind;
import dev.loopharness.engine.kit.CreationSites;
import dev.loopharness.engine.kit.OwnerTags;

/**
 * Attributes the leaks that Netty's {@code ResourceLeakDetector} reports: each tracked buffer gets,
 * as its creation hint, the kit's {@link OwnerTags tag} of the owner that allocated it; a report is
 * recorded on that owner (on the orphans, naming it, if it has ended), else on the owner running
 * when Netty reports it.
 */
final class LeakOwners {
  private LeakOwners() {}

  /** The creation hint for a resource tracked now, or null when no owner is running. */
  static String hint() {
    return OwnerTags.current();
  }

  /** Records the leak Netty just reported; {@code records} is its report (empty when it has none). */
  static void report(String resourceType, String records) {
    OwnerTags.Found found = OwnerTags.find(records);
    String site = userFrame(records, "Created at:");
    StringBuilder text = new StringBuilder(resourceType).append(" leak reported by Netty's ResourceLeakDetector:")
        .append(" release() was not called before it was garbage-collected");
    if (!site.isEmpty()) {
      text.append("; allocated at ").append(site);
    } else {
      // Allocated by Netty itself (a read): where user code last touched it says more.
      site = userFrame(records, "#1:");
      if (!site.isEmpty()) {
        text.append("; last accessed at ").append(site);
      }
    }
    if (found.ownerEnded()) {
      text.append(" by ").append(found.taggedName()).append(", which had ended when the leak was found");
    } else if (!found.isTagged()) {
      text.append(" (allocated where no test or fixture was running; found while ")
          .append(found.targetName()).append(" ran)");
    }
    found.record(LeakKind.RESOURCE, text.toString(), site);
  }

  /** The first frame outside Netty, the harness and the JDK in the report's record headed {@code heading}. */
  static String userFrame(String records, String heading) {
    int start = records.indexOf(heading);
    if (start < 0) {
      return "";
    }
    String[] lines = records.substring(start).split("\\R");
    for (int i = 1; i < lines.length; i++) {
      String frame = lines[i].strip();
      if (frame.startsWith("#") || frame.startsWith("Created at:")) {
        break;
      }
      int paren = frame.indexOf('(');
      int dot = paren < 0 ? -1 : frame.lastIndexOf('.', paren);
      if (frame.startsWith("Hint:") || dot < 0 || !frame.endsWith(")")) {
        continue;
      }
      String qualified = frame.substring(frame.lastIndexOf('/', dot) + 1, dot);
      if (NettySites.isInternal(qualified)) {
        continue;
      }
      String where = frame.substring(paren + 1, frame.length() - 1);
      int colon = where.lastIndexOf(':');
      return CreationSites.format(qualified, frame.substring(dot + 1, paren),
          colon < 0 ? where : where.substring(0, colon),
          colon < 0 ? -1 : parse(where.substring(colon + 1)));
    }
    return "";
  }

  private static int parse(String line) {
    try {
      return Integer.parseInt(line);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
