package org.recsys4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CalibrationTest {
  private static final double[] P = {0.1, 0.1, 0.2, 0.4, 0.6, 0.9};
  private static final int[] Y = {0, 0, 1, 0, 1, 1};

  @Test
  void copcHandComputed() {
    assertEquals(3 / 2.3, Calibration.copc(P, Y), 1e-12);
  }

  @Test
  void equalWidthHandComputed() {
    ReliabilityCurve c = Calibration.reliability(P, Y, 2, Calibration.Binning.EQUAL_WIDTH);
    List<CalibrationBin> bins = c.bins();
    assertEquals(2, bins.size());
    // [0, 0.5): 0.1, 0.1, 0.2, 0.4 with 1 positive; [0.5, 1]: 0.6, 0.9 with 2 positives
    assertEquals(4, bins.get(0).count());
    assertEquals(0.2, bins.get(0).meanPredicted(), 1e-12);
    assertEquals(0.25, bins.get(0).observedRate(), 0.0);
    assertEquals(1.25, bins.get(0).copc(), 1e-12);
    assertEquals(0.75, bins.get(1).meanPredicted(), 1e-12);
    assertEquals(1.0, bins.get(1).observedRate(), 0.0);
    // ECE = 4/6 * 0.05 + 2/6 * 0.25
    assertEquals(4.0 / 6 * 0.05 + 2.0 / 6 * 0.25, c.expectedCalibrationError(), 1e-12);
    assertEquals(0.25, c.maxCalibrationError(), 1e-12);
    assertEquals(3 / 2.3, c.copc(), 1e-12);
  }

  @Test
  void equalCountKeepsTiesAndOmitsEmptyBins() {
    // 3 bins over 6 rows: ranks below = 0,0,2,3,4,5 -> bins 0,0,1,1,2,2
    ReliabilityCurve c = Calibration.reliability(P, Y, 3, Calibration.Binning.EQUAL_COUNT);
    assertEquals(3, c.bins().size());
    assertEquals(2, c.bins().get(0).count());
    assertEquals(0.1, c.bins().get(0).maxPredicted(), 0.0);
    // 6 bins: the tie 0.1 sits in bin 0, bin 1 is empty and omitted
    ReliabilityCurve six = Calibration.reliability(P, Y, 6, Calibration.Binning.EQUAL_COUNT);
    assertEquals(5, six.bins().size());
    assertEquals(2, six.bins().get(1).index());
  }

  @Test
  void errorsAreClear() {
    IllegalArgumentException zero =
        assertThrows(
            IllegalArgumentException.class,
            () -> Calibration.copc(new double[] {0, 0}, new int[] {1, 0}));
    assertEquals(
        "sum of p=0.0 must be > 0; COPC = sum(labels) / sum(p) is undefined", zero.getMessage());
    IllegalArgumentException nan =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Calibration.reliability(
                    new double[] {Double.NaN}, new int[] {1}, 10, Calibration.Binning.EQUAL_WIDTH));
    assertEquals("p[0]=NaN must be finite", nan.getMessage());
    IllegalArgumentException range =
        assertThrows(
            IllegalArgumentException.class,
            () -> Calibration.copc(new double[] {0.5, -0.5}, new int[] {1, 0}));
    assertEquals("p[1]=-0.5 must be a probability in [0, 1]", range.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> Calibration.reliability(P, Y, 0, Calibration.Binning.EQUAL_WIDTH));
    assertThrows(IllegalArgumentException.class, () -> Calibration.copc(new double[0], new int[0]));
  }
}
