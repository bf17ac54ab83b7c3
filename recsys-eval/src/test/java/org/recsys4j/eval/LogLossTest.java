package org.recsys4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LogLossTest {
  @Test
  void handComputed() {
    double expected = -(Math.log(0.8) + Math.log(1 - 0.4)) / 2;
    assertEquals(expected, LogLoss.compute(new double[] {0.8, 0.4}, new int[] {1, 0}), 1e-15);
  }

  @Test
  void confidentlyWrongIsClipped() {
    // p = 0 for a positive and p = 1 for a negative both cost -ln(1e-7).
    assertEquals(-Math.log(1e-7), LogLoss.compute(new double[] {0.0, 1.0}, new int[] {1, 0}), 1e-9);
    // p = 1 for a positive costs -ln(1 - 1e-7) ~= 1e-7, not 0.
    assertEquals(-Math.log(1.0 - 1e-7), LogLoss.compute(new double[] {1.0}, new int[] {1}), 1e-20);
  }

  @Test
  void nanIsRejectedWithIndex() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> LogLoss.compute(new double[] {0.2, Double.NaN}, new int[] {0, 1}));
    assertEquals("p[1]=NaN must be finite", e.getMessage());
  }

  @Test
  void outOfRangeIsRejectedNotClipped() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> LogLoss.compute(new double[] {0.2, 1.5}, new int[] {0, 1}));
    assertEquals("p[1]=1.5 must be a probability in [0, 1]", e.getMessage());
  }

  @Test
  void emptyIsRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> LogLoss.compute(new double[0], new int[0]));
    assertEquals("p.length=0 must be > 0 (empty input)", e.getMessage());
  }
}
