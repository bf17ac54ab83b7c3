package org.recsys4j.features.logs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.recsys4j.core.Check;

/**
 * Stitches generic log events day by day under a {@link StitchConfig}, with the rules of {@link
 * StreamingStitcher} (the same {@link Attribution}), and builds each exposure's click history.
 *
 * <p>Per {@link #accept} call (one day): the day's exposures are opened (a repeated trace id is bad
 * input and dropped), its click and order rows routed to open exposures (rows for no known exposure
 * are bad input; rows for an exposure already emitted are late or skewed), the day's first
 * in-window click of each exposure enters its user's history at the click's time, every new
 * exposure takes the last {@code historyLength} history entries strictly before its time, and the
 * exposures whose windows closed before the watermark are labelled and returned in exposure-log
 * order.
 *
 * <p>Histories are exact when the logs are partitioned by event time (a click is in the file part
 * of its own day): every click before an exposure has then been seen when the exposure's day is
 * accepted.
 *
 * <p>Memory: open exposures are kept column-wise, one {@link Run} per day (about 100 bytes an
 * exposure plus its attribute values, rows only for exposures that have some); emitted trace ids
 * are remembered for {@code lateRetention} in a ring of primitive columns; histories hold {@code
 * historyLength} entries per user who clicked. None of it grows with the number of days.
 */
final class EventStitcher {
  private static final long[] NO_LONGS = new long[0];
  private static final double[] NO_DOUBLES = new double[0];

  private final StitchConfig config;
  private final AttributeRow.Schema schema;
  private final int historyLength;
  private final int[] historyAttributes;
  private final List<String> historyNames;
  private final ItemHistory emptyHistory;
  private final BadInputCounter bad;

  /** Open exposures: trace id to {@code runId << 32 | index}. */
  private final LongLongMap open = new LongLongMap();

  private final Map<Integer, Run> runs = new HashMap<>();
  private final Remembered closed = new Remembered();
  private final Map<String, UserClicks> histories = new HashMap<>();
  private final Attribution.Counts total = new Attribution.Counts();
  private long watermark = Long.MIN_VALUE;
  private int nextRunId;
  private int lastDay = Integer.MIN_VALUE;
  private boolean finished;

