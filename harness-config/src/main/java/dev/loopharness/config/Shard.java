package dev.loopharness.config;

/**
 * One shard of a test suite split across machines: {@code harness.shard = "k/n"} runs only the
 * test classes whose stable hash falls in shard {@code k} of {@code n}.
 *
 * @param index which shard, from 1 to {@code count}
 * @param count how many shards the suite is split into, at least 1
 */
public record Shard(int index, int count) {

  /** @throws IllegalArgumentException unless {@code 1 <= index <= count} */
  public Shard {
    if (count < 1 || index < 1 || index > count) {
      throw new IllegalArgumentException("shard " + index + "/" + count + " does not exist");
    }
  }

  /**
   * Parses {@code k/n}, such as {@code 2/4}.
   *
   * @throws IllegalArgumentException saying what was expected, if {@code text} is not of that form
   *     or names a shard that does not exist ({@code 0/2}, {@code 3/2})
   */
  public static Shard parse(String text) {
    String[] parts = text.trim().split("/", -1);
    if (parts.length == 2 && parts[0].strip().matches("\\d{1,9}") && parts[1].strip().matches("\\d{1,9}")) {
      int index = Integer.parseInt(parts[0].strip());
      int count = Integer.parseInt(parts[1].strip());
      if (count >= 1 && index >= 1 && index <= count) {
        return new Shard(index, count);
      }
    }
    throw new IllegalArgumentException(
        "a shard k/n with 1 <= k <= n such as 1/4, or \"\" to run every class");
  }

  /** {@code k/n}. */
  @Override
  public String toString() {
    return index + "/" + count;
  }
}
