package org.recsys4j.eval;

/**
 * A metric on one segment, from {@link Breakdown}.
 *
 * @param segment the segment key
 * @param rows number of rows in the segment
 * @param positives number of positive rows in the segment
 * @param value the metric, or {@code NaN} if it is undefined on this segment
 * @param undefinedReason why the metric is undefined (the metric's exception message), or {@code
 *     null} if {@code value} is defined
 */
public record SegmentResult(
    long segment, int rows, int positives, double value, String undefinedReason) {

  /** True if the metric is defined on this segment. */
  public boolean defined() {
    return undefinedReason == null;
  }
}
