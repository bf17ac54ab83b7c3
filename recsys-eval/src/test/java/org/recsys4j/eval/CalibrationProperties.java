package org.recsys4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

@PropertyDefaults(tries = 200)
class CalibrationProperties {
  @Provide
  Arbitrary<Rows> rows() {
    return Rows.probabilities(40);
  }

  @Property
  void copcEqualsDefinition(@ForAll("rows") Rows r) {
    double sum = java.util.Arrays.stream(r.scores()).sum();
    Assume.that(sum > 0);
    assertEquals(
        CalibrationReference.copc(r.scores(), r.labels()),
        Calibration.copc(r.scores(), r.labels()),
        1e-12);
  }

  @Property
  void binsEqualPerRowAssignment(
      @ForAll("rows") Rows r,
      @ForAll @IntRange(min = 1, max = 12) int bins,
      @ForAll Calibration.Binning binning) {
    ReliabilityCurve curve = Calibration.reliability(r.scores(), r.labels(), bins, binning);
    long[] count = new long[bins];
    long[] positives = new long[bins];
    double[] sum = new double[bins];
    for (int i = 0; i < r.size(); i++) {
      int b = CalibrationReference.bin(r.scores(), i, bins, binning);
      count[b]++;
      positives[b] += r.labels()[i];
      sum[b] += r.scores()[i];
    }
    int k = 0;
    double ece = 0;
    for (int b = 0; b < bins; b++) {
      if (count[b] == 0) {
        continue;
      }
      CalibrationBin actual = curve.bins().get(k++);
      assertEquals(b, actual.index());
      assertEquals(count[b], actual.count());
      assertEquals(positives[b], actual.positives());
      assertEquals(sum[b], actual.sumPredicted(), 1e-12);
      assertEquals(sum[b] / count[b], actual.meanPredicted(), 1e-12);
      assertEquals((double) positives[b] / count[b], actual.observedRate(), 1e-15);
      double gap = Math.abs((double) positives[b] / count[b] - sum[b] / count[b]);
      ece += (double) count[b] / r.size() * gap;
    }
    assertEquals(k, curve.bins().size());
    assertEquals(ece, curve.expectedCalibrationError(), 1e-12);
    assertEquals(r.size(), curve.count());
    assertEquals(r.positives(), curve.positives());
  }

  @Property
  void equalCountBinsKeepTiesTogether(
      @ForAll("rows") Rows r, @ForAll @IntRange(min = 1, max = 12) int bins) {
    ReliabilityCurve curve =
        Calibration.reliability(r.scores(), r.labels(), bins, Calibration.Binning.EQUAL_COUNT);
    for (int a = 1; a < curve.bins().size(); a++) {
      // bins are ordered and disjoint in prediction
      assertTrue(
          curve.bins().get(a - 1).maxPredicted() < curve.bins().get(a).minPredicted(),
          "bins " + (a - 1) + " and " + a + " overlap");
    }
  }
}
