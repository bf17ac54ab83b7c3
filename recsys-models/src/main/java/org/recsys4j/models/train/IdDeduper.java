package org.recsys4j.models.train;

import java.util.Arrays;

/**
 * Finds the distinct ids of a batch and, for each lookup, the index of its id among them, with an
 * open-addressing table reused across batches (no allocation per step). Distinct ids come out in
 * order of first appearance, so results are deterministic.
 *
 * <p>Each slot of the table is one {@code long}, the id in its high half and its index plus one in
 * the low half (0 = empty), so a probe costs one memory access; the table is cleared per batch.
 */
final class IdDeduper {
  private long[] slots = new long[0];
  private int[] unique = new int[0];
  private int[] inverse = new int[0];
  private int count;

  /** Dedupes {@code ids[0..n)}. */
  void dedupe(int[] ids, int n) {
    int cap = Integer.highestOneBit(Math.max(16, n * 2 - 1)) << 1;
    if (slots.length < cap) {
      slots = new long[cap];
    }
    if (unique.length < n) {
      unique = new int[n];
      inverse = new int[n];
    }
    // only the first cap slots are used for this batch (the mask below)
    Arrays.fill(slots, 0, cap, 0L);
    int mask = cap - 1;
    int shift = 32 - Integer.numberOfTrailingZeros(cap);
    int c = 0;
    for (int i = 0; i < n; i++) {
      int id = ids[i];
      int h = (id * 0x9E3779B9) >>> shift;
      while (true) {
        long e = slots[h];
        if (e == 0) {
          slots[h] = ((long) id << 32) | (c + 1L);
          unique[c] = id;
          inverse[i] = c++;
          break;
        }
        if ((int) (e >>> 32) == id) {
          inverse[i] = (int) e - 1;
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
