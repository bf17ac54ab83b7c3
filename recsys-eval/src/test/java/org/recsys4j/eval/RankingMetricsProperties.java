package org.recsys4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

@PropertyDefaults(tries = 200)
class RankingMetricsProperties {
  private static final double TOL = 1e-12;

  @Provide
  Arbitrary<Rows> rows() {
    return Rows.realScores(40);
  }

  @Property
  void equalsPerGroupLoop(@ForAll("rows") Rows r, @ForAll @IntRange(min = 1, max = 8) int k) {
    double[] expected = RankingMetricsReference.compute(r.scores(), r.labels(), r.groups(), k);
    if (expected[5] == 0) {
      assertThrows(
          IllegalArgumentException.class,
          () -> RankingMetrics.compute(r.scores(), r.labels(), r.groups(), k));
      return;
    }
    RankingResult actual = RankingMetrics.compute(r.scores(), r.labels(), r.groups(), k);
    assertEquals(expected[0], actual.averagePrecision(), TOL, "AP");
    assertEquals(expected[1], actual.ndcgAtK(), TOL, "NDCG");
    assertEquals(expected[2], actual.recallAtK(), TOL, "recall");
    assertEquals(expected[3], actual.hitRateAtK(), TOL, "hit rate");
    assertEquals(expected[4], actual.meanReciprocalRank(), TOL, "MRR");
    assertEquals((int) expected[5], actual.groupsUsed());
    assertEquals((int) expected[6], actual.groupsWithoutPositive());
    assertEquals(k, actual.k());
  }
}
