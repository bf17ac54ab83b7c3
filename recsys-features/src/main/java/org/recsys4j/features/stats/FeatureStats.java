package org.recsys4j.features.stats;

import java.util.List;
import java.util.Optional;
import org.recsys4j.core.Check;

/**
 * Statistics of one feature, produced by {@link FeatureStatsCollector#result()}.
 *
 * @param name feature name
 * @param count values seen, missing included
 * @param missing missing values (null, empty string or NaN)
 * @param cardinality number of distinct non-missing values: exact while {@code cardinalityExact},
 *     else a HyperLogLog estimate
 * @param cardinalityLower lower bound (about 95%) of the number of distinct values
 * @param cardinalityUpper upper bound (about 95%) of the number of distinct values
 * @param cardinalityExact whether {@code cardinality} is an exact count
 * @param topValues most frequent non-missing values, most frequent first
 * @param topValuesExact whether the counts in {@code topValues} are exact
 * @param numeric numeric summary, present if numbers were fed
 */
public record FeatureStats(
    String name,
    long count,
    long missing,
    double cardinality,
    double cardinalityLower,
    double cardinalityUpper,
    boolean cardinalityExact,
    List<ValueCount> topValues,
    boolean topValuesExact,
    Optional<NumericSummary> numeric) {

  /**
   * Checks and copies.
   *
   * @throws IllegalArgumentException if a count is negative, {@code missing > count}, the
   *     cardinality bounds are out of order, or an argument is null
   */
  public FeatureStats {
    Check.notNull("name", name);
    Check.arg(count >= 0, "count", count, "must be >= 0");
    Check.arg(
        0 <= missing && missing <= count,
        "missing",
        missing,
        "must be in [0, count=" + count + "]");
    Check.nonNegative("cardinality", cardinality);
    Check.arg(
        cardinalityLower <= cardinality && cardinality <= cardinalityUpper,
        "cardinality",
        cardinality,
        "must be in [" + cardinalityLower + ", " + cardinalityUpper + "]");
    topValues = List.copyOf(Check.notNull("topValues", topValues));
    Check.notNull("numeric", numeric);
  }

  /** The share of non-missing values, {@code (count - missing) / count}; 0 if nothing was seen. */
  public double coverage() {
    return count == 0 ? 0.0 : (double) (count - missing) / count;
  }

  /**
   * The expected share of distinct values that collide with another value when hashed into {@code
   * space} buckets, from {@link #cardinality()}; see {@link HashCollisions#expectedRate}.
   *
   * @throws IllegalArgumentException if {@code space < 2}
   */
  public double collisionRate(int space) {
    return HashCollisions.expectedRate(cardinality, space);
  }
}
