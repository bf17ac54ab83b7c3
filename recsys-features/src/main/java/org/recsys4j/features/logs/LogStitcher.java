package org.recsys4j.features.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntToLongFunction;
import org.recsys4j.core.Check;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins exposure, click and order logs by trace id into {@link LabeledSample}s, one call per batch
 * of logs (typically one day).
 *
 * <p>Rules (see {@link StitchConfig} for the time rules):
 *
 * <ul>
 *   <li>exposure trace ids must be unique (else {@link IllegalArgumentException});
 *   <li>a click or order row whose trace id matches no exposure of the batch is counted as an
 *       orphan (per row) and produces no sample; it is never dropped silently. A click or order
 *       that arrives in another day's logs is therefore an orphan there; {@link StreamingStitcher}
 *       carries open exposures across days instead;
 *   <li>a row timestamped before its anchor (beyond {@link StitchConfig#maxClockSkew()}) is counted
 *       as skewed, a row after its window as late; neither is attributed;
 *   <li>an exposure is clicked if at least one in-window click row has its trace id; further
 *       in-window rows are counted as {@code duplicateClicks} and collapsed;
 *   <li>an exposure converts only if it was clicked and has an in-window order row; an order on an
 *       exposure that was not clicked is counted in {@code ordersWithoutClick} and the sample is
 *       labelled click=false, conversion=false;
 *   <li>samples come out one per exposure, in exposure-log order; when the logs carry ground truth
 *       it is attached to each sample.
 * </ul>
 *
 * <p>The overloads without a config use {@link StitchConfig#untimed()}: no row is late or skewed,
 * which is how this class behaved before time rules existed. For the simulator's logs {@link
 * StitchConfig#defaults()} gives the same samples and counts.
 *
 * <p>Stateless and thread-safe. Runs in time linear in the number of rows.
 */
public final class LogStitcher {
  private static final Logger LOG = LoggerFactory.getLogger(LogStitcher.class);

  private LogStitcher() {}

  /**
   * Stitches one day of logs with {@link StitchConfig#untimed()}, attaching the ground truth when
   * {@code logs.hasTruth()}.
   *
   * @throws IllegalArgumentException if two exposures share a trace id
   */
  public static StitchResult stitch(DayLogs logs) {
    return stitch(logs, StitchConfig.untimed());
  }

  /**
   * Stitches one day of logs under {@code config}, attaching the ground truth when {@code
   * logs.hasTruth()}.
   *
   * @throws IllegalArgumentException if two exposures share a trace id or an argument is null
   */
  public static StitchResult stitch(DayLogs logs, StitchConfig config) {
    Check.notNull("logs", logs);
    return stitch(logs.exposures(), logs.clicks(), logs.orders(), logs.truths(), config);
  }

  /**
   * Stitches exposures, clicks and orders without ground truth, with {@link
   * StitchConfig#untimed()}.
   *
   * @throws IllegalArgumentException if two exposures share a trace id
   */
  public static StitchResult stitch(
      List<Exposure> exposures, List<Click> clicks, List<Order> orders) {
    return stitch(exposures, clicks, orders, List.of(), StitchConfig.untimed());
  }

  /**
   * Stitches exposures, clicks and orders without ground truth under {@code config}.
   *
   * @throws IllegalArgumentException if two exposures share a trace id or an argument is null
   */
  public static StitchResult stitch(
      List<Exposure> exposures, List<Click> clicks, List<Order> orders, StitchConfig config) {
    return stitch(exposures, clicks, orders, List.of(), config);
  }

  private static StitchResult stitch(
      List<Exposure> exposures,
      List<Click> clicks,
      List<Order> orders,
      List<Truth> truths,
      StitchConfig config) {
    Check.notNull("exposures", exposures);
    Check.notNull("clicks", clicks);
    Check.notNull("orders", orders);
    Check.notNull("config", config);
    int n = exposures.size();
    TraceIndex index = new TraceIndex(exposures);
    Attribution.Counts counts = new Attribution.Counts();

    // Group the row timestamps by exposure, keeping log order (counting sort).
    int[] clickRow = new int[clicks.size()];
    int[] clickStart = new int[n + 1];
    for (int r = 0; r < clicks.size(); r++) {
      int row = index.rowOf(clicks.get(r).traceId());
      clickRow[r] = row;
      if (row < 0) {
        counts.orphanClicks++;
      } else {
        clickStart[row + 1]++;
      }
    }
    long[] clickTs = group(clickRow, clickStart, r -> clicks.get(r).timestampMillis());

    int[] orderRow = new int[orders.size()];
    int[] orderStart = new int[n + 1];
    for (int r = 0; r < orders.size(); r++) {
      int row = index.rowOf(orders.get(r).traceId());
      orderRow[r] = row;
      if (row < 0) {
        counts.orphanOrders++;
      } else {
        orderStart[row + 1]++;
      }
    }
    long[] orderTs = group(orderRow, orderStart, r -> orders.get(r).timestampMillis());

    List<LabeledSample> samples = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Exposure e = exposures.get(i);
      int label =
          Attribution.classify(
              e.timestampMillis(),
              clickTs,
              clickStart[i],
              clickStart[i + 1],
              orderTs,
              orderStart[i],
              orderStart[i + 1],
              config,
              counts);
      Optional<Truth> truth = truths.isEmpty() ? Optional.empty() : Optional.of(truths.get(i));
      samples.add(
          new LabeledSample(e, label != Attribution.NONE, label == Attribution.CONVERSION, truth));
    }
    StitchReport report = counts.toReport();
    LOG.debug("stitched {}", report);
    return new StitchResult(samples, report);
  }

  /**
   * Turns per-exposure counts in {@code start[1..n]} into offsets and returns the timestamps of the
   * matched rows grouped by exposure, in log order within a group.
   */
  private static long[] group(int[] rowOf, int[] start, IntToLongFunction timestamp) {
    int n = start.length - 1;
    for (int i = 0; i < n; i++) {
      start[i + 1] += start[i];
    }
    long[] ts = new long[start[n]];
    int[] fill = new int[n];
    for (int r = 0; r < rowOf.length; r++) {
      int row = rowOf[r];
      if (row >= 0) {
        ts[start[row] + fill[row]++] = timestamp.applyAsLong(r);
      }
    }
    return ts;
  }
}
