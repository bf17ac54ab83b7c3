package org.recsys4j.features.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AucReferenceTest {
  @Test
  void perfectReversedAndTiedRankings() {
    boolean[] y = {false, false, true, true};
    assertEquals(1.0, AucReference.auc(new double[] {0.1, 0.2, 0.3, 0.4}, y), 0.0);
    assertEquals(0.0, AucReference.auc(new double[] {0.4, 0.3, 0.2, 0.1}, y), 0.0);
    assertEquals(0.5, AucReference.auc(new double[] {0.5, 0.5, 0.5, 0.5}, y), 0.0);
    // pairs (pos, neg): (0.3 vs 0.1) win, (0.3 vs 0.35) loss, (0.4 vs both) wins -> 3/4
    assertEquals(0.75, AucReference.auc(new double[] {0.1, 0.35, 0.3, 0.4}, y), 0.0);
  }
}
