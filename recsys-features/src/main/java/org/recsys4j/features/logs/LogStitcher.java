package org.recsys4j.features.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.recsys4j.core.Check;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins one day of exposure, click and order logs by trace id into {@link LabeledSample}s.
 *
 * <p>Rules, applied to the logs of a single day (a click or order that arrives in another day's
 * logs is an orphan there):
 *
 * <ul>
 *   <li>exposure trace ids must be unique (else {@link IllegalArgumentException});
 *   <li>an exposure is clicked if at least one click row has its trace id; further rows with the
 *       same id are counted as {@code duplicateClicks} and collapsed;
 *   <li>a click or order row whose trace id matches no exposure is counted as an orphan (per row)
 *       and produces no sample; it is never dropped silently;
 *   <li>an exposure converts only if it was clicked and has an order row; an order on an exposure
 *       that was not clicked is counted in {@code ordersWithoutClick} and the sample is labelled
 *       click=false, conversion=false;
 *   <li>samples come out one per exposure, in exposure-log order; when the logs carry ground truth
 *       it is attached to each sample.
 * </ul>
 *
 * <p>Stateless and thread-safe. Runs in time linear in the number of rows.
 */
public final class LogStitcher {
  private static final Logger LOG = LoggerFactory.getLogger(LogStitcher.class);

  private LogStitcher() {}

  /**
   * Stitches one day of logs, attaching the ground truth when {@code logs.hasTruth()}.
   *
   * @throws IllegalArgumentException if two exposures share a trace id
   */
  public static StitchResult stitch(DayLogs logs) {
    Check.notNull("logs", logs);
    return stitch(logs.exposures(), logs.clicks(), logs.orders(), logs.truths());
  }

  /**
   * Stitches exposures, clicks and orders without ground truth.
   *
   * @throws IllegalArgumentException if two exposures share a trace id
   */
  public static StitchResult stitch(
      List<Exposure> exposures, List<Click> clicks, List<Order> orders) {
    return stitch(exposures, clicks, orders, List.of());
  }

  private static StitchResult stitch(
      List<Exposure> exposures, List<Click> clicks, List<Order> orders, List<Truth> truths) {
    Check.notNull("exposures", exposures);
    Check.notNull("clicks", clicks);
    Check.notNull("orders", orders);
    int n = exposures.size();
    TraceIndex index = new TraceIndex(exposures);

    boolean[] clicked = new boolean[n];
    long matchedClicks = 0;
    long duplicateClicks = 0;
    long orphanClicks = 0;
    for (Click c : clicks) {
      int row = index.rowOf(c.traceId());
      if (row < 0) {
        orphanClicks++;
      } else if (clicked[row]) {
        duplicateClicks++;
      } else {
        clicked[row] = true;
        matchedClicks++;
      }
    }

    boolean[] ordered = new boolean[n];
    long matchedOrders = 0;
    long duplicateOrders = 0;
    long orphanOrders = 0;
    long ordersWithoutClick = 0;
    for (Order o : orders) {
      int row = index.rowOf(o.traceId());
      if (row < 0) {
        orphanOrders++;
      } else if (ordered[row]) {
        duplicateOrders++;
      } else {
        ordered[row] = true;
        matchedOrders++;
        if (!clicked[row]) {
          ordersWithoutClick++;
        }
      }
    }

    List<LabeledSample> samples = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Optional<Truth> truth = truths.isEmpty() ? Optional.empty() : Optional.of(truths.get(i));
      samples.add(new LabeledSample(exposures.get(i), clicked[i], clicked[i] && ordered[i], truth));
    }
    StitchReport report =
        new StitchReport(
            n,
            matchedClicks,
            duplicateClicks,
            orphanClicks,
            matchedOrders,
            duplicateOrders,
            orphanOrders,
            ordersWithoutClick);
    LOG.debug("stitched {}", report);
    return new StitchResult(samples, report);
  }
}
