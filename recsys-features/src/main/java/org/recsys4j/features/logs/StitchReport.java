package org.recsys4j.features.logs;

import org.recsys4j.core.Check;

/**
 * Counts from stitching exposure, click and order logs; nothing is dropped without being counted.
 *
 * <p>Every click row is exactly one of: a matched click ({@code clicks}, distinct exposures
 * clicked), a repeat of an already matched trace id ({@code duplicateClicks}) or a row whose trace
 * id matches no exposure ({@code orphanClicks}, counted per row). So {@link #clickRows()} {@code =
 * clicks + duplicateClicks + orphanClicks}. Orders likewise: {@code orders} counts distinct matched
 * exposures with an order, whether clicked or not; {@code ordersWithoutClick} is the part of {@code
 * orders} whose exposure was not clicked (these are not conversions); {@link #orderRows()} {@code =
 * orders + duplicateOrders + orphanOrders}.
 *
 * @param exposures exposure rows (trace ids are unique)
 * @param clicks distinct clicked exposures
 * @param duplicateClicks click rows repeating a matched trace id, collapsed into one
 * @param orphanClicks click rows whose trace id matches no exposure
 * @param orders distinct exposures with an order
 * @param duplicateOrders order rows repeating a matched trace id
 * @param orphanOrders order rows whose trace id matches no exposure
 * @param ordersWithoutClick exposures with an order but no click (part of {@code orders})
 */
public record StitchReport(
    long exposures,
    long clicks,
    long duplicateClicks,
    long orphanClicks,
    long orders,
    long duplicateOrders,
    long orphanOrders,
    long ordersWithoutClick) {

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
    Check.arg(
        ordersWithoutClick <= orders,
        "stitchReport.ordersWithoutClick",
        ordersWithoutClick,
        "must be <= orders=" + orders);
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
        ordersWithoutClick + o.ordersWithoutClick);
  }

  /** Rows in the click log: {@code clicks + duplicateClicks + orphanClicks}. */
  public long clickRows() {
    return clicks + duplicateClicks + orphanClicks;
  }

  /** Rows in the order log: {@code orders + duplicateOrders + orphanOrders}. */
  public long orderRows() {
    return orders + duplicateOrders + orphanOrders;
  }

  /** Conversions (clicked and ordered exposures): {@code orders - ordersWithoutClick}. */
  public long conversions() {
    return orders - ordersWithoutClick;
  }

  private static void nonNegative(String field, long value) {
    Check.arg(value >= 0, "stitchReport." + field, value, "must be >= 0");
  }
}
