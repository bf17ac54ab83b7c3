package org.recsys4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CurvesTest {
  private static final double[] S = {0.9, 0.8, 0.8, 0.3};
  private static final int[] Y = {1, 0, 1, 0};

  @Test
  void rocHandComputed() {
    Curve roc = Curves.roc(S, Y);
    // thresholds 0.9, 0.8 (one pos, one neg tied), 0.3
    assertArrayEquals(new double[] {0, 0, 0.5, 1}, roc.xs(), 0.0);
    assertArrayEquals(new double[] {0, 0.5, 1, 1}, roc.ys(), 0.0);
  }

  @Test
  void precisionRecallAndAverageHandComputed() {
    Curve pr = Curves.precisionRecall(S, Y);
    assertArrayEquals(new double[] {0, 0.5, 1, 1}, pr.xs(), 0.0);
    assertArrayEquals(new double[] {1, 1, 2.0 / 3, 0.5}, pr.ys(), 1e-15);
    // AP = 0.5 * 1 + 0.5 * 2/3
    assertEquals(0.5 + 1.0 / 3, AveragePrecision.compute(S, Y), 1e-15);
  }

  @Test
  void averagePrecisionNeedsAPositive() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> AveragePrecision.compute(new double[] {0.2, 0.1}, new int[] {0, 0}));
    assertEquals(
        "labels has 0 positives in 2 rows; precision-recall needs a positive", e.getMessage());
    assertEquals(1.0, AveragePrecision.compute(new double[] {0.2}, new int[] {1}), 0.0);
  }

  @Test
  void nanIsRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Curves.roc(new double[] {0.2, Double.NaN}, new int[] {0, 1}));
    assertEquals("scores[1]=NaN must be finite", e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> AveragePrecision.compute(new double[0], new int[0]));
  }
}
