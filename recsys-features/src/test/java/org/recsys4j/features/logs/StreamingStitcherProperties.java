package org.recsys4j.features.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recsys4j.features.logs.LogFixtures.T0;
import static org.recsys4j.features.logs.LogFixtures.exposureAt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/**
 * Properties of {@link LogStitcher} and {@link StreamingStitcher} over generated multi-day logs.
 *
 * <p>Days are {@value #DAY_MS} ms long so that windows of a few hundred ms cross day boundaries
 * often. Exposures get trace ids 1..n; click and order rows target an exposure (offset from its
 * timestamp, possibly negative, possibly past every window) or an orphan id. Rows go to the log of
 * the day their timestamp falls in (event-time partitioning), never before their exposure's day and
 * never after the last day: the arrival conditions under which streaming equals one-shot.
 */
@PropertyDefaults(tries = 300)
class StreamingStitcherProperties {
  private static final long DAY_MS = 1_000;
  private static final long ORPHAN_ID = 1_000_000;

  /** An exposure on {@code day} at {@code offset} ms into the day. */
  record ExposureSpec(int day, int offset) {}

  /**
   * A click or order row: for exposure {@code target} (orphan if out of range) at {@code offset} ms
   * from its timestamp (or into the orphan day), repeated {@code copies} times in a row.
   */
  record RowSpec(int target, int offset, int copies) {}

  /** A generated case. */
  record Scenario(
      StitchConfig config,
      int numDays,
      List<ExposureSpec> exposures,
      List<RowSpec> clicks,
      List<RowSpec> orders) {}

  @Provide
  Arbitrary<Scenario> scenarios() {
    Arbitrary<Duration> clickWindow = window(600);
    Arbitrary<Duration> orderWindow = window(1_500);
    Arbitrary<StitchConfig> configs =
        Combinators.combine(
                clickWindow,
                orderWindow,
                Arbitraries.integers().between(0, 50),
                Arbitraries.of(StitchConfig.OrderAnchor.class),
                Arbitraries.of(StitchConfig.DuplicatePolicy.class))
            .as(
                (cw, ow, skew, anchor, policy) ->
                    StitchConfig.builder()
                        .clickWindow(cw)
                        .orderWindow(ow)
                        .maxClockSkew(Duration.ofMillis(skew))
                        .orderAnchor(anchor)
                        .duplicatePolicy(policy)
                        .lateRetention(StitchConfig.UNBOUNDED)
                        .build());
    return Arbitraries.integers()
        .between(1, 4)
        .flatMap(
            numDays -> {
              Arbitrary<List<ExposureSpec>> exposures =
                  Combinators.combine(
                          Arbitraries.integers().between(0, numDays - 1),
                          Arbitraries.integers().between(0, (int) DAY_MS - 1))
                      .as(ExposureSpec::new)
                      .list()
                      .ofMaxSize(12);
              Arbitrary<List<RowSpec>> rows =
                  Combinators.combine(
                          Arbitraries.integers().between(0, 14),
                          Arbitraries.integers().between(-100, 3_000),
                          Arbitraries.integers()
                              .between(1, 3)
                              .withDistribution(RandomDistribution.biased()))
                      .as(RowSpec::new)
                      .list()
                      .ofMaxSize(20);
              return Combinators.combine(configs, exposures, rows, rows)
                  .as((c, e, cl, or) -> new Scenario(c, numDays, e, cl, or));
            });
  }

  private static Arbitrary<Duration> window(int maxMillis) {
    return Arbitraries.frequencyOf(
        Tuple.of(8, Arbitraries.integers().between(0, maxMillis).map(m -> Duration.ofMillis(m))),
        Tuple.of(1, Arbitraries.just(StitchConfig.UNBOUNDED)));
  }

