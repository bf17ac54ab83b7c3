package org.recsys4j.eval;

/**
 * Index sort of doubles without boxing: a stable LSD radix sort (four 16-bit passes, constant
 * passes skipped) of order-preserving 64-bit keys with an {@code int} row payload. {@code O(n)}
 * time and {@code 24 n} bytes of scratch memory.
 */
final class Sorting {
  private static final int BITS = 16;
  private static final int RADIX = 1 << BITS;

  private Sorting() {}

  /**
   * Returns the row indices ordered by ascending {@code values[row]}, ties in row order. Values
   * must be free of NaN; {@code -0.0} sorts as {@code 0.0}.
   */
  static int[] argsort(double[] values) {
    int n = values.length;
    long[] keys = new long[n];
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      keys[i] = sortableKey(values[i]);
      rows[i] = i;
    }
    long[] keyBuf = new long[n];
    int[] rowBuf = new int[n];
    int[] counts = new int[RADIX];
    for (int shift = 0; shift < 64; shift += BITS) {
      java.util.Arrays.fill(counts, 0);
      for (int i = 0; i < n; i++) {
        counts[(int) (keys[i] >>> shift) & (RADIX - 1)]++;
      }
      if (n == 0 || counts[(int) (keys[0] >>> shift) & (RADIX - 1)] == n) {
        continue; // every key has the same digit: the pass would not move anything
      }
      int sum = 0;
      for (int d = 0; d < RADIX; d++) {
        int c = counts[d];
        counts[d] = sum;
        sum += c;
      }
      for (int i = 0; i < n; i++) {
        int d = (int) (keys[i] >>> shift) & (RADIX - 1);
        int at = counts[d]++;
        keyBuf[at] = keys[i];
        rowBuf[at] = rows[i];
      }
      long[] tk = keys;
      keys = keyBuf;
      keyBuf = tk;
      int[] tr = rows;
      rows = rowBuf;
      rowBuf = tr;
    }
    return rows;
  }

  /** A key whose unsigned order is the numeric order of {@code v} ({@code -0.0 == 0.0}). */
  static long sortableKey(double v) {
    long bits = Double.doubleToRawLongBits(v + 0.0);
    // negative: flip all bits; positive: flip the sign bit only
    return bits ^ ((bits >> 63) | Long.MIN_VALUE);
  }
}
