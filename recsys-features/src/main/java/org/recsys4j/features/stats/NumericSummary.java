package org.recsys4j.features.stats;

import java.util.List;
import org.recsys4j.core.Check;

/**
 * Numeric statistics of a feature's non-missing values.
 *
 * <p>Bucket counts are indexed by the id the encoder gives a bucketized value ({@code
 * NumericSpec}): with boundaries {@code b[0] < ... < b[k-1]}, id 0 is padding and always counts 0,
 * id 1 holds {@code x < b[0]}, id {@code i+1} holds {@code b[i-1] <= x < b[i]} and id {@code k+1}
 * holds {@code x >= b[k-1]}; counts are exact. Missing values (the spec's missing id {@code k+2})
 * are counted in {@code FeatureStats.missing()}, not here. Quantiles come from a KLL sketch: the
 * quantile at rank {@code r} is the smallest seen value {@code x} whose normalised rank (share of
 * values {@code <= x}) is at least {@code r} (exact while fewer than about {@code k} values have
 * been seen; otherwise rank error about 1.3% at the default {@code k = 200}).
 *
 * @param count non-missing numeric values
 * @param min smallest value
 * @param max largest value
 * @param mean arithmetic mean
 * @param quantiles requested quantiles
 * @param boundaries bucket boundaries (empty if none were requested)
 * @param bucketCounts {@code boundaries.size() + 2} exact counts by id (entry 0, padding, is 0), or
 *     empty without boundaries
 */
public record NumericSummary(
    long count,
    double min,
    double max,
    double mean,
    List<Quantile> quantiles,
    List<Double> boundaries,
    List<Long> bucketCounts) {
  /**
   * Checks and copies.
   *
   * @throws IllegalArgumentException if {@code count < 1}, {@code min > max}, a list is null, or
   *     the bucket counts do not match the boundaries or do not sum to {@code count}
   */
  public NumericSummary {
    Check.positive("count", count);
    Check.arg(min <= max, "min", min, "must be <= max=" + max);
    quantiles = List.copyOf(Check.notNull("quantiles", quantiles));
    boundaries = List.copyOf(Check.notNull("boundaries", boundaries));
    bucketCounts = List.copyOf(Check.notNull("bucketCounts", bucketCounts));
    Check.arg(
        boundaries.isEmpty()
            ? bucketCounts.isEmpty()
            : bucketCounts.size() == boundaries.size() + 2,
        "bucketCounts.size",
        bucketCounts.size(),
        "must be boundaries.size()+2=" + (boundaries.size() + 2) + " (0 without boundaries)");
    Check.arg(
        bucketCounts.isEmpty() || bucketCounts.get(0) == 0L,
        "bucketCounts[0]",
        bucketCounts.isEmpty() ? null : bucketCounts.get(0),
        "must be 0 (id 0 is padding)");
    long sum = bucketCounts.stream().mapToLong(Long::longValue).sum();
    Check.arg(
        bucketCounts.isEmpty() || sum == count,
        "sum(bucketCounts)",
        sum,
        "must equal count=" + count);
  }

  /**
   * The share of values with bucket id {@code id} ({@code 1..boundaries.size()+1}).
   *
   * @throws IndexOutOfBoundsException if {@code id} is not an id of {@code bucketCounts}
   */
  public double bucketShare(int id) {
    return (double) bucketCounts.get(id) / count;
  }
}