  /** The logs of a scenario, one {@link DayLogs} per day. */
  private static List<DayLogs> days(Scenario s) {
    int n = s.exposures().size();
    List<List<Exposure>> exposures = new ArrayList<>();
    List<List<Click>> clicks = new ArrayList<>();
    List<List<Order>> orders = new ArrayList<>();
    for (int d = 0; d < s.numDays(); d++) {
      exposures.add(new ArrayList<>());
      clicks.add(new ArrayList<>());
      orders.add(new ArrayList<>());
    }
    List<Exposure> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ExposureSpec e = s.exposures().get(i);
      Exposure x = exposureAt(i + 1, e.day(), T0 + e.day() * DAY_MS + e.offset());
      exposures.get(e.day()).add(x);
      all.add(x);
    }
    long orphan = ORPHAN_ID;
    for (int kind = 0; kind < 2; kind++) {
      for (RowSpec r : kind == 0 ? s.clicks() : s.orders()) {
        long traceId;
        long ts;
        int minDay;
        if (r.target() < n) {
          Exposure x = all.get(r.target());
          traceId = x.traceId();
          ts = x.timestampMillis() + r.offset();
          minDay = x.day();
        } else {
          traceId = orphan++;
          ts = T0 + Math.floorMod(r.offset(), s.numDays() * DAY_MS);
          minDay = 0;
        }
        int day = (int) Math.floorDiv(ts - T0, DAY_MS);
        day = Math.max(minDay, Math.min(s.numDays() - 1, day));
        for (int c = 0; c < r.copies(); c++) {
          if (kind == 0) {
            clicks.get(day).add(new Click(traceId, ts));
          } else {
            orders.get(day).add(new Order(traceId, ts, 1.0));
          }
        }
      }
    }
    List<DayLogs> out = new ArrayList<>();
    for (int d = 0; d < s.numDays(); d++) {
      out.add(DayLogs.of(d, exposures.get(d), clicks.get(d), orders.get(d)));
    }
    return out;
  }

  private static <T> List<T> concat(List<DayLogs> days, Function<DayLogs, List<T>> f) {
    List<T> out = new ArrayList<>();
    days.forEach(d -> out.addAll(f.apply(d)));
    return out;
  }

  @Property
  void streamingOverDaysEqualsOneShotOverAllLogs(@ForAll("scenarios") Scenario s) {
    List<DayLogs> days = days(s);
    StitchResult oneShot =
        LogStitcher.stitch(
            concat(days, DayLogs::exposures),
            concat(days, DayLogs::clicks),
            concat(days, DayLogs::orders),
            s.config());

    StreamingStitcher streaming = new StreamingStitcher(s.config());
    List<LabeledSample> streamed = new ArrayList<>();
    StitchReport sum = StitchReport.empty();
    for (DayLogs d : days) {
      StitchResult r = streaming.accept(d);
      streamed.addAll(r.samples());
      sum = sum.plus(r.report());
      assertTrue(
          r.samples().stream()
              .allMatch(
                  x ->
                      s.config().closeMillis(x.exposure().timestampMillis())
                          < streaming.watermarkMillis()),
          "only closed windows are emitted");
    }
    StitchResult last = streaming.finish();
    streamed.addAll(last.samples());
    sum = sum.plus(last.report());

    assertEquals(sum, streaming.total(), "flush reports add up to the total");
    assertEquals(oneShot.report(), streaming.total());
    assertEquals(byTraceId(oneShot.samples()), byTraceId(streamed), "same samples");
  }

  private static List<LabeledSample> byTraceId(List<LabeledSample> samples) {
    List<LabeledSample> sorted = new ArrayList<>(samples);
    sorted.sort(Comparator.comparingLong(LabeledSample::traceId));
    return sorted;
  }

  @Property
  void everyExposureOnceAndEveryRowCounted(
      @ForAll("scenarios") Scenario s, @ForAll("retentions") Duration retention) {
    List<DayLogs> days = days(s);
    StreamingStitcher streaming =
        new StreamingStitcher(s.config().toBuilder().lateRetention(retention).build());
    List<LabeledSample> streamed = new ArrayList<>();
    for (DayLogs d : days) {
      streamed.addAll(streaming.accept(d).samples());
    }
    streamed.addAll(streaming.finish().samples());
    StitchResult oneShot =
        LogStitcher.stitch(
            concat(days, DayLogs::exposures),
            concat(days, DayLogs::clicks),
            concat(days, DayLogs::orders),
            s.config());

    for (List<LabeledSample> samples : List.of(streamed, oneShot.samples())) {
      Map<Long, Integer> seen = new HashMap<>();
      samples.forEach(x -> seen.merge(x.traceId(), 1, Integer::sum));
      assertEquals(s.exposures().size(), samples.size());
      assertTrue(seen.values().stream().allMatch(c -> c == 1), "each exposure exactly once");
      assertTrue(samples.stream().noneMatch(x -> x.conversion() && !x.click()));
    }
    long clickRows = days.stream().mapToLong(d -> d.clicks().size()).sum();
    long orderRows = days.stream().mapToLong(d -> d.orders().size()).sum();
    for (StitchReport r : List.of(streaming.total(), oneShot.report())) {
      assertEquals(clickRows, r.clickRows(), "attributed + duplicate + orphan + late + skewed");
      assertEquals(orderRows, r.orderRows());
      assertEquals(s.exposures().size(), r.exposures());
    }
    StitchReport r = oneShot.report();
    assertEquals(oneShot.samples().stream().filter(LabeledSample::click).count(), r.clicks());
    assertEquals(
        oneShot.samples().stream().filter(LabeledSample::conversion).count(), r.conversions());
    // a short retention only turns late or skewed rows into orphans
    StitchReport t = streaming.total();
    assertEquals(r.clicks(), t.clicks());
    assertEquals(r.duplicateClicks(), t.duplicateClicks());
    assertEquals(r.orders(), t.orders());
    assertEquals(r.ordersWithoutClick(), t.ordersWithoutClick());
    assertEquals(
        r.orphanClicks() + r.lateClicks() + r.skewedClicks(),
        t.orphanClicks() + t.lateClicks() + t.skewedClicks());
  }

  @Provide
  Arbitrary<Duration> retentions() {
    return Arbitraries.integers().between(0, 3_000).map(m -> Duration.ofMillis(m));
  }
}
