package org.recsys4j.models.train;

/**
 * Finds the distinct ids of a batch and, for each lookup, the index of its id among them, with an
 * open-addressing table reused across batches (no allocation per step). Distinct ids come out in
 * order of first appearance, so results are deterministic.
 */
final class IdDeduper {
  private int[] keys = new int[0];
  private int[] values = new int[0];
  private int[] stamps = new int[0];
  private int stamp;
  private int[] unique = new int[0];
  private int[] inverse = new int[0];
  private int count;

  /** Dedupes {@code ids[0..n)}. */
  void dedupe(int[] ids, int n) {
    int cap = Integer.highestOneBit(Math.max(16, n * 2 - 1)) << 1;
    if (keys.length < cap) {
      keys = new int[cap];
      values = new int[cap];
      stamps = new int[cap];
      stamp = 0;
    }
    if (unique.length < n) {
      unique = new int[n];
      inverse = new int[n];
    }
    stamp++;
    if (stamp == Integer.MAX_VALUE) {
      java.util.Arrays.fill(stamps, 0);
      stamp = 1;
    }
    int mask = keys.length - 1;
    int shift = 32 - Integer.numberOfTrailingZeros(keys.length);
    int c = 0;
    for (int i = 0; i < n; i++) {
      int id = ids[i];
      int h = (id * 0x9E3779B9) >>> shift;
      while (true) {
        if (stamps[h] != stamp) {
          stamps[h] = stamp;
          keys[h] = id;
          values[h] = c;
          unique[c] = id;
          inverse[i] = c++;
          break;
        }
        if (keys[h] == id) {
          inverse[i] = values[h];
          break;
        }
        h = (h + 1) & mask;
      }
    }
    count = c;
  }

  int count() {
    return count;
  }

  int[] unique() {
    return unique;
  }

  int[] inverse() {
    return inverse;
  }
}
