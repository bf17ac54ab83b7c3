package org.recsys4j.features.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recsys4j.features.logs.LogFixtures.DAY;
import static org.recsys4j.features.logs.LogFixtures.MINUTE;
import static org.recsys4j.features.logs.LogFixtures.T0;
import static org.recsys4j.features.logs.LogFixtures.exposureAt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.recsys4j.features.sim.FunnelSimulator;
import org.recsys4j.features.sim.FunnelSimulatorConfig;

/**
 * Hand-written cases for {@link StreamingStitcher}. Report arguments are in the order of {@link
 * StitchReport}: exposures, clicks, duplicateClicks, orphanClicks, orders, duplicateOrders,
 * orphanOrders, ordersWithoutClick, lateClicks, skewedClicks, lateOrders, skewedOrders.
 */
class StreamingStitcherTest {
  private static final long DAY1 = T0 + DAY;
  private static final long DAY2 = T0 + 2 * DAY;
  private static final long DAY3 = T0 + 3 * DAY;

  /** Clicks within 30 min, orders within 1 h of the click: windows close 90 min after exposure. */
  private static final StitchConfig SHORT =
      StitchConfig.builder().orderWindow(Duration.ofHours(1)).build();

  @Test
  void carriesOpenExposuresAcrossMidnight() {
    Exposure lateEvening = exposureAt(1, 0, DAY1 - 5 * MINUTE); // 23:55 on day 0
    Exposure earlyEvening = exposureAt(2, 0, DAY1 - 65 * MINUTE); // 22:55 on day 0
    DayLogs day0 = DayLogs.of(0, List.of(earlyEvening, lateEvening), List.of(), List.of());
    DayLogs day1 =
        DayLogs.of(
            1,
            List.of(exposureAt(3, 1, DAY1 + 12 * 60 * MINUTE)),
            List.of(new Click(1, DAY1 + 5 * MINUTE), new Click(2, DAY1 + 5 * MINUTE)),
            List.of(new Order(1, DAY1 + 20 * MINUTE, 9.0)));

    StreamingStitcher s = new StreamingStitcher(SHORT);
    StitchResult r0 = s.accept(day0);
    assertEquals(List.of(), r0.samples(), "both windows still open at the end of day 0");
    assertEquals(2, s.openExposures());

    StitchResult r1 = s.accept(day1);
    assertEquals(List.of(2L, 1L), r1.samples().stream().map(LabeledSample::traceId).toList());
    LabeledSample outOfWindow = r1.samples().get(0);
    LabeledSample acrossMidnight = r1.samples().get(1);
    assertTrue(acrossMidnight.click() && acrossMidnight.conversion(), "10 min after: attributed");
    assertTrue(!outOfWindow.click() && !outOfWindow.conversion(), "70 min after: late");
    assertEquals(new StitchReport(2, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0), r1.report());
    assertEquals(1, s.openExposures(), "exposure 3 of day 1 is still open");

    StitchResult end = s.finish();
    assertEquals(List.of(3L), end.samples().stream().map(LabeledSample::traceId).toList());
    assertEquals(new StitchReport(3, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0), s.total());

    // day by day, the one-shot stitcher cannot see across midnight
    StitchReport perDay =
        LogStitcher.stitch(day0, SHORT).report().plus(LogStitcher.stitch(day1, SHORT).report());
    assertEquals(new StitchReport(3, 0, 0, 2, 0, 0, 1, 0, 0, 0, 0, 0), perDay);
    // over the concatenated logs it agrees with the streaming stitcher
    List<Exposure> all = new ArrayList<>(day0.exposures());
    all.addAll(day1.exposures());
    assertEquals(s.total(), LogStitcher.stitch(all, day1.clicks(), day1.orders(), SHORT).report());
  }

  @Test
  void rowsForEmittedExposuresAreLateOrSkewedWithinTheRetentionThenOrphans() {
    StitchConfig config = SHORT.toBuilder().lateRetention(Duration.ofDays(1)).build();
    StreamingStitcher s = new StreamingStitcher(config);
    s.accept(DayLogs.of(0, List.of(exposureAt(1, 0, T0 + MINUTE)), List.of(), List.of()));
    StitchResult r1 =
        s.accept(DayLogs.of(1, List.of(exposureAt(2, 1, DAY1 + MINUTE)), List.of(), List.of()));
    assertEquals(List.of(1L), r1.samples().stream().map(LabeledSample::traceId).toList());
    assertEquals(1, s.rememberedTraceIds());

    StitchResult r2 =
        s.accept(
            DayLogs.of(
                2,
                List.of(exposureAt(3, 2, DAY2 + MINUTE)),
                List.of(new Click(1, DAY1 + 2 * MINUTE), new Click(1, T0)),
                List.of(new Order(1, DAY1 + 3 * MINUTE, 1.0))));
    // exposure 1 closed at T0+91min and is remembered until T0+1d+91min; the watermark of
    // day 2 (DAY2+1min) drops it only after this day's rows were matched
    assertEquals(new StitchReport(1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0), r2.report());
    assertEquals(1, s.rememberedTraceIds(), "only exposure 2 is still remembered");

    StitchResult r3 =
        s.accept(
            DayLogs.of(3, List.of(exposureAt(4, 3, DAY3)), List.of(new Click(1, DAY3)), List.of()));
    assertEquals(new StitchReport(1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0), r3.report());
  }

