package org.recsys4j.eval;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generated evaluation rows for property tests: scores, 0/1 labels and group ids of the same
 * length. Sizes are drawn first, then values; score pools are small so ties are frequent, and group
 * pools are small so single-row, one-class and constant-score groups all occur.
 */
record Rows(double[] scores, int[] labels, long[] groups) {

  int size() {
    return scores.length;
  }

  int positives() {
    return Arrays.stream(labels).sum();
  }

  boolean bothClasses() {
    int p = positives();
    return p > 0 && p < size();
  }

  /** Scores as probabilities in [0, 1] (ties frequent, exact 0 and 1 included). */
  static Arbitrary<Rows> probabilities(int maxSize) {
    return rows(maxSize, probabilityScores());
  }

  /** Scores on the real line, including -0.0 and 0.0, with frequent ties. */
  static Arbitrary<Rows> realScores(int maxSize) {
    return rows(maxSize, realValuedScores());
  }

  static Arbitrary<Double> probabilityScores() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0, 4).map(i -> i / 4.0)),
        net.jqwik.api.Tuple.of(2, Arbitraries.doubles().between(0.0, 1.0)));
  }

  static Arbitrary<Double> realValuedScores() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(-3, 3).map(i -> i * 0.5)),
        net.jqwik.api.Tuple.of(1, Arbitraries.of(-0.0, 0.0)),
        net.jqwik.api.Tuple.of(2, Arbitraries.doubles().between(-1e3, 1e3)));
  }

  private static Arbitrary<Rows> rows(int maxSize, Arbitrary<Double> score) {
    return Arbitraries.integers()
        .between(1, maxSize)
        .flatMap(
            n ->
                Arbitraries.integers()
                    .between(1, Math.max(1, n / 2))
                    .flatMap(
                        groupCount ->
                            Combinators.combine(
                                    score.array(double[].class).ofSize(n),
                                    Arbitraries.integers()
                                        .between(0, 1)
                                        .array(int[].class)
                                        .ofSize(n),
                                    Arbitraries.longs()
                                        .between(0, groupCount - 1)
                                        .map(g -> g * 7919L - 5L)
                                        .array(long[].class)
                                        .ofSize(n))
                                .as(Rows::new)));
  }

  @Override
  public String toString() {
    return "Rows[scores="
        + Arrays.toString(scores)
        + ", labels="
        + Arrays.toString(labels)
        + ", groups="
        + Arrays.toString(groups)
        + "]";
  }
}
