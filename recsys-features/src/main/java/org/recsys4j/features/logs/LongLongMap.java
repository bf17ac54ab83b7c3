package org.recsys4j.features.logs;

import java.util.Arrays;

/**
 * An open-addressing hash map from {@code long} keys to non-negative {@code long} values, without
 * boxing (linear probing, backward-shift deletion). Key and value share one array (slot {@code i}
 * at {@code 2i, 2i+1}), so a probe touches one cache line: 32 bytes an entry at the maximum load of
 * one half, where a {@code HashMap<Long, V>} spends about 64. Holds where {@link EventStitcher}
 * keeps each open and remembered exposure. Not thread-safe.
 */
final class LongLongMap {
  /** Returned by {@link #get} for an absent key. */
  static final long ABSENT = -1;

  /** {@code [key, value + 1]} per slot; a value word of 0 marks an empty slot. */
  private long[] slots;

  private int size;
  private int mask;

  LongLongMap() {
    slots = new long[32];
    mask = 15;
  }

  int size() {
    return size;
  }

  /** The value of {@code key}, or {@link #ABSENT}. */
  long get(long key) {
    for (int i = slot(key); ; i = (i + 1) & mask) {
      long v = slots[2 * i + 1];
      if (v == 0) {
        return ABSENT;
      }
      if (slots[2 * i] == key) {
        return v - 1;
      }
    }
  }

  boolean containsKey(long key) {
    return get(key) != ABSENT;
  }

  /** Puts {@code value} ({@code >= 0}) under {@code key}, replacing any value. */
  void put(long key, long value) {
    long old = putIfAbsent(key, value);
    if (old != ABSENT) {
      for (int i = slot(key); ; i = (i + 1) & mask) {
        if (slots[2 * i] == key && slots[2 * i + 1] != 0) {
          slots[2 * i + 1] = value + 1;
          return;
        }
      }
    }
  }

  /**
   * Puts {@code value} under {@code key} unless the key is present.
   *
   * @return the present value, or {@link #ABSENT} if {@code value} was put
   */
  long putIfAbsent(long key, long value) {
    if (2 * (size + 1) > mask + 1) {
      grow();
    }
    for (int i = slot(key); ; i = (i + 1) & mask) {
      long v = slots[2 * i + 1];
      if (v == 0) {
        slots[2 * i] = key;
        slots[2 * i + 1] = value + 1;
        size++;
        return ABSENT;
      }
      if (slots[2 * i] == key) {
        return v - 1;
      }
    }
  }

  /** Removes {@code key} if present. */
  void remove(long key) {
    int i = slot(key);
    while (true) {
      if (slots[2 * i + 1] == 0) {
        return;
      }
      if (slots[2 * i] == key) {
        break;
      }
      i = (i + 1) & mask;
    }
    size--;
    // backward-shift: move later entries of the cluster into the hole when their home allows
    int hole = i;
    for (int j = (hole + 1) & mask; slots[2 * j + 1] != 0; j = (j + 1) & mask) {
      int home = slot(slots[2 * j]);
      boolean movable = hole <= j ? home <= hole || home > j : home <= hole && home > j;
      if (movable) {
        slots[2 * hole] = slots[2 * j];
        slots[2 * hole + 1] = slots[2 * j + 1];
        hole = j;
      }
    }
    slots[2 * hole + 1] = 0;
  }

  void clear() {
    Arrays.fill(slots, 0);
    size = 0;
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length * 2];
    mask = old.length - 1; // capacity doubles: (old.length / 2) * 2 slots
    size = 0;
    for (int i = 0; i < old.length; i += 2) {
      if (old[i + 1] != 0) {
        putIfAbsent(old[i], old[i + 1] - 1);
      }
    }
  }

  private int slot(long key) {
    long z = (key ^ (key >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return (int) (z ^ (z >>> 33)) & mask;
  }
}
