package org.recsys4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StreamingAucTest {
  @Test
  void boundIsAttainedWhenEachBinIsPerfectlyOrdered() {
    StreamingAuc s = StreamingAuc.create(1, 0.0, 1.0);
    s.addAll(new double[] {0.9, 0.8, 0.2, 0.1}, new int[] {1, 1, 0, 0});
    assertEquals(0.5, s.value(), 0.0);
    assertEquals(0.5, s.errorBound(), 0.0);
    assertEquals(1.0, Auc.exact(new double[] {0.9, 0.8, 0.2, 0.1}, new int[] {1, 1, 0, 0}), 0.0);
  }

  @Test
  void handComputedTwoBins() {
    // bins [0,0.5) and [0.5,1]: bin 0 has 1 pos, 2 neg; bin 1 has 2 pos, 1 neg.
    StreamingAuc s = StreamingAuc.create(2, 0.0, 1.0);
    s.addAll(new double[] {0.1, 0.2, 0.3, 0.6, 0.7, 1.0}, new int[] {0, 1, 0, 0, 1, 1});
    // value = [1 * (0 + 0.5 * 2) + 2 * (2 + 0.5 * 1)] / (3 * 3) = 6 / 9
    assertEquals(6.0 / 9.0, s.value(), 1e-15);
    // bound = 0.5 * (1 * 2 + 2 * 1) / 9 = 2 / 9
    assertEquals(2.0 / 9.0, s.errorBound(), 1e-15);
    assertEquals(6, s.count());
    assertEquals(3, s.positives());
    assertEquals(3, s.negatives());
  }

  @Test
  void defaultGridIsTightOnAMillionRows() {
    SplittableRandom rnd = new SplittableRandom(3);
    int n = 1_000_000;
    double[] p = new double[n];
    int[] y = new int[n];
    StreamingAuc s = StreamingAuc.create();
    for (int i = 0; i < n; i++) {
      y[i] = rnd.nextDouble() < 0.1 ? 1 : 0;
      p[i] = 1 / (1 + Math.exp(-(rnd.nextGaussian() + y[i])));
      s.add(p[i], y[i]);
    }
    double exact = Auc.exact(p, y);
    assertTrue(Math.abs(s.value() - exact) <= s.errorBound() + 1e-12);
    assertTrue(s.errorBound() < 1e-4, "bound=" + s.errorBound());
    assertEquals(StreamingAuc.DEFAULT_BINS, s.bins());
  }

  @Test
  void rejectsBadRowsWithoutChangingState() {
    StreamingAuc s = StreamingAuc.create();
    IllegalArgumentException nan =
        assertThrows(IllegalArgumentException.class, () -> s.add(Double.NaN, 1));
    assertEquals("score=NaN must be finite and in [0.0, 1.0]", nan.getMessage());
    IllegalArgumentException out =
        assertThrows(IllegalArgumentException.class, () -> s.add(1.5, 1));
    assertEquals("score=1.5 must be finite and in [0.0, 1.0]", out.getMessage());
    IllegalArgumentException label =
        assertThrows(IllegalArgumentException.class, () -> s.add(0.5, 2));
    assertEquals("label=2 must be 0 or 1", label.getMessage());
    IllegalArgumentException bulk =
        assertThrows(
            IllegalArgumentException.class,
            () -> s.addAll(new double[] {0.5, -0.1}, new int[] {1, 0}));
    assertEquals("scores[1]=-0.1 must be finite and in [0.0, 1.0]", bulk.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> s.addAll(new double[] {0.5, 0.1}, new int[] {1, 3}));
    assertEquals(0, s.count());
  }

  @Test
  void emptyOrOneClassHasNoValue() {
    StreamingAuc s = StreamingAuc.create();
    IllegalStateException e = assertThrows(IllegalStateException.class, s::value);
    assertEquals(
        "StreamingAuc has 0 positives and 0 negatives; AUC needs at least one of each class",
        e.getMessage());
    s.add(0.3, 1);
    assertThrows(IllegalStateException.class, s::errorBound);
  }

  @Test
  void mergeRequiresSameGrid() {
    StreamingAuc a = StreamingAuc.create(8, 0.0, 1.0);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> a.merge(StreamingAuc.create(16, 0.0, 1.0)));
    assertEquals("other.bins=16 must equal bins=8", e.getMessage());
    IllegalArgumentException range =
        assertThrows(
            IllegalArgumentException.class, () -> a.merge(StreamingAuc.create(8, 0.0, 2.0)));
    assertEquals("other.hi=2.0 must equal hi=1.0", range.getMessage());
  }

  @Test
  void rejectsBadConfiguration() {
    assertThrows(IllegalArgumentException.class, () -> StreamingAuc.create(0, 0, 1));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> StreamingAuc.create(4, 1, 1));
    assertEquals("hi=1.0 must be > lo=1.0", e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> StreamingAuc.create(4, -Double.MAX_VALUE, Double.MAX_VALUE));
    assertThrows(IllegalArgumentException.class, () -> StreamingAuc.create(4, Double.NaN, 1));
  }
}
