package org.recsys4j.features.logs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.recsys4j.core.Check;

/**
 * Stitches generic log events day by day under a {@link StitchConfig}, with the rules of {@link
 * StreamingStitcher} (the same {@link Attribution}), and builds each exposure's click history.
 *
 * <p>Per {@link #accept} call (one day): the day's exposures are opened (a repeated trace id is bad
 * input and dropped), its click and order rows routed to open exposures (rows for no known
 * exposure are bad input; rows for an exposure already emitted are late or skewed), the day's
 * first in-window click of each exposure enters its user's history at the click's time, every new
 * exposure takes the last {@code historyLength} history entries strictly before its time, and the
 * exposures whose windows closed before the watermark are labelled and returned.
 *
 * <p>Histories are exact when the logs are partitioned by event time (a click is in the file part
 * of its own day): every click before an exposure has then been seen when the exposure's day is
 * accepted. Memory: the open window (exposures with their rows), the remembered trace ids of
 * {@code lateRetention}, and {@code historyLength} entries per user who clicked.
 */
final class EventStitcher {
  private static final long[] NO_LONGS = new long[0];
  private static final double[] NO_DOUBLES = new double[0];

  private final StitchConfig config;
  private final int historyLength;
  private final int[] historyAttributes;
  private final List<String> historyNames;
  private final ItemHistory emptyHistory;
  private final BadInputCounter bad;
  private final LongMap<Open> open = new LongMap<>();
  /** Open exposures as runs (one per day) sorted by close time, then log order. */
  private final List<Run> runs = new ArrayList<>();
  private final LongMap<Closed> closed = new LongMap<>();
  /**
   * Emitted exposures in the order they were remembered, which is close-time order within a day's
   * emission (and across days for input grouped by day); an entry behind one that expires later
   * is kept longer, never forgotten early.
   */
  private final ArrayDeque<Closed> closedByExpiry = new ArrayDeque<>();
  private final Map<String, UserClicks> histories = new HashMap<>();
  private Attribution.Counts total = new Attribution.Counts();
  private long watermark = Long.MIN_VALUE;
  private long nextSeq;
  private int lastDay = Integer.MIN_VALUE;
  private boolean finished;

  EventStitcher(StitchConfig config, int historyLength, AttributeRow.Schema schema,
      List<String> historyAttributes, BadInputCounter bad) {
    this.config = Check.notNull("config", config);
    this.historyLength = historyLength;
    this.historyAttributes = new int[historyAttributes.size()];
    for (int k = 0; k < this.historyAttributes.length; k++) {
      this.historyAttributes[k] = schema.indexOf(historyAttributes.get(k));
    }
    this.historyNames = List.copyOf(historyAttributes);
    this.emptyHistory =
        ItemHistory.wrap(historyNames, new String[0], new Object[historyNames.size()][0]);
    this.bad = bad;
  }

