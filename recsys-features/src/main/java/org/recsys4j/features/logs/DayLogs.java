package org.recsys4j.features.logs;

import java.util.List;
import org.recsys4j.core.Check;

/**
 * The three logs of one day, plus the ground truth when it is known (simulated data).
 *
 * <p>{@code truths} is either empty (real logs) or aligned with {@code exposures}: {@code
 * truths.get(i).traceId() == exposures.get(i).traceId()}. The click and order lists are separate
 * logs in time order; they are not aligned with the exposures and may hold duplicates and orphans.
 *
 * @param day zero-based day index
 * @param exposures the exposure log
 * @param clicks the click log
 * @param orders the order log
 * @param truths ground truth aligned with {@code exposures}, or empty
 */
public record DayLogs(
    int day, List<Exposure> exposures, List<Click> clicks, List<Order> orders, List<Truth> truths) {

  /**
   * Copies the lists and checks that the truths are empty or aligned with the exposures.
   *
   * @throws IllegalArgumentException if {@code truths} is neither empty nor aligned
   */
  public DayLogs {
    Check.nonNegative("dayLogs.day", day);
    exposures = List.copyOf(exposures);
    clicks = List.copyOf(clicks);
    orders = List.copyOf(orders);
    truths = List.copyOf(truths);
    if (!truths.isEmpty()) {
      Check.arg(
          truths.size() == exposures.size(),
          "dayLogs.truths.size",
          truths.size(),
          "must be 0 or equal exposures.size=" + exposures.size());
      for (int i = 0; i < truths.size(); i++) {
        long expected = exposures.get(i).traceId();
        if (truths.get(i).traceId() != expected) {
          Check.arg(
              false,
              "dayLogs.truths[" + i + "].traceId",
              truths.get(i).traceId(),
              "must equal exposures[" + i + "].traceId=" + expected);
        }
      }
    }
  }

  /** Logs without ground truth. */
  public static DayLogs of(
      int day, List<Exposure> exposures, List<Click> clicks, List<Order> orders) {
    return new DayLogs(day, exposures, clicks, orders, List.of());
  }

  /** Whether {@link #truths()} is aligned with the exposures (simulated logs). */
  public boolean hasTruth() {
    return !truths.isEmpty();
  }
}
