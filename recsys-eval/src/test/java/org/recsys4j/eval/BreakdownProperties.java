package org.recsys4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;

@PropertyDefaults(tries = 200)
class BreakdownProperties {
  @Provide
  Arbitrary<Rows> rows() {
    return Rows.probabilities(40);
  }

  /** The group ids double as segment keys; the reference filters rows per key with a loop. */
  @Property
  void eachSegmentEqualsMetricOnFilteredRows(@ForAll("rows") Rows r) {
    TreeMap<Long, List<Integer>> bySegment = new TreeMap<>();
    for (int i = 0; i < r.size(); i++) {
      bySegment.computeIfAbsent(r.groups()[i], k -> new ArrayList<>()).add(i);
    }
    List<SegmentResult> auc = Breakdown.bySegment(r.groups(), r.scores(), r.labels(), Auc::exact);
    List<SegmentResult> loss =
        Breakdown.bySegment(r.groups(), r.scores(), r.labels(), LogLoss::compute);
    assertEquals(bySegment.size(), auc.size());
    int k = 0;
    for (var e : bySegment.entrySet()) {
      List<Integer> idx = e.getValue();
      double[] s = new double[idx.size()];
      int[] y = new int[idx.size()];
      for (int j = 0; j < idx.size(); j++) {
        s[j] = r.scores()[idx.get(j)];
        y[j] = r.labels()[idx.get(j)];
      }
      int positives = java.util.Arrays.stream(y).sum();
      SegmentResult a = auc.get(k);
      assertEquals(e.getKey(), a.segment());
      assertEquals(idx.size(), a.rows());
      assertEquals(positives, a.positives());
      if (positives == 0 || positives == idx.size()) {
        assertTrue(Double.isNaN(a.value()));
        assertNotNull(a.undefinedReason());
      } else {
        assertEquals(AucReference.pairwise(s, y), a.value(), 1e-12);
        assertNull(a.undefinedReason());
      }
      assertEquals(LogLossReference.logLoss(s, y), loss.get(k).value(), 1e-12);
      assertTrue(loss.get(k).defined());
      k++;
    }
  }
}
