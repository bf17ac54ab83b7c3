package org.recsys4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GroupAucTest {
  // user 10: rows {0.9:1, 0.2:0, 0.5:0}            -> AUC 1,   3 rows, 1 click
  // user 20: rows {0.3:1, 0.6:0, 0.3:0, 0.1:1}     -> AUC (0 + 0.5 + 1 + 0.5 ... ) see below
  // user 30: rows {0.4:1}                          -> skipped (one class, single row)
  // user 40: rows {0.7:1, 0.7:0}                   -> skipped (constant score)
  // user 50: rows {0.1:0, 0.8:0}                   -> skipped (one class)
  private static final double[] SCORES = {
    0.9, 0.3, 0.2, 0.6, 0.4, 0.5, 0.3, 0.7, 0.7, 0.1, 0.1, 0.8
  };
  private static final int[] LABELS = {1, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0};
  private static final long[] GROUPS = {10, 20, 10, 20, 30, 10, 20, 40, 40, 50, 20, 50};

  // user 20: positives 0.3, 0.1; negatives 0.6, 0.3.
  //   0.3 vs 0.6: 0, 0.3 vs 0.3: 0.5, 0.1 vs 0.6: 0, 0.1 vs 0.3: 0 -> 0.5 / 4 = 0.125
  private static final double AUC_10 = 1.0;
  private static final double AUC_20 = 0.125;

  @Test
  void impressionWeighted() {
    GroupAucResult r = GroupAuc.compute(SCORES, LABELS, GROUPS, GroupAuc.Weighting.IMPRESSIONS);
    assertEquals((3 * AUC_10 + 4 * AUC_20) / 7, r.value(), 1e-15);
    assertEquals(2, r.groupsUsed());
    assertEquals(3, r.groupsSkipped());
    assertEquals(2, r.oneClassGroups());
    assertEquals(1, r.constantScoreGroups());
    assertEquals(7, r.rowsUsed());
    assertEquals(5, r.rowsSkipped());
  }

  @Test
  void clickWeightedAndUnweighted() {
    assertEquals(
        (1 * AUC_10 + 2 * AUC_20) / 3,
        GroupAuc.compute(SCORES, LABELS, GROUPS, GroupAuc.Weighting.CLICKS).value(),
        1e-15);
    assertEquals(
        (AUC_10 + AUC_20) / 2,
        GroupAuc.compute(SCORES, LABELS, GROUPS, GroupAuc.Weighting.UNWEIGHTED).value(),
        1e-15);
  }

  @Test
  void allGroupsSkippedIsAnError() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                GroupAuc.compute(
                    new double[] {0.5, 0.5, 0.1},
                    new int[] {1, 0, 1},
                    new long[] {1, 1, 2},
                    GroupAuc.Weighting.IMPRESSIONS));
    assertEquals(
        "all 2 groups were skipped (1 with one class, 1 with constant scores); GAUC needs a group"
            + " with both classes and distinct scores",
        e.getMessage());
  }

  @Test
  void nanScoreIsRejectedWithIndex() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                GroupAuc.compute(
                    new double[] {0.5, Double.NaN},
                    new int[] {1, 0},
                    new long[] {1, 1},
                    GroupAuc.Weighting.IMPRESSIONS));
    assertEquals("scores[1]=NaN must be finite", e.getMessage());
  }

  @Test
  void mismatchedGroupIdsAreRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                GroupAuc.compute(
                    new double[] {0.5, 0.4},
                    new int[] {1, 0},
                    new long[] {1},
                    GroupAuc.Weighting.IMPRESSIONS));
    assertEquals("groupIds.length=1 must equal scores.length=2", e.getMessage());
  }

  @Test
  void emptyAndNullWeightingAreRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> GroupAuc.compute(new double[0], new int[0], new long[0], GroupAuc.Weighting.CLICKS));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> GroupAuc.compute(new double[] {1, 2}, new int[] {0, 1}, new long[] {3, 3}, null));
    assertEquals("weighting=null must not be null", e.getMessage());
  }

  @Test
  void manyGroupsWithExtremeIdsMatchReference() {
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(11);
    int n = 50_000;
    double[] s = new double[n];
    int[] y = new int[n];
    long[] g = new long[n];
    for (int i = 0; i < n; i++) {
      long user = rnd.nextInt(3_000);
      g[i] = user % 3 == 0 ? Long.MIN_VALUE + user : user * 0x9E3779B97F4A7C15L;
      y[i] = rnd.nextDouble() < 0.3 ? 1 : 0;
      s[i] = Math.round((y[i] * 0.3 + rnd.nextDouble()) * 50) / 50.0;
    }
    for (GroupAuc.Weighting w : GroupAuc.Weighting.values()) {
      double expected = AucReference.groupAuc(s, y, g, w);
      double actual = GroupAuc.compute(s, y, g, w).value();
      assertEquals(expected, actual, 1e-12);
      assertTrue(actual > 0.5);
    }
  }
}