  /**
   * Accepts one day of events and returns the rows whose windows closed, in exposure order.
   *
   * @throws BadLogInputException under {@code FAIL_FAST} at the first bad row
   * @throws IllegalArgumentException if {@code day} is not after the previous day
   */
  List<LabeledRow> accept(int day, List<ExposureEvent> exposures, String exposureSource,
      List<ClickEvent> clicks, String clickSource, List<OrderEvent> orders, String orderSource) {
    Check.state(!finished, "EventStitcher.accept called after finish()");
    Check.arg(day > lastDay, "day", day, "must be > previous day=" + lastDay);
    lastDay = day;
    List<Open> fresh = new ArrayList<>(exposures.size());
    for (ExposureEvent e : exposures) {
      long id = e.traceId();
      if (open.containsKey(id) || closed.containsKey(id)) {
        bad.report(exposureSource, e.line(), BadInput.DUPLICATE_TRACE_ID,
            "trace id " + id + " repeats an earlier exposure");
        continue;
      }
      Open o = new Open(e, nextSeq++, config.closeMillis(e.timeMillis()));
      open.put(id, o);
      fresh.add(o);
      watermark = Math.max(watermark, e.timeMillis());
    }
    Set<String> touched = new HashSet<>();
    for (ClickEvent c : clicks) {
      Open o = open.get(c.traceId());
      if (o != null) {
        o.addClick(c);
        long te = o.exposure.timeMillis();
        if (!o.inHistory && historyLength > 0
            && c.timeMillis() >= Attribution.clickSkewFloor(te, config)
            && c.timeMillis() <= StitchConfig.plus(te, config.clickWindowMillis())) {
          o.inHistory = true;
          String user = o.exposure.user();
          histories.computeIfAbsent(user, u -> new UserClicks()).add(c.timeMillis(), o.exposure,
              historyAttributes);
          touched.add(user);
        }
        continue;
      }
      Closed done = closed.get(c.traceId());
      if (done == null) {
        total.orphanClicks++;
        bad.report(clickSource, c.line(), BadInput.UNKNOWN_TRACE_ID_CLICK,
            "trace id " + c.traceId() + " matches no exposure");
      } else if (c.timeMillis() < done.clickSkewFloor) {
        total.skewedClicks++;
        bad.report(clickSource, c.line(), BadInput.CLICK_BEFORE_EXPOSURE,
            "click at " + c.timeMillis() + " precedes its exposure's window");
      } else {
        total.lateClicks++;
      }
    }
    for (OrderEvent r : orders) {
      Open o = open.get(r.traceId());
      if (o != null) {
        o.addOrder(r);
        continue;
      }
      Closed done = closed.get(r.traceId());
      if (done == null) {
        total.orphanOrders++;
        bad.report(orderSource, r.line(), BadInput.UNKNOWN_TRACE_ID_ORDER,
            "trace id " + r.traceId() + " matches no exposure");
      } else if (r.timeMillis() < done.orderSkewFloor) {
        total.skewedOrders++;
        bad.report(orderSource, r.line(), BadInput.ORDER_BEFORE_CLICK,
            "order at " + r.timeMillis() + " precedes its anchor");
      } else {
        total.lateOrders++;
      }
    }
    if (!fresh.isEmpty()) {
      runs.add(new Run(fresh));
    }
    attachHistories(fresh);
    for (String user : touched) {
      histories.get(user).trim(historyLength);
    }

    List<Open> due = new ArrayList<>();
    for (Run run : runs) {
      while (run.head < run.opens.length && run.opens[run.head].closeMillis < watermark) {
        due.add(run.opens[run.head]);
        run.opens[run.head++] = null;
      }
    }
    runs.removeIf(r -> r.head == r.opens.length);
    due.sort((a, b) -> Long.compare(a.closeMillis, b.closeMillis));
    List<LabeledRow> rows = emit(due, true, clickSource, orderSource);
    while (!closedByExpiry.isEmpty()
        && StitchConfig.plus(closedByExpiry.peek().closeMillis, config.lateRetentionMillis())
            < watermark) {
      closed.remove(closedByExpiry.poll().traceId);
    }
    return rows;
  }

  /** Emits every exposure still open and forgets the remembered trace ids. */
  List<LabeledRow> finish(String clickSource, String orderSource) {
    List<Open> rest = new ArrayList<>();
    for (Run run : runs) {
      for (int i = run.head; i < run.opens.length; i++) {
        rest.add(run.opens[i]);
      }
    }
    runs.clear();
    List<LabeledRow> rows = emit(rest, false, clickSource, orderSource);
    closed.clear();
    closedByExpiry.clear();
    finished = true;
    return rows;
  }

  /** The counts so far. */
  StitchReport report() {
    return total.toReport();
  }

  /** The time of the oldest open exposure, or {@link Long#MAX_VALUE} if none is open. */
  long oldestOpenMillis() {
    long oldest = Long.MAX_VALUE;
    for (Run run : runs) {
      oldest = Math.min(oldest, run.opens[run.head].exposure.timeMillis());
    }
    return oldest;
  }

