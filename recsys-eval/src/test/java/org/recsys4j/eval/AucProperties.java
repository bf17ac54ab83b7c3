package org.recsys4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;

@PropertyDefaults(tries = 200)
class AucProperties {
  /** Both sides are exact rationals with denominator 2PN, so only the final division rounds. */
  private static final double TOL = 1e-12;

  @Provide
  Arbitrary<Rows> rows() {
    return Rows.realScores(40);
  }

  @Property
  void equalsPairwiseCountWithTiesAsHalf(@ForAll("rows") Rows r) {
    Assume.that(r.bothClasses());
    assertEquals(
        AucReference.pairwise(r.scores(), r.labels()), Auc.exact(r.scores(), r.labels()), TOL);
  }

  @Property
  void negatingScoresGivesOneMinusAuc(@ForAll("rows") Rows r) {
    Assume.that(r.bothClasses());
    double[] negated = r.scores().clone();
    for (int i = 0; i < negated.length; i++) {
      negated[i] = -negated[i];
    }
    assertEquals(1.0 - Auc.exact(r.scores(), r.labels()), Auc.exact(negated, r.labels()), TOL);
  }

  @Property
  void invariantToRowPermutationAndExactRescaling(@ForAll("rows") Rows r, @ForAll long seed) {
    Assume.that(r.bothClasses());
    int n = r.size();
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    Random rnd = new Random(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    double[] s = new double[n];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      s[i] = Math.scalb(r.scores()[perm[i]], 5); // exact, strictly increasing
      y[i] = r.labels()[perm[i]];
    }
    // same multiset of (order, label) pairs: the integer numerator is identical, so bit-equal
    assertEquals(Auc.exact(r.scores(), r.labels()), Auc.exact(s, y), 0.0);
  }

  @Property
  void doesNotModifyInputs(@ForAll("rows") Rows r) {
    Assume.that(r.bothClasses());
    double[] s = r.scores().clone();
    int[] y = r.labels().clone();
    Auc.exact(s, y);
    assertEquals(java.util.Arrays.toString(r.scores()), java.util.Arrays.toString(s));
    assertEquals(java.util.Arrays.toString(r.labels()), java.util.Arrays.toString(y));
  }
}
