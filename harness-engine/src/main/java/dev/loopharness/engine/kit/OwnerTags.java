package dev.loopharness.engine.kit;

import dev.loopharness.api.LeakKind;
import dev.loopharness.engine.leak.Owner;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Attribution of leaks that a library's own detector reports later, on a thread of its choosing
 * (Netty's {@code ResourceLeakDetector}): a resource is hinted with a tag naming the owner running
 * when it was made; the report carries the tag back, and {@link #find} names the owner to record on.
 */
public final class OwnerTags {
  private static final String TAG = "loop-harness owner #";
  private static final String RUNNING = ") was running when this was allocated";
  private static final Pattern TAGGED = Pattern.compile(Pattern.quote(TAG) + "(\\d+) \\((.*)" + Pattern.quote(RUNNING));
  private static final AtomicLong IDS = new AtomicLong();
  private static final Map<Owner, String> TAGS = new WeakHashMap<>();
  private static final Map<Long, WeakReference<Owner>> BY_ID = new ConcurrentHashMap<>();
  private static volatile Owner lastOwner;
  private static volatile String lastTag;

  private OwnerTags() {}

  /** The tag of the owner running now, e.g. {@code loop-harness owner #3 (T > t() ...)}, or null when none runs. */
  public static String current() {
    Owner owner = Owner.current();
    if (owner == null) {
      return null;
    }
    String tag = lastTag;
    if (lastOwner == owner && tag != null) {
      return tag;
    }
    synchronized (TAGS) {
      tag = TAGS.get(owner);
      if (tag == null) {
        long id = IDS.incrementAndGet();
        tag = TAG + id + " (" + owner.name() + RUNNING;
        TAGS.put(owner, tag);
        BY_ID.put(id, new WeakReference<>(owner));
        if (BY_ID.size() > 4096) {
          BY_ID.values().removeIf(ref -> ref.get() == null);
        }
      }
    }
    lastTag = null;
    lastOwner = owner;
    lastTag = tag;
    return tag;
  }

  /**
   * Who a report containing {@code text} belongs to: the owner its first tag names (the orphans
   * once that owner is gone: a tagged leak never goes to whoever finds it); without a tag, the
   * owner running now, else the orphans.
   */
  public static Found find(String text) {
    Matcher tag = TAGGED.matcher(text);
    if (!tag.find()) {
      return new Found(null, Owner.attribute(Owner.current(), null));
    }
    WeakReference<Owner> ref = BY_ID.get(Long.parseLong(tag.group(1)));
    Owner allocator = ref == null ? null : ref.get();
    return new Found(tag.group(2), allocator != null ? allocator : Owner.orphans());
  }

  /** The owner a report belongs to. */
  public static final class Found {
    private final String taggedName;
    private final Owner target;

    private Found(String taggedName, Owner target) {
      this.taggedName = taggedName;
      this.target = target;
    }

    /** Whether the report carried a tag. */
    public boolean isTagged() {
      return taggedName != null;
    }

    /** The name of the owner in the tag, or null. */
    public String taggedName() {
      return taggedName;
    }

    /** Whether the tagged owner has ended (or is gone): the report is recorded on the orphans. */
    public boolean ownerEnded() {
      return isTagged() && (target == Owner.orphans() || target.isEnded());
    }

    /** The name of the owner it will be recorded on. */
    public String targetName() {
      return target.name();
    }

    /** Records the leak on that owner. */
    public void record(LeakKind kind, String text, String site) {
      target.record(kind, text, site);
    }
  }
}
