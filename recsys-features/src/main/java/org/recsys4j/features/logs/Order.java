package org.recsys4j.features.logs;

import org.recsys4j.core.Check;

/**
 * One row of the order log: the item of the exposure with {@code traceId} was bought.
 *
 * <p>Like the click log, the order log may hold duplicates and orphans. An order makes its exposure
 * a conversion only if the exposure was also clicked; see {@link LogStitcher}.
 *
 * @param traceId the trace id of the exposure that led to the order
 * @param timestampMillis epoch milliseconds of the order
 * @param amount order value in currency units, finite and {@code >= 0}
 */
public record Order(long traceId, long timestampMillis, double amount) {
  /**
   * Validates {@code amount}.
   *
   * @throws IllegalArgumentException if {@code amount} is negative or not finite
   */
  public Order {
    Check.nonNegative("order.amount", amount);
  }
}