  @Test
  void memoryIsBoundedByTheOpenWindow() {
    StreamingStitcher s = new StreamingStitcher(SHORT);
    long id = 1;
    for (int d = 0; d < 20; d++) {
      List<Exposure> exposures = new ArrayList<>();
      for (int m = 0; m < 24 * 60; m += 10) {
        exposures.add(exposureAt(id++, d, T0 + d * DAY + m * MINUTE));
      }
      s.accept(DayLogs.of(d, exposures, List.of(), List.of()));
      // open: exposures of the last 90 min (10 of them); remembered: the last day and 90 min
      assertTrue(s.openExposures() <= 10, "open=" + s.openExposures());
      assertTrue(s.rememberedTraceIds() <= 6 * 24 + 10, "remembered=" + s.rememberedTraceIds());
    }
    s.finish();
    assertEquals(20 * 6 * 24, s.total().exposures());
  }

  @Test
  void rejectsBadInputWithoutChangingState() {
    StreamingStitcher s = new StreamingStitcher(SHORT);
    s.accept(DayLogs.of(0, List.of(exposureAt(1, 0, T0)), List.of(), List.of()));
    IllegalArgumentException repeat =
        assertThrows(
            IllegalArgumentException.class,
            () -> s.accept(DayLogs.of(1, List.of(exposureAt(1, 1, DAY1)), List.of(), List.of())));
    assertEquals(
        "dayLogs[day=1].exposures[0].traceId=1 must be unique but repeats an exposure of an"
            + " earlier day",
        repeat.getMessage());
    IllegalArgumentException within =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                s.accept(
                    DayLogs.of(
                        1,
                        List.of(exposureAt(5, 1, DAY1), exposureAt(5, 1, DAY1)),
                        List.of(),
                        List.of())));
    assertEquals(
        "exposures[1].traceId=5 must be unique but repeats exposures[0]", within.getMessage());
    IllegalArgumentException day =
        assertThrows(
            IllegalArgumentException.class,
            () -> s.accept(DayLogs.of(0, List.of(), List.of(), List.of())));
    assertEquals("dayLogs.day=0 must be > previous day=0", day.getMessage());
    assertEquals(1, s.openExposures());

    s.finish();
    assertThrows(
        IllegalStateException.class,
        () -> s.accept(DayLogs.of(1, List.of(), List.of(), List.of())));
    assertEquals(new StitchResult(List.of(), StitchReport.empty()), s.finish());
  }

  @Test
  void defaultsReproduceTheUntimedStitchOnSimulatedLogs() {
    FunnelSimulatorConfig config =
        FunnelSimulatorConfig.builder()
            .seed(5)
            .numUsers(300)
            .numItems(400)
            .numCategories(10)
            .numDays(3)
            .build();
    FunnelSimulator sim = new FunnelSimulator(config);
    StreamingStitcher streaming = new StreamingStitcher(StitchConfig.defaults());
    List<LabeledSample> perDay = new ArrayList<>();
    List<LabeledSample> streamed = new ArrayList<>();
    StitchReport perDayReport = StitchReport.empty();
    while (sim.hasNextDay()) {
      DayLogs day = sim.nextDay();
      StitchResult untimed = LogStitcher.stitch(day);
      assertEquals(untimed, LogStitcher.stitch(day, StitchConfig.defaults()), "day " + day.day());
      perDay.addAll(untimed.samples());
      perDayReport = perDayReport.plus(untimed.report());
      streamed.addAll(streaming.accept(day).samples());
    }
    streamed.addAll(streaming.finish().samples());
    assertTrue(perDayReport.clicks() > 0 && perDayReport.conversions() > 0, "a non-trivial run");
    assertEquals(perDayReport, streaming.total());
    assertEquals(perDay, streamed);
  }
}