  EventStitcher(
      StitchConfig config,
      int historyLength,
      AttributeRow.Schema schema,
      List<String> historyAttributes,
      BadInputCounter bad) {
    this.config = Check.notNull("config", config);
    this.schema = schema;
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
  List<LabeledRow> accept(
      int day,
      List<ExposureEvent> exposures,
      String exposureSource,
      List<ClickEvent> clicks,
      String clickSource,
      List<OrderEvent> orders,
      String orderSource) {
    List<LabeledRow> out = new ArrayList<>();
    accept(
        day,
        exposures.iterator(),
        exposureSource,
        clicks,
        clickSource,
        orders,
        orderSource,
        out::add);
    return out;
  }

  /**
   * Accepts one day of events, the exposures streamed (each is copied into the day's columns and
   * not kept), and hands the rows whose windows closed to {@code sink} in exposure order.
   *
   * @throws BadLogInputException under {@code FAIL_FAST} at the first bad row
   * @throws IllegalArgumentException if {@code day} is not after the previous day
   */
  void accept(
      int day,
      Iterator<ExposureEvent> exposures,
      String exposureSource,
      List<ClickEvent> clicks,
      String clickSource,
      List<OrderEvent> orders,
      String orderSource,
      Consumer<LabeledRow> sink) {
    Check.state(!finished, "EventStitcher.accept called after finish()");
    Check.arg(day > lastDay, "day", day, "must be > previous day=" + lastDay);
    lastDay = day;
    // Open the day's exposures: a trace id already open (from this or an earlier day) or
    // remembered is a duplicate; the run holds the accepted ones column-wise.
    Run run = new Run(nextRunId, schema, config);
    while (exposures.hasNext()) {
      ExposureEvent e = exposures.next();
      long id = e.traceId();
      if (closed.contains(id)
          || open.putIfAbsent(id, ((long) run.id << 32) | run.n) != LongLongMap.ABSENT) {
        bad.report(
            exposureSource,
            e.line(),
            BadInput.DUPLICATE_TRACE_ID,
            "trace id " + id + " repeats an earlier exposure");
        continue;
      }
      run.add(e);
      watermark = Math.max(watermark, e.timeMillis());
    }
    if (run.n > 0) {
      run.seal();
      runs.put(run.id, run);
      nextRunId++;
    } else {
      run = null;
    }
    Set<String> touched = new HashSet<>();
    for (ClickEvent c : clicks) {
      long at = open.get(c.traceId());
      if (at != LongLongMap.ABSENT) {
        Run r = runs.get((int) (at >>> 32));
        int i = (int) at;
        r.rows(i).addClick(c);
        long te = r.time[i];
        if (!r.inHistory.get(i)
            && historyLength > 0
            && c.timeMillis() >= Attribution.clickSkewFloor(te, config)
            && c.timeMillis() <= StitchConfig.plus(te, config.clickWindowMillis())) {
          r.inHistory.set(i);
          String user = r.user[i];
          histories
              .computeIfAbsent(user, u -> new UserClicks())
              .add(c.timeMillis(), r.item[i], r.historyValues(i, historyAttributes));
          touched.add(user);
        }
        continue;
      }
      long slot = closed.find(c.traceId());
      if (slot < 0) {
        total.orphanClicks++;
        bad.report(
            clickSource,
            c.line(),
            BadInput.UNKNOWN_TRACE_ID_CLICK,
            "trace id " + c.traceId() + " matches no exposure");
      } else if (c.timeMillis() < closed.clickSkewFloor(slot)) {
        total.skewedClicks++;
        bad.report(
            clickSource,
            c.line(),
            BadInput.CLICK_BEFORE_EXPOSURE,
            "click at " + c.timeMillis() + " precedes its exposure's window");
      } else {
        total.lateClicks++;
      }
    }
    for (OrderEvent o : orders) {
      long at = open.get(o.traceId());
      if (at != LongLongMap.ABSENT) {
        runs.get((int) (at >>> 32)).rows((int) at).addOrder(o);
        continue;
      }
      long slot = closed.find(o.traceId());
      if (slot < 0) {
        total.orphanOrders++;
        bad.report(
            orderSource,
            o.line(),
            BadInput.UNKNOWN_TRACE_ID_ORDER,
            "trace id " + o.traceId() + " matches no exposure");
      } else if (o.timeMillis() < closed.orderSkewFloor(slot)) {
        total.skewedOrders++;
        bad.report(
            orderSource,
            o.line(),
            BadInput.ORDER_BEFORE_CLICK,
            "order at " + o.timeMillis() + " precedes its anchor");
      } else {
        total.lateOrders++;
      }
    }
    if (run != null) {
      attachHistories(run);
    }
    for (String user : touched) {
      histories.get(user).trim(historyLength);
    }

    emit(false, true, clickSource, orderSource, sink);
    closed.expire(watermark, config.lateRetentionMillis());
  }

  /** Emits every exposure still open and forgets the remembered trace ids. */
  List<LabeledRow> finish(String clickSource, String orderSource) {
    List<LabeledRow> out = new ArrayList<>();
    finish(clickSource, orderSource, out::add);
    return out;
  }

  /** Hands every exposure still open to {@code sink} and forgets the remembered trace ids. */
  void finish(String clickSource, String orderSource, Consumer<LabeledRow> sink) {
    emit(true, false, clickSource, orderSource, sink);
    closed.clear();
    finished = true;
  }

  /** The counts so far. */
  StitchReport report() {
    return total.toReport();
  }

  /** The time of the oldest open exposure, or {@link Long#MAX_VALUE} if none is open. */
  long oldestOpenMillis() {
    long oldest = Long.MAX_VALUE;
    for (Run run : runs.values()) {
      if (run.head < run.n) {
        oldest = Math.min(oldest, run.time[run.order[run.head]]);
      }
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

  private void attachHistories(Run run) {
    for (int i = 0; i < run.n; i++) {
      UserClicks h = historyLength == 0 ? null : histories.get(run.user[i]);
      run.history[i] =
          h == null
              ? emptyHistory
              : h.before(run.time[i], historyLength, historyNames, emptyHistory);
    }
  }

  /**
   * Labels the due exposures (all open ones when {@code all}) and hands them to {@code sink} in
   * exposure-log order; when {@code remember}, remembers their trace ids run by run in close order.
   */
  private void emit(
      boolean all,
      boolean remember,
      String clickSource,
      String orderSource,
      Consumer<LabeledRow> sink) {
    List<Integer> ids = new ArrayList<>(runs.keySet());
    ids.sort(null);
    long[] due = new long[16];
    int count = 0;
    for (int id : ids) {
      Run run = runs.get(id);
      while (run.head < run.n && (all || run.close(run.order[run.head]) < watermark)) {
        if (count == due.length) {
          due = Arrays.copyOf(due, 2 * count);
        }
        due[count++] = ((long) id << 32) | run.order[run.head++];
      }
    }
    long[] bySeq = Arrays.copyOf(due, count);
    Arrays.sort(bySeq); // run id, then index: exposure-log order
    long[] orderFloors = new long[count];
    for (int d = 0; d < count; d++) {
      Run run = runs.get((int) (bySeq[d] >>> 32));
      int i = (int) bySeq[d];
      sink.accept(label(run, i, clickSource, orderSource));
      orderFloors[d] = total.lastOrderSkewFloor;
      open.remove(run.trace[i]);
    }
    if (remember) {
      for (int d = 0; d < count; d++) {
        Run run = runs.get((int) (due[d] >>> 32));
        int i = (int) due[d];
        closed.add(
            run.trace[i],
            run.close(i),
            Attribution.clickSkewFloor(run.time[i], config),
            orderFloors[Arrays.binarySearch(bySeq, due[d])]);
      }
    }
    runs.values().removeIf(r -> r.head == r.n);
  }

  private LabeledRow label(Run run, int i, String clickSource, String orderSource) {
    long te = run.time[i];
    Rows r = run.rows[i];
    int label;
    double amount = 0.0;
    if (r == null) {
      label = Attribution.classify(te, NO_LONGS, 0, 0, NO_LONGS, 0, 0, config, total);
    } else {
      label =
          Attribution.classify(
              te, r.clickTimes, 0, r.numClicks, r.orderTimes, 0, r.numOrders, config, total);
      long clickFloor = Attribution.clickSkewFloor(te, config);
      for (int k = 0; k < r.numClicks; k++) {
        if (r.clickTimes[k] < clickFloor) {
          bad.report(
              clickSource,
              r.clickLines[k],
              BadInput.CLICK_BEFORE_EXPOSURE,
              "click at " + r.clickTimes[k] + " precedes its exposure at " + te);
        }
      }
      for (int k = 0; k < r.numOrders; k++) {
        if (r.orderTimes[k] < total.lastOrderSkewFloor) {
          bad.report(
              orderSource,
              r.orderLines[k],
              BadInput.ORDER_BEFORE_CLICK,
              "order at "
                  + r.orderTimes[k]
                  + " precedes its anchor at "
                  + (total.lastOrderSkewFloor + config.maxClockSkewMillis()));
        }
      }
      if (label == Attribution.CONVERSION) {
        amount = r.orderAmounts[total.lastAttributedOrder];
      }
    }
    return new LabeledRow(
        run.trace[i],
        te,
        run.user[i],
        run.item[i],
        run.position[i],
        run.attributes(i),
        label != Attribution.NONE,
        label == Attribution.CONVERSION,
        amount,
        run.history[i]);
  }

  /**
   * One day's exposures, column by column; {@code order} lists them by close time (then log order)
   * and {@code head} is the first not yet emitted. The close time is the exposure time plus a
   * constant, so the head is also the run's oldest open exposure.
   */
  private static final class Run {
    final int id;
    final AttributeRow.Schema schema;
    final StitchConfig config;
    int n;
    long[] trace = new long[1024];
    long[] time = new long[1024];
    String[] user = new String[1024];
    String[] item = new String[1024];
    int[] position = new int[1024];

    /** Per attribute: {@code long[]}, {@code double[]} or {@code String[]}. */
    final Object[] columns;

    /** Per attribute: the rows where the value is missing. */
    final BitSet[] missing;

    ItemHistory[] history;
    final BitSet inHistory = new BitSet();
    Rows[] rows;
    int[] order;
    int head;

    Run(int id, AttributeRow.Schema schema, StitchConfig config) {
      this.id = id;
      this.schema = schema;
      this.config = config;
      int a = schema.size();
      columns = new Object[a];
      missing = new BitSet[a];
      for (int k = 0; k < a; k++) {
        columns[k] =
            switch (schema.columns().get(k).type()) {
              case LONG -> new long[1024];
              case DOUBLE -> new double[1024];
              case STRING -> new String[1024];
            };
        missing[k] = new BitSet();
      }
    }

    void add(ExposureEvent e) {
      if (n == trace.length) {
        int cap = n + (n >> 1);
        trace = Arrays.copyOf(trace, cap);
        time = Arrays.copyOf(time, cap);
        user = Arrays.copyOf(user, cap);
        item = Arrays.copyOf(item, cap);
        position = Arrays.copyOf(position, cap);
        for (int k = 0; k < columns.length; k++) {
          Object c = columns[k];
          columns[k] =
              c instanceof long[] l
                  ? Arrays.copyOf(l, cap)
                  : c instanceof double[] d
                      ? Arrays.copyOf(d, cap)
                      : Arrays.copyOf((String[]) c, cap);
        }
      }
      int i = n++;
      trace[i] = e.traceId();
      time[i] = e.timeMillis();
      user[i] = e.user();
      item[i] = e.item();
      position[i] = e.position();
      for (int k = 0; k < columns.length; k++) {
        Object v = e.attributes().get(k);
        if (v == null) {
          missing[k].set(i);
        } else if (columns[k] instanceof long[] l) {
          l[i] = (Long) v;
        } else if (columns[k] instanceof double[] d) {
          d[i] = (Double) v;
        } else {
          ((String[]) columns[k])[i] = (String) v;
        }
      }
    }

    /** Trims the columns to {@code n} and orders the exposures by close time. */
    void seal() {
      trace = Arrays.copyOf(trace, n);
      time = Arrays.copyOf(time, n);
      user = Arrays.copyOf(user, n);
      item = Arrays.copyOf(item, n);
      position = Arrays.copyOf(position, n);
      for (int k = 0; k < columns.length; k++) {
        Object c = columns[k];
        columns[k] =
            c instanceof long[] l
                ? Arrays.copyOf(l, n)
                : c instanceof double[] d ? Arrays.copyOf(d, n) : Arrays.copyOf((String[]) c, n);
      }
      history = new ItemHistory[n];
      rows = new Rows[n];
      order = byTime(time);
    }

    /** Indices sorted by time, ties by index. */
    private static int[] byTime(long[] time) {
      int n = time.length;
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      for (long t : time) {
        min = Math.min(min, t);
        max = Math.max(max, t);
      }
      int[] order = new int[n];
      if (n > 0 && max - min >= 0 && max - min < (1L << 32)) {
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
          keys[i] = ((time[i] - min) << 31) | i;
        }
        Arrays.sort(keys);
        for (int i = 0; i < n; i++) {
          order[i] = (int) (keys[i] & 0x7fffffffL);
        }
        return order;
      }
      Integer[] boxed = new Integer[n];
      for (int i = 0; i < n; i++) {
        boxed[i] = i;
      }
      Arrays.sort(
          boxed,
          (x, y) -> time[x] != time[y] ? Long.compare(time[x], time[y]) : Integer.compare(x, y));
      for (int i = 0; i < n; i++) {
        order[i] = boxed[i];
      }
      return order;
    }

    long close(int i) {
      return config.closeMillis(time[i]);
    }

    Rows rows(int i) {
      Rows r = rows[i];
      if (r == null) {
        r = new Rows();
        rows[i] = r;
      }
      return r;
    }

    Object value(int i, int k) {
      if (missing[k].get(i)) {
        return null;
      }
      Object c = columns[k];
      if (c instanceof long[] l) {
        return l[i];
      }
      if (c instanceof double[] d) {
        return d[i];
      }
      return ((String[]) c)[i];
    }

    AttributeRow attributes(int i) {
      Object[] values = new Object[columns.length];
      for (int k = 0; k < values.length; k++) {
        values[k] = value(i, k);
      }
      return AttributeRow.wrap(schema, values);
    }

    Object[] historyValues(int i, int[] attributeColumns) {
      Object[] values = new Object[attributeColumns.length];
      for (int k = 0; k < values.length; k++) {
        values[k] = value(i, attributeColumns[k]);
      }
      return values;
    }
  }

  /** The click and order rows of one exposure, in log order. */
  private static final class Rows {
    long[] clickTimes = NO_LONGS;
    long[] clickLines = NO_LONGS;
    int numClicks;
    long[] orderTimes = NO_LONGS;
    long[] orderLines = NO_LONGS;
    double[] orderAmounts = NO_DOUBLES;
    int numOrders;

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
   * Emitted exposures remembered to tell late and skewed rows from unknown ones: a ring of
   * primitive columns in the order they were remembered (close-time order within a run) and a map
   * from trace id to ring position. An entry behind one that expires later is kept longer, never
   * forgotten early.
   */
  private static final class Remembered {
    private final LongLongMap index = new LongLongMap();
    private long[] trace = new long[1024];
    private long[] close = new long[1024];
    private long[] clickFloor = new long[1024];
    private long[] orderFloor = new long[1024];
    private long first;
    private long end;

    int size() {
      return index.size();
    }

    boolean contains(long traceId) {
      return index.containsKey(traceId);
    }

    /** The ring position of {@code traceId}, or -1. */
    long find(long traceId) {
      return index.get(traceId);
    }

    long clickSkewFloor(long pos) {
      return clickFloor[(int) (pos & (trace.length - 1))];
    }

    long orderSkewFloor(long pos) {
      return orderFloor[(int) (pos & (trace.length - 1))];
    }

    void add(long traceId, long closeMillis, long clickSkewFloor, long orderSkewFloor) {
      if (end - first == trace.length) {
        grow();
      }
      int s = (int) (end & (trace.length - 1));
      trace[s] = traceId;
      close[s] = closeMillis;
      clickFloor[s] = clickSkewFloor;
      orderFloor[s] = orderSkewFloor;
      index.put(traceId, end++);
    }

    void expire(long watermark, long retention) {
      while (first < end) {
        int s = (int) (first & (trace.length - 1));
        if (StitchConfig.plus(close[s], retention) >= watermark) {
          return;
        }
        index.remove(trace[s]);
        first++;
      }
    }

    void clear() {
      index.clear();
      first = end;
    }

    private void grow() {
      int cap = trace.length;
      long[] t = new long[2 * cap];
      long[] c = new long[2 * cap];
      long[] cf = new long[2 * cap];
      long[] of = new long[2 * cap];
      for (long p = first; p < end; p++) {
        int from = (int) (p & (cap - 1));
        int to = (int) (p & (2 * cap - 1));
        t[to] = trace[from];
        c[to] = close[from];
        cf[to] = clickFloor[from];
        of[to] = orderFloor[from];
      }
      trace = t;
      close = c;
      clickFloor = cf;
      orderFloor = of;
    }
  }

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

    void add(long time, String item, Object[] values) {
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
      times[at] = time;
      items[at] = item;
      attributes[at] = values;
      size++;
      cachedEnd = -1;
      cached = null;
    }

    /** The last {@code length} entries strictly before {@code time}. */
    ItemHistory before(long time, int length, List<String> names, ItemHistory empty) {
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
      int end = lo;
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
