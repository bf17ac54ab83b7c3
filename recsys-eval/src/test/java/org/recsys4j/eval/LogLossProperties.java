package org.recsys4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;

@PropertyDefaults(tries = 200)
class LogLossProperties {
  @Provide
  Arbitrary<Rows> rows() {
    return Rows.probabilities(40);
  }

  @Property
  void equalsDefinition(@ForAll("rows") Rows r) {
    // Compensated vs naive summation differ by a few ulps.
    assertEquals(
        LogLossReference.logLoss(r.scores(), r.labels()),
        LogLoss.compute(r.scores(), r.labels()),
        1e-12);
  }

  @Property
  void boundedByClippedWorstCase(@ForAll("rows") Rows r) {
    double v = LogLoss.compute(r.scores(), r.labels());
    assertTrue(v >= 0 && v <= -Math.log(LogLoss.EPSILON) + 1e-12, "logloss=" + v);
  }
}
