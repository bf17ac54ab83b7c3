package org.recsys4j.features.stats;

import java.util.List;
import org.recsys4j.core.Check;

/**
 * Numeric statistics of a feature's non-missing values.
 *
 * <p>Buckets follow {@link org.recsys4j.features.hash.Bucketizer}: with boundaries {@code b[0] <
 * ... < b[k-1]}, bucket 0 holds {@code x < b[0]}, bucket {@code i} holds {@code b[i-1] <= x <
 * b[i]} and bucket {@code k} holds {@code x >= b[k-1]}; counts are exact. Quantiles come from a KLL
 * sketch: the quantile at rank {@code r} is the smallest seen value {@code x} whose normalised
 * rank (share of values {@code <= x}) is at least {@code r} (exact while fewer than about {@code k}
 * values have been seen; otherwise rank error about 1.3% at the default {@code k = 200}).
 *
 * @param count non-missing numeric values
 * @param min smallest value
 * @param max largest value
 * @param mean arithmetic mean
 * @param quantiles requested quantiles
 * @param boundaries bucket boundaries (empty if none were requested)
 * @param bucketCounts {@code boundaries.size() + 1} exact counts, or empty without boundaries
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
        boundaries.isEmpty() ? bucketCounts.isEmpty() : bucketCounts.size() == boundaries.size() + 1,
        "bucketCounts.size",
        bucketCounts.size(),
        "must be boundaries.size()+1=" + (boundaries.size() + 1) + " (0 without boundaries)");
    long sum = bucketCounts.stream().mapToLong(Long::longValue).sum();
    Check.arg(bucketCounts.isEmpty() || sum == count, "sum(bucketCounts)", sum,
        "must equal count=" + count);
  }

  /**
   * The share of values in bucket {@code i}.
   *
   * @throws IndexOutOfBoundsException if {@code i} is not a bucket
   */
  public double bucketShare(int i) {
    return (double) bucketCounts.get(i) / count;
  }
}
