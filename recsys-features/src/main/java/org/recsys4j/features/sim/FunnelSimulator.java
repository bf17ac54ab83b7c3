package org.recsys4j.features.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.recsys4j.core.Check;
import org.recsys4j.features.logs.Click;
import org.recsys4j.features.logs.ClickHistory;
import org.recsys4j.features.logs.DayLogs;
import org.recsys4j.features.logs.DeviceType;
import org.recsys4j.features.logs.Exposure;
import org.recsys4j.features.logs.Order;
import org.recsys4j.features.logs.Truth;
import org.recsys4j.features.logs.UserSegment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A seeded, deterministic simulator of an e-commerce home-feed funnel that streams one day of logs
 * at a time.
 *
 * <p>Each active user makes a Poisson number of feed requests a day (mean {@code
 * meanRequestsPerUserPerDay} times a log-normal per-user activity) at hours drawn from a diurnal
 * curve. For each request a mildly personalised incumbent ranker fills {@code slateSize} distinct
 * items — by popularity, from the user's top affinity categories, from the categories of the user's
 * recent clicks, or uniformly ({@code ranker*Share}) — and orders them by a noisy score {@code pop
 * + affinity + N(0, rankerNoiseSd)}; the rank is the position. Every exposure is then clicked with
 * its true probability (the formula is in {@link FunnelSimulatorConfig}), 1 to 120 s later, and a
 * click converts into an order with the true conversion probability, 30 s to 30 min after the
 * click. All of a day's clicks and orders fall within that day.
 *
 * <p>User state carries from day to day: each user's last {@code maxHistoryLength} clicks, which
 * feed {@link Exposure#recentClickedItems()} (clicks strictly before the exposure's timestamp, most
 * recent last) and the recent-interest boost. {@code burnInDays} unlogged days are simulated first
 * so that returning users start with a history; new users join on a random logged day with none.
 *
 * <p>Logs: exposures are in time order and trace ids increase with time, starting at 1 and unique
 * over the whole run. Clicks and orders are separate logs in time order, and carry dirt: a
 * duplicate row (same trace id, up to 5 s later) with probability {@code duplicateClickRate} /
 * {@code duplicateOrderRate} per row, and orphan rows whose trace id matches no exposure at rate
 * {@code orphanClickRate} / {@code orphanOrderRate} per real row (their ids are never used by any
 * exposure). Every exposure has a {@link Truth} aligned in {@link DayLogs#truths()}.
 *
 * <p>Deterministic: the same config yields identical logs on every JVM (only {@link
 * SplittableRandom} and {@link StrictMath} are used, and each user-day has its own random stream).
 * Memory is bounded by one day of logs plus the per-user state. Not thread-safe.
 *
 * <pre>{@code
 * FunnelSimulatorConfig config = FunnelSimulatorConfig.builder().numUsers(2_000).build();
 * FunnelSimulator sim = new FunnelSimulator(config);
 * while (sim.hasNextDay()) {
 *   StitchResult day = LogStitcher.stitch(sim.nextDay());
 *   ...
 * }
 * }</pre>
 */
public final class FunnelSimulator {
  /** Largest delay between an exposure and its click. */
  public static final int MAX_CLICK_DELAY_MILLIS = 120_000;

  /** Largest delay between a click and its order. */
  public static final int MAX_ORDER_DELAY_MILLIS = 1_800_000;

  /** Largest delay of a duplicate click or order row after the original. */
  public static final int MAX_DUPLICATE_DELAY_MILLIS = 5_000;

  private static final Logger LOG = LoggerFactory.getLogger(FunnelSimulator.class);
  private static final int HOUR_MILLIS = 3_600_000;
  private static final int MIN_CLICK_DELAY_MILLIS = 1_000;
  private static final int MIN_ORDER_DELAY_MILLIS = 30_000;
  private static final double MEAN_CLICK_DELAY_MILLIS = 15_000;
  private static final double MEAN_ORDER_DELAY_MILLIS = 300_000;

  /**
   * The last hour of a day ends early so that every click, order and duplicate stays in the day.
   */
  private static final int LAST_HOUR_SPAN =
      HOUR_MILLIS
          - MAX_CLICK_DELAY_MILLIS
          - MAX_ORDER_DELAY_MILLIS
          - MAX_DUPLICATE_DELAY_MILLIS
          - 1_000;

  /** Relative request volume by UTC hour: quiet nights, lunch and evening peaks. */
  private static final double[] HOUR_WEIGHTS = {
    0.6, 0.4, 0.3, 0.25, 0.25, 0.35, 0.6, 1.0, 1.4, 1.5, 1.5, 1.6,
    1.9, 1.8, 1.5, 1.4, 1.4, 1.5, 1.7, 2.0, 2.3, 2.4, 2.0, 1.2
  };

  private static final int MAX_SLATE_ATTEMPTS = 20;
  private static final long DIRT_STREAM = -7L;

  private final FunnelSimulatorConfig config;
  private final SimWorld world;
  private final DayBuffer buf = new DayBuffer();
  private final double[] hourCdf;
  private final double[] positionPenalty;
  private final double[] deviceEffect;
  private final int historyCap;
  private final int[] historyRing;
  private final int[] historyHead;
  private final int[] historySize;

  private final int[] slate;
  private final double[] slateAffinity;
  private final double[] slateScore;
  private final int[] slateOrder;
  private long[] pendingKey = new long[64]; // (clickMs << 32) | exposure row
  private int[] pendingItem = new int[64];
  private int pendingCount;

  private int nextDay;
  private long nextTraceId = 1;

  /**
   * Builds the world (latent factors, catalogue) and simulates the burn-in days.
   *
   * @throws IllegalArgumentException if {@code config} is null
   */
  public FunnelSimulator(FunnelSimulatorConfig config) {
    this.config = Check.notNull("config", config);
    long start = System.nanoTime();
    world = new SimWorld(config);
    double[] hw = new double[24];
    double s = 0;
    for (int h = 0; h < 24; h++) {
      s += HOUR_WEIGHTS[h];
      hw[h] = s;
    }
    hourCdf = hw;
    int slateSize = config.schedule().slateSize();
    positionPenalty = new double[slateSize];
    for (int p = 0; p < slateSize; p++) {
      positionPenalty[p] =
          config.click().positionBeta() * StrictMath.log(1.0 + p) / StrictMath.log(2.0);
    }
    deviceEffect = new double[DeviceType.values().length];
    deviceEffect[DeviceType.APP.ordinal()] = config.click().appEffect();
    deviceEffect[DeviceType.MOBILE_WEB.ordinal()] = config.click().mobileWebEffect();
    deviceEffect[DeviceType.DESKTOP.ordinal()] = 0.0;
    historyCap = config.schedule().maxHistoryLength();
    historyRing = new int[config.scale().numUsers() * historyCap];
    historyHead = new int[config.scale().numUsers()];
    historySize = new int[config.scale().numUsers()];
    slate = new int[slateSize];
    slateAffinity = new double[slateSize];
    slateScore = new double[slateSize];
    slateOrder = new int[slateSize];
    for (int d = -config.schedule().burnInDays(); d < 0; d++) {
      simulateDay(d);
    }
    LOG.info(
        "funnel simulator ready: {} users, {} items, {} categories, {} days after {} burn-in days"
            + " ({} ms)",
        config.scale().numUsers(),
        config.scale().numItems(),
        config.scale().numCategories(),
        config.schedule().numDays(),
        config.schedule().burnInDays(),
        (System.nanoTime() - start) / 1_000_000);
  }

  /** The configuration. */
  public FunnelSimulatorConfig config() {
    return config;
  }

  /** Whether {@link #nextDay()} has another day to return. */
  public boolean hasNextDay() {
    return nextDay < config.schedule().numDays();
  }

  /** The index of the day {@link #nextDay()} returns next. */
  public int nextDayIndex() {
    return nextDay;
  }

  /**
   * Simulates and returns the next day's logs, with ground truth.
   *
   * @throws NoSuchElementException after {@code numDays} days
   */
  public DayLogs nextDay() {
    if (!hasNextDay()) {
      throw new NoSuchElementException(
          "nextDay=" + nextDay + " must be < numDays=" + config.schedule().numDays());
    }
    int d = nextDay++;
    simulateDay(d);
    DayLogs logs = writeLogs(d);
    LOG.debug(
        "day {}: {} exposures, {} clicks, {} orders",
        d,
        logs.exposures().size(),
        logs.clicks().size(),
        logs.orders().size());
    return logs;
  }

  /** The remaining days as a single-use iterator over {@link #nextDay()}. */
  public Iterator<DayLogs> days() {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return hasNextDay();
      }

      @Override
      public DayLogs next() {
        return nextDay();
      }
    };
  }

  /**
   * The category of {@code itemId}.
   *
   * @throws IllegalArgumentException if {@code itemId} is not in {@code 0..numItems-1}
   */
  public int categoryOf(int itemId) {
    return world.itemCategory[Check.inRange("itemId", itemId, 0, config.scale().numItems() - 1)];
  }

  /**
   * The price bucket of {@code itemId}, in {@code 0..9}.
   *
   * @throws IllegalArgumentException if {@code itemId} is not in {@code 0..numItems-1}
   */
  public int priceBucketOf(int itemId) {
    return world.itemPriceBucket[Check.inRange("itemId", itemId, 0, config.scale().numItems() - 1)];
  }

  /**
   * The list price of {@code itemId}; an order's amount is a small multiple of it.
   *
   * @throws IllegalArgumentException if {@code itemId} is not in {@code 0..numItems-1}
   */
  public double priceOf(int itemId) {
    return world.itemPrice[Check.inRange("itemId", itemId, 0, config.scale().numItems() - 1)];
  }

  // ---------------------------------------------------------------- generation

  private void simulateDay(int d) {
    if (d > -config.schedule().burnInDays() && config.click().interestDriftPerDay() > 0) {
      world.drift(config.click().interestDriftPerDay(), config.seed(), d);
    }
    buf.clear();
    double meanRequests = config.schedule().meanRequestsPerUserPerDay();
    for (int u = 0; u < config.scale().numUsers(); u++) {
      int join = world.joinDay[u];
      if (d < join) {
        continue;
      }
      SplittableRandom r = new SplittableRandom(RandomDraws.streamSeed(config.seed(), d, u));
      int n = RandomDraws.poisson(r, meanRequests * world.activity[u]);
      if (n == 0) {
        continue;
      }
      int[] times = new int[n];
      for (int i = 0; i < n; i++) {
        times[i] = drawMillisOfDay(r);
      }
      Arrays.sort(times);
      UserSegment segment = d == join ? UserSegment.NEW : UserSegment.RETURNING;
      pendingCount = 0;
      for (int t : times) {
        flushPending(u, t);
        simulateRequest(u, t, segment, r);
      }
      flushPending(u, Integer.MAX_VALUE);
    }
  }

  private int drawMillisOfDay(SplittableRandom r) {
    int hour = RandomDraws.searchCdf(hourCdf, 0, 24, r.nextDouble() * hourCdf[23]);
    int span = hour == 23 ? LAST_HOUR_SPAN : HOUR_MILLIS;
    return hour * HOUR_MILLIS + (int) (r.nextDouble() * span);
  }

  private void simulateRequest(int u, int t, UserSegment segment, SplittableRandom r) {
    int len = historySize[u];
    int[] histItems = new int[len];
    int[] histCats = new int[len];
    int base = u * historyCap;
    for (int i = 0; i < len; i++) {
      int item = historyRing[base + (historyHead[u] + i) % historyCap];
      histItems[i] = item;
      histCats[i] = world.itemCategory[item];
    }
    DeviceType device = world.device(u, r);
    int request = buf.addRequest(u, t, device, segment, ClickHistory.of(histItems, histCats));
    fillSlate(u, histCats, r);

    int hour = t / HOUR_MILLIS;
    int numCategories = config.scale().numCategories();
    int window = config.click().recentInterestWindow();
    double contextEffect =
        config.click().clickBias()
            + deviceEffect[device.ordinal()]
            + (segment == UserSegment.NEW ? config.click().newUserEffect() : 0.0);
    double sensitivity = world.priceSensitivity[u];
    for (int pos = 0; pos < slate.length; pos++) {
      int j = slateOrder[pos];
      int item = slate[j];
      int c = world.itemCategory[item];
      int b = world.itemPriceBucket[item];
      double zStatic =
          contextEffect
              + world.itemPop[item]
              - config.click().priceClickSlope() * b / 9.0
              + slateAffinity[j]
              + world.userItem(u, item)
              - positionPenalty[pos]
              + world.hourCategory[hour * numCategories + c]
              + world.contextTriple[(device.ordinal() * 6 + hour / 4) * numCategories + c];
      boolean recent = false;
      for (int i = Math.max(0, len - window); i < len && !recent; i++) {
        recent = histCats[i] == c;
      }
      double pClick =
          RandomDraws.sigmoid(zStatic + (recent ? config.click().recentInterestBoost() : 0.0));
      double pStatic = recent ? RandomDraws.sigmoid(zStatic) : pClick;
      double pConv =
          RandomDraws.sigmoid(
              config.conversion().conversionBias()
                  + world.itemQuality[item]
                  - sensitivity * (b - 4.5) / 4.5);
      int e = buf.addExposure(request, item, pos, pClick, pConv, pStatic);
      if (r.nextDouble() < pClick) {
        int delay =
            MIN_CLICK_DELAY_MILLIS
                + (int)
                    Math.min(
                        RandomDraws.exponential(r, MEAN_CLICK_DELAY_MILLIS),
                        MAX_CLICK_DELAY_MILLIS - MIN_CLICK_DELAY_MILLIS);
        int clickMs = t + delay;
        buf.expClickMs[e] = clickMs;
        addPending(clickMs, e, item);
        if (r.nextDouble() < pConv) {
          int orderDelay =
              MIN_ORDER_DELAY_MILLIS
                  + (int)
                      Math.min(
                          RandomDraws.exponential(r, MEAN_ORDER_DELAY_MILLIS),
                          MAX_ORDER_DELAY_MILLIS - MIN_ORDER_DELAY_MILLIS);
          buf.expOrderMs[e] = clickMs + orderDelay;
          double x = r.nextDouble();
          int quantity = x < 0.85 ? 1 : x < 0.95 ? 2 : 3;
          buf.expAmount[e] = Math.round(world.itemPrice[item] * quantity * 100.0) / 100.0;
        }
      }
    }
  }

  /** Fills {@code slate} with distinct items and {@code slateOrder} with their ranking. */
  private void fillSlate(int u, int[] histCats, SplittableRandom r) {
    double popShare = config.ranker().popularShare();
    double affShare = popShare + config.ranker().affinityShare();
    double recentShare = affShare + config.ranker().recentShare();
    int top = config.ranker().topCategories();
    int numItems = config.scale().numItems();
    for (int s = 0; s < slate.length; s++) {
      int item = -1;
      for (int attempt = 0; attempt < MAX_SLATE_ATTEMPTS && item < 0; attempt++) {
        double x = r.nextDouble();
        int candidate;
        if (x < popShare) {
          candidate = world.samplePopular(r);
        } else if (x < affShare) {
          candidate = world.sampleInCategory(world.topCategories[u * top + r.nextInt(top)], r);
        } else if (x < recentShare) {
          candidate =
              histCats.length == 0
                  ? world.samplePopular(r)
                  : world.sampleInCategory(histCats[r.nextInt(histCats.length)], r);
        } else {
          candidate = r.nextInt(numItems);
        }
        if (!inSlate(candidate, s)) {
          item = candidate;
        }
      }
      if (item < 0) { // crowded corner: take the next free item id
        item = r.nextInt(numItems);
        while (inSlate(item, s)) {
          item = (item + 1) % numItems;
        }
      }
      slate[s] = item;
      slateAffinity[s] = world.affinity(u, world.itemCategory[item]);
      slateScore[s] =
          world.itemPop[item]
              + slateAffinity[s]
              + config.ranker().noiseSd() * RandomDraws.gaussian(r);
      slateOrder[s] = s;
    }
    // insertion sort of slateOrder by descending score; ties by slot
    for (int i = 1; i < slate.length; i++) {
      int v = slateOrder[i];
      int k = i - 1;
      while (k >= 0 && slateScore[slateOrder[k]] < slateScore[v]) {
        slateOrder[k + 1] = slateOrder[k];
        k--;
      }
      slateOrder[k + 1] = v;
    }
  }

  private boolean inSlate(int item, int filled) {
    for (int i = 0; i < filled; i++) {
      if (slate[i] == item) {
        return true;
      }
    }
    return false;
  }

  private void addPending(int clickMs, int row, int item) {
    if (pendingCount == pendingKey.length) {
      pendingKey = Arrays.copyOf(pendingKey, pendingCount * 2);
      pendingItem = Arrays.copyOf(pendingItem, pendingCount * 2);
    }
    long key = ((long) clickMs << 32) | row;
    int i = pendingCount++;
    while (i > 0 && pendingKey[i - 1] > key) { // keep sorted by (time, row)
      pendingKey[i] = pendingKey[i - 1];
      pendingItem[i] = pendingItem[i - 1];
      i--;
    }
    pendingKey[i] = key;
    pendingItem[i] = item;
  }

  /** Moves pending clicks with time strictly before {@code t} into the user's history. */
  private void flushPending(int u, int t) {
    int moved = 0;
    while (moved < pendingCount && (int) (pendingKey[moved] >>> 32) < t) {
      int base = u * historyCap;
      if (historySize[u] < historyCap) {
        historyRing[base + (historyHead[u] + historySize[u]) % historyCap] = pendingItem[moved];
        historySize[u]++;
      } else {
        historyRing[base + historyHead[u]] = pendingItem[moved];
        historyHead[u] = (historyHead[u] + 1) % historyCap;
      }
      moved++;
    }
    if (moved > 0) {
      System.arraycopy(pendingKey, moved, pendingKey, 0, pendingCount - moved);
      System.arraycopy(pendingItem, moved, pendingItem, 0, pendingCount - moved);
      pendingCount -= moved;
    }
  }

  // ---------------------------------------------------------------- log writing

  private DayLogs writeLogs(int d) {
    int n = buf.numExposures;
    int numRequests = buf.numRequests;
    int slateSize = config.schedule().slateSize();
    // Sort requests (not rows) by time: a request's rows are contiguous, rows q*S .. q*S+S-1.
    long[] keys = new long[numRequests];
    for (int q = 0; q < numRequests; q++) {
      keys[q] = ((long) buf.reqMs[q] << 32) | q;
    }
    Arrays.sort(keys);
    long dayStart = config.schedule().startEpochMillis() + d * FunnelSimulatorConfig.DAY_MILLIS;
    long base = nextTraceId;
    List<Exposure> exposures = new ArrayList<>(n);
    List<Truth> truths = new ArrayList<>(n);
    List<Click> clicks = new ArrayList<>();
    List<Order> orders = new ArrayList<>();
    SplittableRandom dirt =
        new SplittableRandom(RandomDraws.streamSeed(config.seed(), d, DIRT_STREAM));
    long traceId = base;
    long orphanId = base + n;
    for (long key : keys) {
      int q = (int) key;
      int ms = buf.reqMs[q];
      int user = buf.reqUser[q];
      DeviceType device = buf.reqDevice[q];
      UserSegment segment = buf.reqSegment[q];
      ClickHistory history = buf.reqHistory[q];
      for (int e = q * slateSize; e < (q + 1) * slateSize; e++, traceId++) {
        int item = buf.expItem[e];
        exposures.add(
            new Exposure(
                traceId,
                dayStart + ms,
                d,
                user,
                item,
                world.itemCategory[item],
                world.itemPriceBucket[item],
                buf.expPosition[e],
                ms / HOUR_MILLIS,
                device,
                segment,
                history));
        truths.add(new Truth(traceId, buf.expPClick[e], buf.expPConv[e], buf.expPStatic[e]));
        if (buf.expClickMs[e] >= 0) {
          long clickTime = dayStart + buf.expClickMs[e];
          clicks.add(new Click(traceId, clickTime));
          if (dirt.nextDouble() < config.dirt().duplicateClickRate()) {
            clicks.add(
                new Click(traceId, clickTime + dirt.nextInt(MAX_DUPLICATE_DELAY_MILLIS + 1)));
          }
          if (dirt.nextDouble() < config.dirt().orphanClickRate()) {
            clicks.add(
                new Click(orphanId++, dayStart + dirt.nextLong(FunnelSimulatorConfig.DAY_MILLIS)));
          }
        }
        if (buf.expOrderMs[e] >= 0) {
          long orderTime = dayStart + buf.expOrderMs[e];
          double amount = buf.expAmount[e];
          orders.add(new Order(traceId, orderTime, amount));
          if (dirt.nextDouble() < config.dirt().duplicateOrderRate()) {
            orders.add(
                new Order(
                    traceId, orderTime + dirt.nextInt(MAX_DUPLICATE_DELAY_MILLIS + 1), amount));
          }
          if (dirt.nextDouble() < config.dirt().orphanOrderRate()) {
            orders.add(
                new Order(
                    orphanId++,
                    dayStart + dirt.nextLong(FunnelSimulatorConfig.DAY_MILLIS),
                    Math.round(amount * (0.5 + dirt.nextDouble()) * 100.0) / 100.0));
          }
        }
      }
    }
    nextTraceId = orphanId;
    clicks.sort(Comparator.comparingLong(Click::timestampMillis).thenComparingLong(Click::traceId));
    orders.sort(Comparator.comparingLong(Order::timestampMillis).thenComparingLong(Order::traceId));
    return new DayLogs(d, exposures, clicks, orders, truths);
  }
}
