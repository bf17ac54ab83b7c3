package org.recsys4j.features.stats;

import org.recsys4j.core.Check;

/**
 * A frequent value with its count; exact when {@code lowerBound == count == upperBound}.
 *
 * @param value the value as a string
 * @param count the (estimated) number of occurrences
 * @param lowerBound a lower bound of the true count
 * @param upperBound an upper bound of the true count
 */
public record ValueCount(String value, long count, long lowerBound, long upperBound) {
  /**
   * Checks the bounds.
   *
   * @throws IllegalArgumentException if {@code value} is null or not {@code 0 <= lowerBound <=
   *     count <= upperBound}
   */
  public ValueCount {
    Check.notNull("value", value);
    Check.arg(
        0 <= lowerBound && lowerBound <= count && count <= upperBound,
        "count",
        count,
        "must satisfy 0 <= lowerBound=" + lowerBound + " <= count <= upperBound=" + upperBound);
  }
}
