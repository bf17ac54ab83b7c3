package org.recsys4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeadMetricsTest {
  @Test
  void eachHeadIsEvaluatedOnItsOwnLabels() {
    double[] p = {0.1, 0.4, 0.35, 0.8};
    int[] y = {0, 0, 1, 1};
    HeadMetrics m = HeadMetrics.of("ctr", p, y);
    assertEquals(4, m.rows());
    assertEquals(2, m.positives());
    assertEquals(0.75, m.auc(), 1e-12);
    double ll = -(Math.log(0.9) + Math.log(0.6) + Math.log(0.35) + Math.log(0.8)) / 4;
    assertEquals(ll, m.logLoss(), 1e-12);
    assertEquals(2 / 1.65, m.copc(), 1e-12);
    HeadMetrics none = HeadMetrics.of("cvr", p, new int[4]);
    assertTrue(Double.isNaN(none.auc()), "one class: no AUC");
    String t = HeadMetrics.table(List.of(m, none));
    assertTrue(t.contains("ctr") && t.contains("0.7500") && t.contains("NaN"), t);
  }
}
