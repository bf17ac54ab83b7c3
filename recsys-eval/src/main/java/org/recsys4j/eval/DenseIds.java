package org.recsys4j.eval;

/**
 * Maps arbitrary {@code long} keys (user, request or segment ids) to dense ids {@code 0..count-1}
 * in order of first appearance, with a primitive open-addressing hash table (linear probing, load
 * factor at most 1/2). No boxing: 10<sup>7</sup> rows with 10<sup>6</sup> distinct keys take a few
 * hundred milliseconds.
 */
final class DenseIds {
  /** Dense id of each row. */
  final int[] ids;

  /** The original key of each dense id, in order of first appearance. */
  final long[] keys;

  /** Number of distinct keys. */
  final int count;

  private DenseIds(int[] ids, long[] keys, int count) {
    this.ids = ids;
    this.keys = keys;
    this.count = count;
  }

  static DenseIds of(long[] rowKeys) {
    int n = rowKeys.length;
    int[] ids = new int[n];
    int capacity = 1024;
    long[] tableKeys = new long[capacity];
    int[] tableValues = new int[capacity];
    java.util.Arrays.fill(tableValues, -1);
    long[] keys = new long[16];
    int count = 0;
    int mask = capacity - 1;
    for (int i = 0; i < n; i++) {
      long key = rowKeys[i];
      int slot = (int) mix(key) & mask;
      int value;
      while (true) {
        value = tableValues[slot];
        if (value < 0) {
          value = count++;
          tableKeys[slot] = key;
          tableValues[slot] = value;
          if (value == keys.length) {
            keys = java.util.Arrays.copyOf(keys, keys.length * 2);
          }
          keys[value] = key;
          if (2 * count > capacity) {
            capacity *= 2;
            mask = capacity - 1;
            tableKeys = new long[capacity];
            tableValues = new int[capacity];
            java.util.Arrays.fill(tableValues, -1);
            for (int d = 0; d < count; d++) {
              int s = (int) mix(keys[d]) & mask;
              while (tableValues[s] >= 0) {
                s = (s + 1) & mask;
              }
              tableKeys[s] = keys[d];
              tableValues[s] = d;
            }
          }
          break;
        }
        if (tableKeys[slot] == key) {
          break;
        }
        slot = (slot + 1) & mask;
      }
      ids[i] = value;
    }
    return new DenseIds(ids, java.util.Arrays.copyOf(keys, count), count);
  }

  /** Stafford's variant 13 of the MurmurHash3 64-bit finaliser. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
