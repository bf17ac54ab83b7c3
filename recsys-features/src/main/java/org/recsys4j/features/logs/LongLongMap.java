package org.recsys4j.features.logs;

/**
 * An open-addressing hash map from {@code long} keys to non-negative {@code long} values, without
 * boxing (linear probing, backward-shift deletion): 16 bytes a slot where a {@code HashMap<Long,
 * V>} spends about 64 per entry. Holds where {@link EventStitcher} keeps each open and remembered
 * exposure. Not thread-safe.
 */
final class LongLongMap {
  /** Returned by {@link #get} for an absent key. */
  static final long ABSENT = -1;

  private long[] keys;
  /** Value + 1; 0 marks an empty slot. */
  private long[] values;
  private int size;
  private int mask;

  LongLongMap() {
    keys = new long[16];
    values = new long[16];
    mask = 15;
  }

  int size() {
    return size;
  }

  /** The value of {@code key}, or {@link #ABSENT}. */
  long get(long key) {
    for (int i = slot(key); ; i = (i + 1) & mask) {
      long v = values[i];
      if (v == 0) {
        return ABSENT;
      }
      if (keys[i] == key) {
        return v - 1;
      }
    }
  }

  boolean containsKey(long key) {
    return get(key) != ABSENT;
  }

  /** Puts {@code value} ({@code >= 0}) under {@code key}, replacing any value. */
  void put(long key, long value) {
    if (2 * (size + 1) > values.length) {
      grow();
    }
    for (int i = slot(key); ; i = (i + 1) & mask) {
      if (values[i] == 0) {
        keys[i] = key;
        values[i] = value + 1;
        size++;
        return;
      }
      if (keys[i] == key) {
        values[i] = value + 1;
        return;
      }
    }
  }

  /** Removes {@code key} if present. */
  void remove(long key) {
    int i = slot(key);
    while (true) {
      if (values[i] == 0) {
        return;
      }
      if (keys[i] == key) {
        break;
      }
      i = (i + 1) & mask;
    }
    size--;
    // backward-shift: move later entries of the cluster into the hole when their home allows
    int hole = i;
    for (int j = (hole + 1) & mask; values[j] != 0; j = (j + 1) & mask) {
      int home = slot(keys[j]);
      boolean movable = hole <= j ? home <= hole || home > j : home <= hole && home > j;
      if (movable) {
        keys[hole] = keys[j];
        values[hole] = values[j];
        hole = j;
      }
    }
    values[hole] = 0;
  }

  void clear() {
    java.util.Arrays.fill(values, 0);
    size = 0;
  }

  private void grow() {
    long[] oldKeys = keys;
    long[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new long[oldValues.length * 2];
    mask = keys.length - 1;
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldValues[i] != 0) {
        put(oldKeys[i], oldValues[i] - 1);
      }
    }
  }

  private int slot(long key) {
    long z = (key ^ (key >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return (int) (z ^ (z >>> 33)) & mask;
  }
}
