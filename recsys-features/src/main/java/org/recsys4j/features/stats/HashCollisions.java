package org.recsys4j.features.stats;

import org.recsys4j.core.Check;

/**
 * Expected collision rate of hashing distinct values into a hash space.
 *
 * <p>{@link org.recsys4j.features.hash.FeatureHasher} maps values uniformly into the {@code V - 1}
 * buckets {@code 1..V-1} (0 is padding). For {@code n} distinct values, a given value shares its
 * bucket with none of the other {@code n - 1} with probability {@code (1 - 1/(V-1))^(n-1)}, so the
 * expected share of distinct values that collide with at least one other value is
 *
 * <pre>
 *   rate(n, V) = 1 - (1 - 1/(V-1))^(n-1)         (0 for n &lt;= 1)
 * </pre>
 *
 * computed as {@code -expm1((n-1) * log1p(-1/(V-1)))} to stay accurate when the rate is tiny. Rule
 * of thumb: {@code rate ≈ n / V} while small, so {@code V ≈ 20 n} keeps it near 5%.
 */
public final class HashCollisions {
  private HashCollisions() {}

  /**
   * The expected share of {@code n} distinct values that share a bucket with another value.
   *
   * @param n number of distinct values (an estimate may be fractional), &gt;= 0
   * @param space hash space {@code V} including the padding index 0, &gt;= 2
   * @return a rate in {@code [0, 1]}
   * @throws IllegalArgumentException if {@code n} is negative or not finite, or {@code space < 2}
   */
  public static double expectedRate(double n, int space) {
    Check.nonNegative("n", n);
    Check.arg(space >= 2, "space", space, "must be >= 2 (index 0 is reserved for padding)");
    if (n <= 1) {
      return 0.0;
    }
    if (space == 2) {
      return 1.0; // one bucket: every value collides
    }
    double rate = -Math.expm1((n - 1) * Math.log1p(-1.0 / (space - 1)));
    return Math.min(1.0, Math.max(0.0, rate));
  }
}
