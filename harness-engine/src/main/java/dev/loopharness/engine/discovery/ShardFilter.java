package dev.loopharness.engine.discovery;

import dev.loopharness.config.Shard;
import dev.loopharness.engine.descriptor.ClassDescriptor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.TestDescriptor;

/**
 * Keeps the test classes of one shard ({@code harness.shard = "k/n"}) and removes the others from
 * the tree, so they are not discovered at all. A class belongs to shard {@code 1 +
 * unsigned(hash(name)) mod n}, where {@code hash} is 64-bit FNV-1a over the UTF-8 bytes of the
 * class's binary name followed by the MurmurHash3 finaliser: the same on every machine and JDK.
 */
public final class ShardFilter {
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private ShardFilter() {}

  /** The shard, from 1 to {@code count}, that the class named {@code className} belongs to. */
  public static int shardOf(String className, int count) {
    return (int) Long.remainderUnsigned(hash(className), count) + 1;
  }

  /** Whether {@code shard} keeps the class named {@code className}. */
  public static boolean keeps(Shard shard, String className) {
    return shardOf(className, shard.count()) == shard.index();
  }

  /**
   * Removes from {@code root} every class container that {@code shard} does not keep, then the
   * containers left empty.
   */
  static void apply(Shard shard, TestDescriptor root) {
    List<TestDescriptor> dropped = new ArrayList<>();
    root.accept(descriptor -> {
      if (descriptor instanceof ClassDescriptor type && !keeps(shard, type.testClass().getName())) {
        dropped.add(descriptor);
      }
    });
    dropped.forEach(TestDescriptor::removeFromHierarchy);
    root.accept(TestDescriptor::prune);
  }

  static long hash(String text) {
    long hash = FNV_OFFSET;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= FNV_PRIME;
    }
    hash ^= hash >>> 33;
    hash *= 0xff51afd7ed558ccdL;
    hash ^= hash >>> 33;
    hash *= 0xc4ceb9fe1a85ec53L;
    hash ^= hash >>> 33;
    return hash;
  }
}
