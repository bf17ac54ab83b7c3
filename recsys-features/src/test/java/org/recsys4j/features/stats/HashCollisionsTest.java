package org.recsys4j.features.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.recsys4j.features.hash.FeatureHasher;

class HashCollisionsTest {
  private static final double TOL = 1e-12;

  @Test
  void matchesTheClosedForm() {
    assertEquals(0.0, HashCollisions.expectedRate(0, 100));
    assertEquals(0.0, HashCollisions.expectedRate(1, 100));
    // two values in V-1 = 10 buckets: the other lands in mine with probability 1/10
    assertEquals(0.1, HashCollisions.expectedRate(2, 11), TOL);
    assertEquals(1 - Math.pow(1 - 1.0 / 999, 499), HashCollisions.expectedRate(500, 1000), TOL);
    assertEquals(1.0, HashCollisions.expectedRate(5, 2));
    // tiny rates stay accurate: ~ (n-1)/(V-1)
    assertEquals(1e-9, HashCollisions.expectedRate(2, 1_000_000_001), 1e-18);
  }

  @Test
  void rejectsBadArguments() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> HashCollisions.expectedRate(10, 1));
    assertTrue(e.getMessage().startsWith("space=1 must be >= 2"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> HashCollisions.expectedRate(-1, 10));
    assertThrows(IllegalArgumentException.class, () -> HashCollisions.expectedRate(Double.NaN, 10));
  }

  /** The formula predicts the share of colliding values under the project's FeatureHasher. */
  @Test
  void predictsFeatureHasherCollisions() {
    int space = 4001;
    int n = 2000;
    Map<Integer, Integer> perBucket = new HashMap<>();
    for (int i = 0; i < n; i++) {
      perBucket.merge(FeatureHasher.index("f", "v" + i, space), 1, Integer::sum);
    }
    long colliding = perBucket.values().stream().filter(c -> c > 1).mapToLong(c -> c).sum();
    double expected = HashCollisions.expectedRate(n, space); // about 0.39
    // binomial-ish spread: sd of the share is well below 0.02 at n = 2000
    assertEquals(expected, (double) colliding / n, 0.05);
  }
}
