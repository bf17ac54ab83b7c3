package org.recsys4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AucTest {
  @Test
  void handComputedWithTies() {
    // positives 0.8, 0.4; negatives 0.4, 0.1, 0.9.
    // 0.8 beats 0.4 and 0.1 (2); 0.4 ties 0.4 (0.5) and beats 0.1 (1) -> 3.5 / 6
    double auc = Auc.exact(new double[] {0.8, 0.4, 0.4, 0.1, 0.9}, new int[] {1, 1, 0, 0, 0});
    assertEquals(3.5 / 6.0, auc, 1e-15);
  }

  @Test
  void perfectAndReversedAndConstant() {
    int[] y = {0, 0, 1, 1};
    assertEquals(1.0, Auc.exact(new double[] {1, 2, 3, 4}, y), 0.0);
    assertEquals(0.0, Auc.exact(new double[] {4, 3, 2, 1}, y), 0.0);
    assertEquals(0.5, Auc.exact(new double[] {7, 7, 7, 7}, y), 0.0);
  }

  @Test
  void negativeZeroTiesWithZero() {
    assertEquals(0.5, Auc.exact(new double[] {-0.0, 0.0}, new int[] {1, 0}), 0.0);
    assertEquals(0.5, Auc.exact(new double[] {0.0, -0.0}, new int[] {1, 0}), 0.0);
  }

  @Test
  void singlePairOfEachClass() {
    assertEquals(1.0, Auc.exact(new double[] {0.3, 0.2}, new int[] {1, 0}), 0.0);
  }

  @Test
  void nanScoreNamesIndexAndValue() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Auc.exact(new double[] {0.1, Double.NaN, 0.3}, new int[] {0, 1, 1}));
    assertEquals("scores[1]=NaN must be finite", e.getMessage());
  }

  @Test
  void infiniteScoreNamesIndexAndValue() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Auc.exact(new double[] {0.1, 0.2, Double.NEGATIVE_INFINITY}, new int[] {0, 1, 1}));
    assertEquals("scores[2]=-Infinity must be finite", e.getMessage());
  }

  @Test
  void badLabelNamesIndexAndValue() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Auc.exact(new double[] {0.1, 0.2, 0.3}, new int[] {0, 1, -1}));
    assertEquals("labels[2]=-1 must be 0 or 1", e.getMessage());
  }

  @Test
  void emptyInputIsRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Auc.exact(new double[0], new int[0]));
    assertEquals("scores.length=0 must be > 0 (empty input)", e.getMessage());
  }

  @Test
  void mismatchedLengthsAreRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Auc.exact(new double[] {0.1, 0.2}, new int[] {0, 1, 1}));
    assertEquals("labels.length=3 must equal scores.length=2", e.getMessage());
  }

  @Test
  void oneClassIsRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Auc.exact(new double[] {0.1, 0.2}, new int[] {1, 1}));
    assertEquals(
        "labels has 2 positives and 0 negatives; AUC needs at least one of each class",
        e.getMessage());
  }

  @Test
  void nullIsRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Auc.exact(null, new int[] {1}));
    assertEquals("scores=null must not be null", e.getMessage());
  }

  @Test
  void largeRandomInputMatchesCountingByRankOnIntegerScores() {
    // Integer scores 0..99 let the exact value be computed by a per-value histogram.
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
    int n = 200_000;
    double[] s = new double[n];
    int[] y = new int[n];
    long[] posAt = new long[100];
    long[] negAt = new long[100];
    for (int i = 0; i < n; i++) {
      int v = rnd.nextInt(100);
      y[i] = rnd.nextDouble() < 0.2 + 0.006 * v ? 1 : 0;
      s[i] = v;
      if (y[i] == 1) {
        posAt[v]++;
      } else {
        negAt[v]++;
      }
    }
    double num = 0;
    long below = 0;
    long p = 0;
    for (int v = 0; v < 100; v++) {
      num += posAt[v] * (below + 0.5 * negAt[v]);
      below += negAt[v];
      p += posAt[v];
    }
    assertEquals(num / ((double) p * below), Auc.exact(s, y), 1e-12);
  }
}
