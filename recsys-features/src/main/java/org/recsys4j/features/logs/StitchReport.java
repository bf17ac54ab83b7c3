package org.recsys4j.features.logs;

import org.recsys4j.core.Check;

/**
 * Counts from stitching exposure, click and order logs; nothing is dropped without being counted.
 *
 * <p>Every click row is exactly one of: an attributed click ({@code clicks}, distinct exposures
 * clicked), a repeat of an already attributed trace id within the window ({@code duplicateClicks}),
 * a row whose trace id matches no exposure ({@code orphanClicks}, counted per row), a row after the
 * click window ({@code lateClicks}) or a row timestamped before its exposure ({@code skewedClicks},
 * clock skew). So {@link #clickRows()} {@code = clicks + duplicateClicks + orphanClicks +
 * lateClicks + skewedClicks}. Orders likewise: {@code orders} counts distinct exposures with an
 * attributed order, whether clicked or not; {@code ordersWithoutClick} is the part of {@code
 * orders} whose exposure was not clicked (these are not conversions); {@link #orderRows()} {@code =
 * orders + duplicateOrders + orphanOrders + lateOrders + skewedOrders}. The time rules are set by
 * {@link StitchConfig}; under {@link StitchConfig#untimed()} (the rules of {@link
 * LogStitcher#stitch(DayLogs)}) the late and skewed counts are zero.
 *
 * @param exposures exposure rows (trace ids are unique)
 * @param clicks distinct clicked exposures
 * @param duplicateClicks click rows repeating a matched trace id, collapsed into one
 * @param orphanClicks click rows whose trace id matches no exposure
 * @param orders distinct exposures with an order
 * @param duplicateOrders order rows repeating a matched trace id
 * @param orphanOrders order rows whose trace id matches no exposure
 * @param ordersWithoutClick exposures with an order but no click (part of {@code orders})
 * @param lateClicks click rows after their exposure's click window (or arriving after the exposure
 *     was emitted by a {@link StreamingStitcher})
 * @param skewedClicks click rows timestamped before their exposure (beyond the tolerated skew)
 * @param lateOrders order rows after their order window
 * @param skewedOrders order rows timestamped before their anchor (beyond the tolerated skew)
 */
public record StitchReport(
    long exposures,
    long clicks,
    long duplicateClicks,
    long orphanClicks,
    long orders,
    long duplicateOrders,
    long orphanOrders,
    long ordersWithoutClick,
    long lateClicks,
    long skewedClicks,
    long lateOrders,
    long skewedOrders) {

  /**
   * Checks the counts.
   *
   * @throws IllegalArgumentException if a count is negative or {@code ordersWithoutClick > orders}
   */
  public StitchReport {
    nonNegative("exposures", exposures);
    nonNegative("clicks", clicks);
    nonNegative("duplicateClicks", duplicateClicks);
    nonNegative("orphanClicks", orphanClicks);
    nonNegative("orders", orders);
    nonNegative("duplicateOrders", duplicateOrders);
    nonNegative("orphanOrders", orphanOrders);
    nonNegative("ordersWithoutClick", ordersWithoutClick);
    nonNegative("lateClicks", lateClicks);
    nonNegative("skewedClicks", skewedClicks);
    nonNegative("lateOrders", lateOrders);
    nonNegative("skewedOrders", skewedOrders);
    Check.arg(
        ordersWithoutClick <= orders,
        "stitchReport.ordersWithoutClick",
        ordersWithoutClick,
        "must be <= orders=" + orders);
  }

  /**
   * Counts without late or skewed rows (the four time counts are zero), as from an {@link
   * StitchConfig#untimed() untimed} stitch.
   *
   * @throws IllegalArgumentException if a count is negative or {@code ordersWithoutClick > orders}
   */
  public StitchReport(
      long exposures,
      long clicks,
      long duplicateClicks,
      long orphanClicks,
      long orders,
      long duplicateOrders,
      long orphanOrders,
      long ordersWithoutClick) {
    this(
        exposures,
        clicks,
        duplicateClicks,
        orphanClicks,
        orders,
        duplicateOrders,
        orphanOrders,
        ordersWithoutClick,
        0,
        0,
        0,
        0);
  }

  /** All zero. */
  public static StitchReport empty() {
    return new StitchReport(0, 0, 0, 0, 0, 0, 0, 0);
  }

  /** Field-wise sum, e.g. to total the reports of several days. */
  public StitchReport plus(StitchReport o) {
    return new StitchReport(
        exposures + o.exposures,
        clicks + o.clicks,
        duplicateClicks + o.duplicateClicks,
        orphanClicks + o.orphanClicks,
        orders + o.orders,
        duplicateOrders + o.duplicateOrders,
        orphanOrders + o.orphanOrders,
        ordersWithoutClick + o.ordersWithoutClick,
        lateClicks + o.lateClicks,
        skewedClicks + o.skewedClicks,
        lateOrders + o.lateOrders,
        skewedOrders + o.skewedOrders);
  }

  /**
   * Rows in the click log: {@code clicks + duplicateClicks + orphanClicks + lateClicks +
   * skewedClicks}.
   */
  public long clickRows() {
    return clicks + duplicateClicks + orphanClicks + lateClicks + skewedClicks;
  }

  /**
   * Rows in the order log: {@code orders + duplicateOrders + orphanOrders + lateOrders +
   * skewedOrders}.
   */
  public long orderRows() {
    return orders + duplicateOrders + orphanOrders + lateOrders + skewedOrders;
  }

  /** Conversions (clicked and ordered exposures): {@code orders - ordersWithoutClick}. */
  public long conversions() {
    return orders - ordersWithoutClick;
  }

  private static void nonNegative(String field, long value) {
    Check.arg(value >= 0, "stitchReport." + field, value, "must be >= 0");
  }
}
