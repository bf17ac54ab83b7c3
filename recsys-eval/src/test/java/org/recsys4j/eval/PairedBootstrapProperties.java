package org.recsys4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;

/**
 * The replicate statistics equal the metrics recomputed on the materialised resample: every row of
 * group g repeated copies[g] times, each copy under a new group id.
 */
@PropertyDefaults(tries = 200)
class PairedBootstrapProperties {
  @Provide
  Arbitrary<Rows> rows() {
    return Rows.realScores(30);
  }

  @Provide
  Arbitrary<int[]> copies() {
    return Arbitraries.integers().between(0, 3).array(int[].class).ofSize(30);
  }

  @Property
  void replicateStatisticsEqualMetricsOnMaterialisedResample(
      @ForAll("rows") Rows r, @ForAll("copies") int[] copiesPool, @ForAll GroupAuc.Weighting w) {
    DenseIds dense = DenseIds.of(r.groups());
    int[] copies = java.util.Arrays.copyOf(copiesPool, dense.count);
    int total = 0;
    for (int i = 0; i < r.size(); i++) {
      total += copies[dense.ids[i]];
    }
    double[] s = new double[total];
    int[] y = new int[total];
    long[] g = new long[total];
    int k = 0;
    for (int i = 0; i < r.size(); i++) {
      int d = dense.ids[i];
      for (int c = 0; c < copies[d]; c++) {
        s[k] = r.scores()[i];
        y[k] = r.labels()[i];
        g[k] = 1000L * d + c; // each copy is a separate user
        k++;
      }
    }
    int positives = java.util.Arrays.stream(y).sum();
    double weighted =
        new PairedBootstrap.WeightedAuc(r.scores(), r.labels(), dense.ids).value(copies);
    if (positives == 0 || positives == total) {
      assertTrue(Double.isNaN(weighted));
    } else {
      assertEquals(AucReference.pairwise(s, y), weighted, 1e-12);
    }

    GroupAuc.PerGroup per = GroupAuc.PerGroup.of(r.scores(), r.labels(), dense);
    double[] base = new double[dense.count];
    for (int d = 0; d < dense.count; d++) {
      base[d] = w.weight(per.rows[d], per.positives[d]);
    }
    double gauc = PairedBootstrap.resampledGauc(per, base, copies);
    Assume.that(total > 0);
    double expected = AucReference.groupAuc(s, y, g, w);
    if (Double.isNaN(expected)) {
      assertTrue(Double.isNaN(gauc));
    } else {
      assertEquals(expected, gauc, 1e-12);
    }
  }
}
