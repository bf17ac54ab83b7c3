package org.recsys4j.models.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

/** Small helpers for layer tests: random arrays, masks of the usual kinds, close comparisons. */
final class TestArrays {
  private TestArrays() {}

  /** Mask kinds every masked layer is tested with. */
  enum MaskKind {
    /** No mask at all. */
    NONE,
    /** Each entry valid with probability 1/2. */
    RANDOM,
    /** Only the first entry of each row valid. */
    ALL_BUT_ONE,
    /** No entry valid. */
    FULLY_MASKED
  }

  /** {@code n} values uniform in [lo, hi). */
  static double[] uniform(SplittableRandom r, int n, double lo, double hi) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = lo + r.nextDouble() * (hi - lo);
    }
    return v;
  }

  /** A mask of {@code rows} rows of {@code len} entries; null for {@link MaskKind#NONE}. */
  static double[] mask(SplittableRandom r, MaskKind kind, int rows, int len) {
    if (kind == MaskKind.NONE) {
      return null;
    }
    double[] m = new double[rows * len];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < len; j++) {
        m[i * len + j] =
            switch (kind) {
              case RANDOM -> r.nextBoolean() ? 1 : 0;
              case ALL_BUT_ONE -> j == 0 ? 1 : 0;
              default -> 0;
            };
      }
    }
    return m;
  }

  /** Asserts {@code |want − got| <= tol·(1 + |want|)} element-wise. */
  static void assertClose(double[] want, double[] got, double tol, String what) {
    assertEquals(want.length, got.length, what + ": length");
    for (int i = 0; i < want.length; i++) {
      assertEquals(want[i], got[i], tol * (1 + Math.abs(want[i])), what + "[" + i + "]");
    }
  }

  /**
   * A copy of {@code x} ({@code [P,D]}, P = mask length) whose masked positions hold garbage in
   * [-50, 50).
   */
  static double[] garbageWhereMasked(double[] x, double[] mask, int d, long seed) {
    double[] out = x.clone();
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < mask.length; i++) {
      if (mask[i] == 0) {
        for (int k = 0; k < d; k++) {
          out[i * d + k] = r.nextDouble() * 100 - 50;
        }
      }
    }
    return out;
  }

  /** A random permutation of 0..n-1. */
  static int[] permutation(int n, long seed) {
    return FmCrossProperties.permutation(n, seed);
  }
}
