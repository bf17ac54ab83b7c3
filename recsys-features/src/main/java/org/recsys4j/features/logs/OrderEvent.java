package org.recsys4j.features.logs;

import org.recsys4j.core.Check;

/**
 * One row of an order log: the item of the exposure with {@code traceId} was bought.
 *
 * @param traceId the trace id of the exposure that led to the order
 * @param timeMillis epoch milliseconds of the order
 * @param amount order value, finite and {@code >= 0} (0 when the log has no amount column)
 * @param line the 1-based line (or row) number in its file, for messages; 0 if unknown
 */
public record OrderEvent(long traceId, long timeMillis, double amount, long line) {
  /**
   * Validates {@code amount}.
   *
   * @throws IllegalArgumentException if {@code amount} is negative or not finite
   */
  public OrderEvent {
    Check.nonNegative("orderEvent.amount", amount);
  }
}
