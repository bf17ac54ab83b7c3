package org.recsys4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BreakdownTest {
  private static final double[] S = {0.9, 0.1, 0.8, 0.3, 0.7, 0.6, 0.2};
  private static final int[] Y = {1, 0, 0, 1, 1, 0, 0};

  @Test
  void perPositionAucWithIntKeysInAscendingOrder() {
    int[] position = {2, 2, 1, 1, 3, 3, 3};
    List<SegmentResult> out = Breakdown.bySegment(position, S, Y, Auc::exact);
    assertEquals(3, out.size());
    assertEquals(1, out.get(0).segment());
    assertEquals(0.0, out.get(0).value(), 0.0); // 0.3 (pos) below 0.8 (neg)
    assertEquals(2, out.get(1).segment());
    assertEquals(1.0, out.get(1).value(), 0.0);
    assertEquals(3, out.get(2).segment());
    assertEquals(1.0, out.get(2).value(), 0.0); // 0.7 (pos) above 0.6, 0.2
    assertEquals(3, out.get(2).rows());
    assertEquals(1, out.get(2).positives());
  }

  @Test
  void undefinedSegmentIsReportedNotDropped() {
    long[] day = {20240101, 20240101, 20240102, 20240102, 20240103, 20240103, 20240103};
    int[] y = {1, 0, 0, 0, 1, 0, 0};
    List<SegmentResult> out = Breakdown.bySegment(day, S, y, Auc::exact);
    SegmentResult oneClass = out.get(1);
    assertEquals(20240102, oneClass.segment());
    assertFalse(oneClass.defined());
    assertTrue(Double.isNaN(oneClass.value()));
    assertEquals(
        "labels has 0 positives and 2 negatives; AUC needs at least one of each class",
        oneClass.undefinedReason());
    assertTrue(out.get(0).defined());
  }

  @Test
  void groupMetricPerSegment() {
    long[] segment = {1, 1, 1, 1, 2, 2, 2};
    long[] user = {5, 5, 6, 6, 5, 5, 5};
    List<SegmentResult> out =
        Breakdown.bySegment(
            segment,
            S,
            Y,
            user,
            (s, y, g) -> GroupAuc.compute(s, y, g, GroupAuc.Weighting.IMPRESSIONS).value());
    // segment 1: user 5 AUC 1 (2 rows), user 6 AUC 0 (2 rows) -> 0.5
    assertEquals(0.5, out.get(0).value(), 0.0);
    assertEquals(1.0, out.get(1).value(), 0.0);
  }

  @Test
  void inputIsValidatedUpFront() {
    IllegalArgumentException nan =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Breakdown.bySegment(
                    new int[] {1, 2},
                    new double[] {0.1, Double.NaN},
                    new int[] {1, 0},
                    Auc::exact));
    assertEquals("scores[1]=NaN must be finite", nan.getMessage());
    IllegalArgumentException len =
        assertThrows(
            IllegalArgumentException.class,
            () -> Breakdown.bySegment(new long[] {1}, S, Y, Auc::exact));
    assertEquals("segments.length=1 must equal scores.length=7", len.getMessage());
  }
}
