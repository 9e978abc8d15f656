package dev.loopharness.netty;

import dev.loopharness.api.LeakKind;
import dev.loopharness.engine.leak.Owner;
import dev.loopharness.engine.loop.CreationSites;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Attributes the leaks that Netty's {@code ResourceLeakDetector} reports: each tracked buffer gets,
 * as its creation hint, a tag naming the owner that allocated it; a report is recorded on that owner
 * (on the orphans, naming it, if it has ended), else on the owner running when Netty reports it.
 */
final class LeakOwners {
  private static final String TAG = "loop-harness owner #";
  private static final String RUNNING = ") was running when this was allocated";
  private static final Pattern TAGGED = Pattern.compile(Pattern.quote(TAG) + "(\\d+) \\((.*)" + Pattern.quote(RUNNING));
  private static final AtomicLong IDS = new AtomicLong();
  private static final Map<Owner, String> HINTS = new WeakHashMap<>();
  private static final Map<Long, WeakReference<Owner>> BY_ID = new ConcurrentHashMap<>();
  private static volatile Owner lastOwner;
  private static volatile String lastHint;

  private LeakOwners() {}

  /** The creation hint for a resource tracked now, or null when no owner is running. */
  static String hint() {
    Owner owner = Owner.current();
    if (owner == null) {
      return null;
    }
    String hint = lastHint;
    if (lastOwner == owner && hint != null) {
      return hint;
    }
    synchronized (HINTS) {
      hint = HINTS.get(owner);
      if (hint == null) {
        long id = IDS.incrementAndGet();
        hint = TAG + id + " (" + owner.name() + RUNNING;
        HINTS.put(owner, hint);
        BY_ID.put(id, new WeakReference<>(owner));
        if (BY_ID.size() > 4096) {
          BY_ID.values().removeIf(ref -> ref.get() == null);
        }
      }
    }
    lastHint = null;
    lastOwner = owner;
    lastHint = hint;
    return hint;
  }

  /** Records the leak Netty just reported; {@code records} is its report (empty when it has none). */
  static void report(String resourceType, String records) {
    Matcher tag = TAGGED.matcher(records);
    boolean tagged = tag.find();
    WeakReference<Owner> ref = tagged ? BY_ID.get(Long.parseLong(tag.group(1))) : null;
    Owner allocator = ref == null ? null : ref.get();
    // A tagged leak never goes to whoever finds it: its allocator, or the orphans once that is gone.
    Owner target = tagged ? (allocator != null ? allocator : Owner.orphans())
        : Owner.attribute(Owner.current(), null);
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
    if (tagged && (allocator == null || allocator.isEnded())) {
      text.append(" by ").append(tag.group(2)).append(", which had ended when the leak was found");
    } else if (!tagged) {
      text.append(" (allocated where no test or fixture was running; found while ")
          .append(target.name()).append(" ran)");
    }
    target.record(LeakKind.RESOURCE, text.toString(), site);
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