  int openExposures() {
    return open.size();
  }

  int rememberedTraceIds() {
    return closed.size();
  }

  int usersWithHistory() {
    return histories.size();
  }

  private void attachHistories(List<Open> fresh) {
    if (historyLength == 0) {
      for (Open o : fresh) {
        o.history = emptyHistory;
      }
      return;
    }
    for (Open o : fresh) {
      UserClicks h = histories.get(o.exposure.user());
      o.history = h == null ? emptyHistory : h.before(o.exposure.timeMillis(), historyLength,
          historyNames, emptyHistory);
    }
  }

  /**
   * Labels {@code due} (given in close order) and returns the rows in exposure-log order; when
   * {@code remember}, remembers their trace ids in close order.
   */
  private List<LabeledRow> emit(List<Open> due, boolean remember, String clickSource,
      String orderSource) {
    List<Open> bySeq = new ArrayList<>(due);
    bySeq.sort((a, b) -> Long.compare(a.seq, b.seq));
    List<LabeledRow> rows = new ArrayList<>(due.size());
    for (Open o : bySeq) {
      ExposureEvent e = o.exposure;
      long te = e.timeMillis();
      int label = Attribution.classify(te, o.clickTimes, 0, o.numClicks, o.orderTimes, 0,
          o.numOrders, config, total);
      long clickFloor = Attribution.clickSkewFloor(te, config);
      for (int i = 0; i < o.numClicks; i++) {
        if (o.clickTimes[i] < clickFloor) {
          bad.report(clickSource, o.clickLines[i], BadInput.CLICK_BEFORE_EXPOSURE,
              "click at " + o.clickTimes[i] + " precedes its exposure at " + te);
        }
      }
      for (int i = 0; i < o.numOrders; i++) {
        if (o.orderTimes[i] < total.lastOrderSkewFloor) {
          bad.report(orderSource, o.orderLines[i], BadInput.ORDER_BEFORE_CLICK,
              "order at " + o.orderTimes[i] + " precedes its anchor at "
                  + (total.lastOrderSkewFloor + config.maxClockSkewMillis()));
        }
      }
      boolean conversion = label == Attribution.CONVERSION;
      double amount = conversion ? o.orderAmounts[total.lastAttributedOrder] : 0.0;
      rows.add(new LabeledRow(e.traceId(), te, e.user(), e.item(), e.position(), e.attributes(),
          label != Attribution.NONE, conversion, amount, o.history));
      open.remove(e.traceId());
      o.orderSkewFloor = total.lastOrderSkewFloor;
    }
    if (remember) {
      for (Open o : due) {
        Closed done = new Closed(o.exposure.traceId(), o.closeMillis,
            Attribution.clickSkewFloor(o.exposure.timeMillis(), config), o.orderSkewFloor);
        closed.put(done.traceId, done);
        closedByExpiry.add(done);
      }
    }
    return rows;
  }

  /** An exposure whose window is open, with its rows so far in log order. */
  private static final class Open {
    final ExposureEvent exposure;
    final long seq;
    final long closeMillis;
    ItemHistory history;
    boolean inHistory;
    long orderSkewFloor;
    long[] clickTimes = NO_LONGS;
    long[] clickLines = NO_LONGS;
    int numClicks;
    long[] orderTimes = NO_LONGS;
    long[] orderLines = NO_LONGS;
    double[] orderAmounts = NO_DOUBLES;
    int numOrders;

    Open(ExposureEvent exposure, long seq, long closeMillis) {
      this.exposure = exposure;
      this.seq = seq;
      this.closeMillis = closeMillis;
    }

    void addClick(ClickEvent c) {
      if (numClicks == clickTimes.length) {
        int n = Math.max(2, 2 * numClicks);
        clickTimes = Arrays.copyOf(clickTimes, n);
        clickLines = Arrays.copyOf(clickLines, n);
      }
      clickTimes[numClicks] = c.timeMillis();
      clickLines[numClicks++] = c.line();
    }

