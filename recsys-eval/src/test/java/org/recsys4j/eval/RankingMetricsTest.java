package org.recsys4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RankingMetricsTest {
  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  @Test
  void handComputedTwoRequests() {
    // request 1: ranked 0.9 (neg), 0.7 (pos), 0.5 (neg), 0.2 (pos)
    //   AP = (1/2)(1/2 + 2/4); DCG@2 = 1/log2(3); IDCG@2 = 1 + 1/log2(3); recall@2 = 1/2; RR = 1/2
    // request 2: one positive ranked first -> all metrics 1
    // request 3: no positive -> excluded
    double[] s = {0.9, 0.7, 0.5, 0.2, 0.3, 0.1, 0.4};
    int[] y = {0, 1, 0, 1, 1, 0, 0};
    long[] g = {1, 1, 1, 1, 2, 2, 3};
    RankingResult r = RankingMetrics.compute(s, y, g, 2);
    double ap1 = 0.5 * (0.5 + 0.5);
    double ndcg1 = (1 / log2(3)) / (1 + 1 / log2(3));
    assertEquals((ap1 + 1) / 2, r.averagePrecision(), 1e-15);
    assertEquals((ndcg1 + 1) / 2, r.ndcgAtK(), 1e-15);
    assertEquals((0.5 + 1) / 2, r.recallAtK(), 1e-15);
    assertEquals(1.0, r.hitRateAtK(), 0.0);
    assertEquals((0.5 + 1) / 2, r.meanReciprocalRank(), 1e-15);
    assertEquals(2, r.groupsUsed());
    assertEquals(1, r.groupsWithoutPositive());
  }

  @Test
  void tiesArePessimisticForRankMetrics() {
    // a positive tied with two negatives is ranked third
    RankingResult r =
        RankingMetrics.compute(
            new double[] {0.5, 0.5, 0.5}, new int[] {1, 0, 0}, new long[] {7, 7, 7}, 1);
    assertEquals(0.0, r.hitRateAtK(), 0.0);
    assertEquals(0.0, r.ndcgAtK(), 0.0);
    assertEquals(1.0 / 3, r.meanReciprocalRank(), 1e-15);
    // AP: one threshold holding everything -> precision 1/3
    assertEquals(1.0 / 3, r.averagePrecision(), 1e-15);
  }

  @Test
  void singleRowAndAllPositiveGroupsScoreOne() {
    RankingResult r =
        RankingMetrics.compute(
            new double[] {0.1, 0.3, 0.2}, new int[] {1, 1, 1}, new long[] {1, 2, 2}, 1);
    assertEquals(1.0, r.ndcgAtK(), 0.0);
    assertEquals(1.0, r.averagePrecision(), 0.0);
    assertEquals(1.0, r.hitRateAtK(), 0.0);
    // recall@1 of group 2 (two positives) is 1/2
    assertEquals(0.75, r.recallAtK(), 0.0);
  }

  @Test
  void errorsAreClear() {
    IllegalArgumentException none =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                RankingMetrics.compute(
                    new double[] {1, 2}, new int[] {0, 0}, new long[] {1, 2}, 5));
    assertEquals(
        "none of the 2 groups has a positive; ranking metrics need a group with a positive",
        none.getMessage());
    IllegalArgumentException k =
        assertThrows(
            IllegalArgumentException.class,
            () -> RankingMetrics.compute(new double[] {1}, new int[] {1}, new long[] {1}, 0));
    assertEquals("k=0 must be > 0", k.getMessage());
    IllegalArgumentException nan =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                RankingMetrics.compute(
                    new double[] {Double.NaN}, new int[] {1}, new long[] {1}, 1));
    assertEquals("scores[0]=NaN must be finite", nan.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> RankingMetrics.compute(new double[0], new int[0], new long[0], 1));
  }
}
