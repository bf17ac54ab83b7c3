package org.recsys4j.features.logs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import org.recsys4j.core.Check;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stitches logs day by day, carrying exposures whose attribution windows are still open across the
 * day boundary: a click at 00:05 on day d+1 for an exposure at 23:55 on day d is attributed.
 *
 * <p>{@link #accept(DayLogs)} adds a day's exposures, routes its click and order rows to their
 * exposures, then emits the samples of every exposure whose window has closed: whose {@link
 * StitchConfig#closeMillis(long) close time} is before the watermark, the largest exposure
 * timestamp seen so far. {@link #finish()} emits the rest. Labels follow the rules of {@link
 * LogStitcher} and {@link StitchConfig}, applied to all rows that arrived for an exposure before it
 * was emitted.
 *
 * <p>Rows are matched against the open exposures and, for {@link StitchConfig#lateRetention()}
 * after their close, the trace ids of emitted ones: a row for an emitted exposure is counted as
 * skewed if timestamped before its anchor, otherwise as late (it arrived after the window closed).
 * A row whose trace id is neither open nor remembered is an orphan.
 *
 * <p>Equivalence: the concatenated output (samples, and the {@link #total()} report) equals {@link
 * LogStitcher#stitch(List, List, List, StitchConfig)} over all the logs concatenated, provided (a)
 * no row arrives in a day before its exposure's day, (b) each in-window row arrives by the day the
 * watermark passes its timestamp (true for logs partitioned by event time, such as the simulator's)
 * and (c) late rows arrive within the late retention. Samples come out per flush in exposure-log
 * order; across flushes they are ordered by close time.
 *
 * <p>Memory: the open exposures with their pending rows (about one click window plus order window
 * of traffic) and a few dozen bytes per remembered trace id, not the whole history. Not
 * thread-safe.
 */
public final class StreamingStitcher {
  private static final Logger LOG = LoggerFactory.getLogger(StreamingStitcher.class);
  private static final long[] NO_ROWS = new long[0];

  private final StitchConfig config;
  private final Map<Long, Open> open = new HashMap<>();
  private final PriorityQueue<Open> byClose =
      new PriorityQueue<>(
          Comparator.comparingLong((Open o) -> o.closeMillis).thenComparingLong(o -> o.seq));
  private final Map<Long, Closed> closed = new HashMap<>();
  private final PriorityQueue<Closed> closedByExpiry =
      new PriorityQueue<>(Comparator.comparingLong(Closed::closeMillis));
  private long watermark = Long.MIN_VALUE;
  private long nextSeq;
  private int lastDay = -1;
  private boolean finished;
  private StitchReport total = StitchReport.empty();

  /**
   * A stitcher with the given rules.
   *
   * @throws IllegalArgumentException if {@code config} is null
   */
  public StreamingStitcher(StitchConfig config) {
    this.config = Check.notNull("config", config);
  }

  /** The rules this stitcher applies. */
  public StitchConfig config() {
    return config;
  }

  /**
   * Adds one day of logs and emits the samples of the exposures whose windows have closed, with the
   * counts of this flush: the emitted exposures and their rows, plus the orphan, late and skewed
   * rows seen in this day's logs. Ground truth is attached when {@code logs.hasTruth()}.
   *
   * @throws IllegalArgumentException if {@code logs.day()} is not after the previous day, or an
   *     exposure trace id repeats one in this day or an open or remembered exposure; the state is
   *     then unchanged
   * @throws IllegalStateException after {@link #finish()}
   */
  public StitchResult accept(DayLogs logs) {
    Check.notNull("logs", logs);
    Check.state(!finished, "StreamingStitcher.accept called after finish()");
    Check.arg(logs.day() > lastDay, "dayLogs.day", logs.day(), "must be > previous day=" + lastDay);
    List<Exposure> exposures = logs.exposures();
    new TraceIndex(exposures); // rejects repeats within the day
    for (int i = 0; i < exposures.size(); i++) {
      long id = exposures.get(i).traceId();
      if (open.containsKey(id) || closed.containsKey(id)) {
        Check.arg(
            false,
            "dayLogs[day=" + logs.day() + "].exposures[" + i + "].traceId",
            id,
            "must be unique but repeats an exposure of an earlier day");
      }
    }
    lastDay = logs.day();

    Attribution.Counts counts = new Attribution.Counts();
    for (int i = 0; i < exposures.size(); i++) {
      Exposure e = exposures.get(i);
      Truth truth = logs.hasTruth() ? logs.truths().get(i) : null;
      Open o = new Open(e, truth, nextSeq++, config.closeMillis(e.timestampMillis()));
      open.put(e.traceId(), o);
      byClose.add(o);
      watermark = Math.max(watermark, e.timestampMillis());
    }
    for (Click c : logs.clicks()) {
      Open o = open.get(c.traceId());
      if (o != null) {
        o.clicks = append(o.clicks, o.numClicks++, c.timestampMillis());
      } else {
        Closed done = closed.get(c.traceId());
        if (done == null) {
          counts.orphanClicks++;
        } else if (c.timestampMillis() < done.clickSkewFloor) {
          counts.skewedClicks++;
        } else {
          counts.lateClicks++;
        }
      }
    }
    for (Order r : logs.orders()) {
      Open o = open.get(r.traceId());
      if (o != null) {
        o.orders = append(o.orders, o.numOrders++, r.timestampMillis());
      } else {
        Closed done = closed.get(r.traceId());
        if (done == null) {
          counts.orphanOrders++;
        } else if (r.timestampMillis() < done.orderSkewFloor) {
          counts.skewedOrders++;
        } else {
          counts.lateOrders++;
        }
      }
    }

    List<Open> due = new ArrayList<>();
    while (!byClose.isEmpty() && byClose.peek().closeMillis < watermark) {
      due.add(byClose.poll());
    }
    List<LabeledSample> samples = emit(due, counts, true);
    while (!closedByExpiry.isEmpty()
        && StitchConfig.plus(closedByExpiry.peek().closeMillis, config.lateRetentionMillis())
            < watermark) {
      closed.remove(closedByExpiry.poll().traceId);
    }
    StitchReport report = counts.toReport();
    total = total.plus(report);
    LOG.debug(
        "day {}: emitted {} samples, {} open, {} remembered: {}",
        logs.day(),
        samples.size(),
        open.size(),
        closed.size(),
        report);
    return new StitchResult(samples, report);
  }

  /**
   * Emits every exposure still open, whatever its window, and forgets the remembered trace ids.
   * Further calls to {@link #accept} fail; further calls to {@code finish()} return nothing.
   */
  public StitchResult finish() {
    Attribution.Counts counts = new Attribution.Counts();
    List<Open> rest = new ArrayList<>(byClose);
    byClose.clear();
    List<LabeledSample> samples = emit(rest, counts, false);
    closed.clear();
    closedByExpiry.clear();
    finished = true;
    StitchReport report = counts.toReport();
    total = total.plus(report);
    LOG.debug("finish: emitted {} samples: {}", samples.size(), report);
    return new StitchResult(samples, report);
  }

  /** The sum of the reports of all flushes so far. */
  public StitchReport total() {
    return total;
  }

  /** Exposures accepted but not yet emitted. */
  public int openExposures() {
    return open.size();
  }

  /** Trace ids of emitted exposures still remembered for counting late rows. */
  public int rememberedTraceIds() {
    return closed.size();
  }

  /** The largest exposure timestamp seen, or {@link Long#MIN_VALUE} before any exposure. */
  public long watermarkMillis() {
    return watermark;
  }

  /** Whether {@link #finish()} was called. */
  public boolean isFinished() {
    return finished;
  }

  private List<LabeledSample> emit(List<Open> due, Attribution.Counts counts, boolean remember) {
    due.sort(Comparator.comparingLong(o -> o.seq));
    List<LabeledSample> samples = new ArrayList<>(due.size());
    for (Open o : due) {
      long te = o.exposure.timestampMillis();
      int label =
          Attribution.classify(
              te, o.clicks, 0, o.numClicks, o.orders, 0, o.numOrders, config, counts);
      samples.add(
          new LabeledSample(
              o.exposure,
              label != Attribution.NONE,
              label == Attribution.CONVERSION,
              Optional.ofNullable(o.truth)));
      open.remove(o.exposure.traceId());
      if (remember) {
        Closed done =
            new Closed(
                o.exposure.traceId(),
                o.closeMillis,
                Attribution.clickSkewFloor(te, config),
                counts.lastOrderSkewFloor);
        closed.put(done.traceId, done);
        closedByExpiry.add(done);
      }
    }
    return samples;
  }

  private static long[] append(long[] rows, int size, long value) {
    long[] out = size < rows.length ? rows : Arrays.copyOf(rows, Math.max(2, 2 * size));
    out[size] = value;
    return out;
  }

  /** An exposure whose window is open, with the timestamps of its rows so far in log order. */
  private static final class Open {
    final Exposure exposure;
    final Truth truth;
    final long seq;
    final long closeMillis;
    long[] clicks = NO_ROWS;
    int numClicks;
    long[] orders = NO_ROWS;
    int numOrders;

    Open(Exposure exposure, Truth truth, long seq, long closeMillis) {
      this.exposure = exposure;
      this.truth = truth;
      this.seq = seq;
      this.closeMillis = closeMillis;
    }
  }

  /** An emitted exposure remembered to tell late and skewed rows from orphans. */
  private record Closed(long traceId, long closeMillis, long clickSkewFloor, long orderSkewFloor) {}
}
