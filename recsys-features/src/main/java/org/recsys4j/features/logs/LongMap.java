package org.recsys4j.features.logs;

/**
 * An open-addressing hash map from {@code long} keys to values, without boxing (linear probing,
 * backward-shift deletion). Holds the open and remembered exposures of {@link EventStitcher} by
 * trace id at a few bytes per entry less than a {@code HashMap<Long, V>}. Not thread-safe.
 *
 * @param <V> value type; null values are not stored
 */
final class LongMap<V> {
  private long[] keys;
  private Object[] values;
  private int size;
  private int mask;

  LongMap() {
    keys = new long[16];
    values = new Object[16];
    mask = 15;
  }

  int size() {
    return size;
  }

  @SuppressWarnings("unchecked")
  V get(long key) {
    for (int i = slot(key); ; i = (i + 1) & mask) {
      Object v = values[i];
      if (v == null) {
        return null;
      }
      if (keys[i] == key) {
        return (V) v;
      }
    }
  }

  boolean containsKey(long key) {
    return get(key) != null;
  }

  /** Puts {@code value} (non-null) under {@code key}, replacing any value. */
  void put(long key, V value) {
    if (2 * (size + 1) > values.length) {
      grow();
    }
    for (int i = slot(key); ; i = (i + 1) & mask) {
      if (values[i] == null) {
        keys[i] = key;
        values[i] = value;
        size++;
        return;
      }
      if (keys[i] == key) {
        values[i] = value;
        return;
      }
    }
  }

  /** Removes {@code key} if present. */
  void remove(long key) {
    int i = slot(key);
    while (true) {
      if (values[i] == null) {
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
    for (int j = (hole + 1) & mask; values[j] != null; j = (j + 1) & mask) {
      int home = slot(keys[j]);
      boolean movable = hole <= j ? home <= hole || home > j : home <= hole && home > j;
      if (movable) {
        keys[hole] = keys[j];
        values[hole] = values[j];
        hole = j;
      }
    }
    values[hole] = null;
  }

  void clear() {
    java.util.Arrays.fill(values, null);
    size = 0;
  }

  private void grow() {
    long[] oldKeys = keys;
    Object[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new Object[oldValues.length * 2];
    mask = keys.length - 1;
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldValues[i] != null) {
        @SuppressWarnings("unchecked")
        V v = (V) oldValues[i];
        put(oldKeys[i], v);
      }
    }
  }

  private int slot(long key) {
    long z = (key ^ (key >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return (int) (z ^ (z >>> 33)) & mask;
  }
}
