package org.recsys4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

@PropertyDefaults(tries = 200)
class StreamingAucProperties {
  /** Rounding slack of the double sums of integer counts. */
  private static final double ROUNDING = 1e-12;

  @Provide
  Arbitrary<Rows> probabilities() {
    return Rows.probabilities(60);
  }

  @Provide
  Arbitrary<Rows> real() {
    return Rows.realScores(60);
  }

  @Property
  void withinErrorBoundOfExact(@ForAll("probabilities") Rows r, @ForAll("binCounts") int bins) {
    Assume.that(r.bothClasses());
    StreamingAuc s = StreamingAuc.create(bins, 0.0, 1.0);
    s.addAll(r.scores(), r.labels());
    double exact = Auc.exact(r.scores(), r.labels());
    double bound = s.errorBound();
    assertTrue(
        Math.abs(s.value() - exact) <= bound + ROUNDING,
        "value=" + s.value() + " exact=" + exact + " bound=" + bound);
    assertTrue(bound >= 0 && bound <= 0.5, "bound=" + bound);
  }

  @Property
  void withinErrorBoundOnAGivenRange(@ForAll("real") Rows r, @ForAll("binCounts") int bins) {
    Assume.that(r.bothClasses());
    StreamingAuc s = StreamingAuc.create(bins, -1000.0, 1000.0);
    for (int i = 0; i < r.size(); i++) {
      s.add(r.scores()[i], r.labels()[i]);
    }
    assertTrue(
        Math.abs(s.value() - Auc.exact(r.scores(), r.labels())) <= s.errorBound() + ROUNDING);
  }

  @Property
  void boundEqualsHalfTheWithinBinPairsByBruteForce(
      @ForAll("probabilities") Rows r, @ForAll("binCounts") int bins) {
    Assume.that(r.bothClasses());
    StreamingAuc s = StreamingAuc.create(bins, 0.0, 1.0);
    s.addAll(r.scores(), r.labels());
    double sameBinPairs = 0;
    long pairs = 0;
    for (int i = 0; i < r.size(); i++) {
      for (int j = 0; j < r.size(); j++) {
        if (r.labels()[i] == 1 && r.labels()[j] == 0) {
          pairs++;
          int bi = Math.min(bins - 1, (int) (r.scores()[i] * bins));
          int bj = Math.min(bins - 1, (int) (r.scores()[j] * bins));
          if (bi == bj) {
            sameBinPairs++;
          }
        }
      }
    }
    assertEquals(0.5 * sameBinPairs / pairs, s.errorBound(), ROUNDING);
  }

  @Property
  void oneBinPerDistinctScoreIsExact(@ForAll("probabilities") Rows r) {
    Assume.that(r.bothClasses());
    // scores k/4 fall in distinct bins of a 5-bin grid over [0, 1.25); others may share bins,
    // so keep only the quarter-grid rows.
    double[] s = Arrays.stream(r.scores()).map(v -> Math.round(v * 4) / 4.0).toArray();
    StreamingAuc acc = StreamingAuc.create(5, 0.0, 1.25);
    acc.addAll(s, r.labels());
    assertEquals(Auc.exact(s, r.labels()), acc.value(), ROUNDING);
  }

  @Property
  void mergeOfSplitEqualsWhole(
      @ForAll("probabilities") Rows r, @ForAll @IntRange(min = 0, max = 60) int cut) {
    Assume.that(r.bothClasses());
    int k = Math.min(cut, r.size());
    StreamingAuc whole = StreamingAuc.create(64, 0.0, 1.0);
    whole.addAll(r.scores(), r.labels());
    StreamingAuc left = StreamingAuc.create(64, 0.0, 1.0);
    left.addAll(Arrays.copyOfRange(r.scores(), 0, k), Arrays.copyOfRange(r.labels(), 0, k));
    StreamingAuc right = StreamingAuc.create(64, 0.0, 1.0);
    right.addAll(
        Arrays.copyOfRange(r.scores(), k, r.size()), Arrays.copyOfRange(r.labels(), k, r.size()));
    StreamingAuc merged = left.merge(right);
    assertEquals(whole.value(), merged.value(), 0.0);
    assertEquals(whole.errorBound(), merged.errorBound(), 0.0);
    assertEquals(whole.positives(), merged.positives());
    assertEquals(whole.count(), merged.count());
  }

  @Provide
  Arbitrary<Integer> binCounts() {
    return net.jqwik.api.Arbitraries.of(1, 2, 3, 4, 7, 16, 1000, StreamingAuc.DEFAULT_BINS);
  }
}