    void addOrder(OrderEvent r) {
      if (numOrders == orderTimes.length) {
        int n = Math.max(2, 2 * numOrders);
        orderTimes = Arrays.copyOf(orderTimes, n);
        orderLines = Arrays.copyOf(orderLines, n);
        orderAmounts = Arrays.copyOf(orderAmounts, n);
      }
      orderTimes[numOrders] = r.timeMillis();
      orderLines[numOrders] = r.line();
      orderAmounts[numOrders++] = r.amount();
    }
  }

  /**
   * One day's open exposures sorted by close time, then log order; {@code head} is the first not
   * yet emitted. Since the close time is the exposure time plus a constant, the head is also the
   * run's oldest exposure.
   */
  private static final class Run {
    final Open[] opens;
    int head;

    Run(List<Open> fresh) {
      opens = fresh.toArray(new Open[0]);
      Arrays.sort(opens, (a, b) -> a.closeMillis != b.closeMillis
          ? Long.compare(a.closeMillis, b.closeMillis) : Long.compare(a.seq, b.seq));
    }
  }

  /** An emitted exposure remembered to tell late and skewed rows from unknown ones. */
  private record Closed(long traceId, long closeMillis, long clickSkewFloor, long orderSkewFloor) {}

  /**
   * One user's clicked items in time order (ties in arrival order), trimmed to the last {@code
   * historyLength} after each day; caches the last snapshot it handed out.
   */
  private static final class UserClicks {
    long[] times = new long[4];
    String[] items = new String[4];
    Object[][] attributes = new Object[4][];
    int size;
    int cachedEnd = -1;
    ItemHistory cached;

    void add(long time, ExposureEvent e, int[] attributeColumns) {
      if (size == times.length) {
        times = Arrays.copyOf(times, 2 * size);
        items = Arrays.copyOf(items, 2 * size);
        attributes = Arrays.copyOf(attributes, 2 * size);
      }
      int at = size;
      while (at > 0 && times[at - 1] > time) {
        at--;
      }
      System.arraycopy(times, at, times, at + 1, size - at);
      System.arraycopy(items, at, items, at + 1, size - at);
      System.arraycopy(attributes, at, attributes, at + 1, size - at);
      Object[] values = new Object[attributeColumns.length];
      for (int k = 0; k < values.length; k++) {
        values[k] = e.attributes().get(attributeColumns[k]);
      }
      times[at] = time;
      items[at] = e.item();
      attributes[at] = values;
      size++;
      cachedEnd = -1;
      cached = null;
    }

    /** The last {@code length} entries strictly before {@code time}. */
    ItemHistory before(long time, int length, List<String> names, ItemHistory empty) {
      int end = 0;
      int lo = 0;
      int hi = size;
      while (lo < hi) { // first index with times[i] >= time
        int mid = (lo + hi) >>> 1;
        if (times[mid] < time) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      end = lo;
      if (end == 0) {
        return empty;
      }
      if (end == cachedEnd) {
        return cached;
      }
      int start = Math.max(0, end - length);
      String[] it = Arrays.copyOfRange(items, start, end);
      Object[][] at = new Object[names.size()][end - start];
      for (int i = start; i < end; i++) {
        for (int k = 0; k < at.length; k++) {
          at[k][i - start] = attributes[i][k];
        }
      }
      cachedEnd = end;
      cached = ItemHistory.wrap(names, it, at);
      return cached;
    }

    void trim(int length) {
      if (size > length) {
        int drop = size - length;
        System.arraycopy(times, drop, times, 0, length);
        System.arraycopy(items, drop, items, 0, length);
        System.arraycopy(attributes, drop, attributes, 0, length);
        Arrays.fill(items, length, size, null);
        Arrays.fill(attributes, length, size, null);
        size = length;
        cachedEnd = -1;
        cached = null;
      }
    }
  }
}
