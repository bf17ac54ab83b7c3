package org.recsys4j.features.logs;

import java.util.Arrays;
import java.util.List;
import org.recsys4j.core.Check;

/** Open-addressing map from exposure trace id to its row index; rejects duplicate trace ids. */
final class TraceIndex {
  private static final int EMPTY = -1;
  private final long[] keys;
  private final int[] rows;
  private final int mask;

  TraceIndex(List<Exposure> exposures) {
    int capacity = Integer.highestOneBit(Math.max(4, exposures.size() * 2 - 1)) << 1;
    keys = new long[capacity];
    rows = new int[capacity];
    Arrays.fill(rows, EMPTY);
    mask = capacity - 1;
    for (int i = 0; i < exposures.size(); i++) {
      long id = exposures.get(i).traceId();
      int slot = slotOf(id);
      if (rows[slot] != EMPTY) {
        Check.arg(
            false,
            "exposures[" + i + "].traceId",
            id,
            "must be unique but repeats exposures[" + rows[slot] + "]");
      }
      keys[slot] = id;
      rows[slot] = i;
    }
  }

  /** Row index of {@code traceId}, or -1 if no exposure has it. */
  int rowOf(long traceId) {
    return rows[slotOf(traceId)];
  }

  private int slotOf(long id) {
    int slot = (int) mix(id) & mask;
    while (rows[slot] != EMPTY && keys[slot] != id) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }
}
