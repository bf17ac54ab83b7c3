package org.recsys4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;

@PropertyDefaults(tries = 200)
class CurvesProperties {
  @Provide
  Arbitrary<Rows> rows() {
    return Rows.realScores(40);
  }

  @Property
  void rocTrapezoidEqualsExactAuc(@ForAll("rows") Rows r) {
    Assume.that(r.bothClasses());
    Curve roc = Curves.roc(r.scores(), r.labels());
    assertEquals(Auc.exact(r.scores(), r.labels()), roc.trapezoidalArea(), 1e-12);
    assertEquals(0.0, roc.x(0), 0.0);
    assertEquals(0.0, roc.y(0), 0.0);
    assertEquals(1.0, roc.x(roc.size() - 1), 0.0);
    assertEquals(1.0, roc.y(roc.size() - 1), 0.0);
    for (int i = 1; i < roc.size(); i++) {
      assertTrue(roc.x(i) >= roc.x(i - 1) && roc.y(i) >= roc.y(i - 1));
    }
  }

  @Property
  void averagePrecisionEqualsPerPositiveReference(@ForAll("rows") Rows r) {
    Assume.that(r.positives() > 0);
    assertEquals(
        CurvesReference.averagePrecision(r.scores(), r.labels()),
        AveragePrecision.compute(r.scores(), r.labels()),
        1e-12);
  }

  @Property
  void averagePrecisionIsStepAreaUnderPrCurve(@ForAll("rows") Rows r) {
    Assume.that(r.positives() > 0);
    Curve pr = Curves.precisionRecall(r.scores(), r.labels());
    double step = 0;
    for (int i = 1; i < pr.size(); i++) {
      step += (pr.x(i) - pr.x(i - 1)) * pr.y(i);
    }
    assertEquals(AveragePrecision.compute(r.scores(), r.labels()), step, 1e-12);
    assertEquals(1.0, pr.x(pr.size() - 1), 1e-15);
    assertEquals((double) r.positives() / r.size(), pr.y(pr.size() - 1), 1e-15);
  }

  @Property
  void thinningKeepsEndpointsAndBound(@ForAll("rows") Rows r) {
    Assume.that(r.bothClasses());
    Curve roc = Curves.roc(r.scores(), r.labels());
    Curve thin = roc.thinned(3);
    assertTrue(thin.size() <= 3);
    assertEquals(roc.x(roc.size() - 1), thin.x(thin.size() - 1), 0.0);
    assertEquals(roc.y(0), thin.y(0), 0.0);
  }
}
