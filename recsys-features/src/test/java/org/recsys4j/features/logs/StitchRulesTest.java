package org.recsys4j.features.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.recsys4j.features.logs.LogFixtures.DAY;
import static org.recsys4j.features.logs.LogFixtures.MINUTE;
import static org.recsys4j.features.logs.LogFixtures.T0;
import static org.recsys4j.features.logs.LogFixtures.exposureAt;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One hand-written case per attribution rule, under {@link StitchConfig#defaults()} (clicks within
 * 30 min, orders within 24 h of the click, no skew) unless stated. Report arguments are in the
 * order of {@link StitchReport}: exposures, clicks, duplicateClicks, orphanClicks, orders,
 * duplicateOrders, orphanOrders, ordersWithoutClick, lateClicks, skewedClicks, lateOrders,
 * skewedOrders.
 */
class StitchRulesTest {
  private static final long TE = T0 + 10 * 3_600_000L; // 10:00 on day 0
  private static final StitchConfig DEFAULTS = StitchConfig.defaults();

  private static StitchResult stitchOne(
      List<Click> clicks, List<Order> orders, StitchConfig config) {
    return LogStitcher.stitch(List.of(exposureAt(1, 0, TE)), clicks, orders, config);
  }

  private static List<Boolean> labels(StitchResult r) {
    LabeledSample s = r.samples().get(0);
    return List.of(s.click(), s.conversion());
  }

  @Test
  void duplicatesAreCollapsedAndCounted() {
    StitchResult r =
        stitchOne(
            List.of(new Click(1, TE + 1_000), new Click(1, TE + 3_000)),
            List.of(new Order(1, TE + 60_000, 5.0), new Order(1, TE + 65_000, 5.0)),
            DEFAULTS);
    assertEquals(new StitchReport(1, 1, 1, 0, 1, 1, 0, 0, 0, 0, 0, 0), r.report());
    assertEquals(List.of(true, true), labels(r));
  }

  @Test
  void orphansAreCountedPerRowAndGiveNoSample() {
    StitchResult r =
        stitchOne(
            List.of(new Click(99, TE + 1_000), new Click(99, TE + 2_000)),
            List.of(new Order(98, TE + 60_000, 5.0)),
            DEFAULTS);
    assertEquals(new StitchReport(1, 0, 0, 2, 0, 0, 1, 0, 0, 0, 0, 0), r.report());
    assertEquals(1, r.samples().size());
    assertEquals(List.of(false, false), labels(r));
  }

  @Test
  void aClickAfterTheWindowIsLateAndNotAPositive() {
    StitchResult r = stitchOne(List.of(new Click(1, TE + 30 * MINUTE + 1)), List.of(), DEFAULTS);
    assertEquals(new StitchReport(1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0), r.report());
    assertEquals(List.of(false, false), labels(r));
  }

  @Test
  void windowsAreClosedIntervals() {
    StitchResult r =
        stitchOne(
            List.of(new Click(1, TE + 30 * MINUTE)),
            List.of(new Order(1, TE + 30 * MINUTE + DAY, 5.0)),
            DEFAULTS);
    assertEquals(new StitchReport(1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0), r.report());
    assertEquals(List.of(true, true), labels(r));
  }

  @Test
  void anOrderAfterItsWindowIsLateAndNotAConversion() {
    StitchResult r =
        stitchOne(
            List.of(new Click(1, TE + MINUTE)),
            List.of(new Order(1, TE + MINUTE + DAY + 1, 5.0)),
            DEFAULTS);
    assertEquals(new StitchReport(1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0), r.report());
    assertEquals(List.of(true, false), labels(r));
  }

  @Test
  void aLateRepeatOfAnAttributedClickIsLateNotDuplicate() {
    StitchResult r =
        stitchOne(
            List.of(new Click(1, TE + MINUTE), new Click(1, TE + 31 * MINUTE)),
            List.of(),
            DEFAULTS);
    assertEquals(new StitchReport(1, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0), r.report());
  }

  @Test
  void orderWindowFromTheExposure() {
    StitchConfig fromExposure =
        StitchConfig.builder()
            .orderAnchor(StitchConfig.OrderAnchor.EXPOSURE)
            .orderWindow(Duration.ofHours(1))
            .build();
    List<Click> click = List.of(new Click(1, TE + 20 * MINUTE));
    StitchResult late =
        stitchOne(click, List.of(new Order(1, TE + 61 * MINUTE, 5.0)), fromExposure);
    assertEquals(new StitchReport(1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0), late.report());
    StitchResult inTime =
        stitchOne(click, List.of(new Order(1, TE + 60 * MINUTE, 5.0)), fromExposure);
    assertEquals(List.of(true, true), labels(inTime));
    // the same order is in time when measured from the click (default anchor)
    StitchResult fromClick =
        stitchOne(click, List.of(new Order(1, TE + 61 * MINUTE, 5.0)), DEFAULTS);
    assertEquals(List.of(true, true), labels(fromClick));
  }

  @Test
  void anOrderWithoutClickIsCountedAndNotAConversion() {
    StitchResult r = stitchOne(List.of(), List.of(new Order(1, TE + 10 * MINUTE, 5.0)), DEFAULTS);
    assertEquals(new StitchReport(1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0), r.report());
    assertEquals(0, r.report().conversions());
    assertEquals(List.of(false, false), labels(r));
  }

  @Test
  void anOrderWhoseClickWasLateIsAnOrderWithoutClick() {
    StitchResult r =
        stitchOne(
            List.of(new Click(1, TE + 31 * MINUTE)),
            List.of(new Order(1, TE + 32 * MINUTE, 5.0)),
            DEFAULTS);
    assertEquals(new StitchReport(1, 0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 0), r.report());
    assertEquals(List.of(false, false), labels(r));
  }

  @Test
  void rowsBeforeTheirAnchorAreClockSkew() {
    StitchResult click = stitchOne(List.of(new Click(1, TE - 1)), List.of(), DEFAULTS);
    assertEquals(new StitchReport(1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0), click.report());
    assertEquals(List.of(false, false), labels(click));

    // an order before the click it would convert, and one before the exposure
    StitchResult order =
        stitchOne(
            List.of(new Click(1, TE + 10_000)),
            List.of(new Order(1, TE + 5_000, 5.0), new Order(1, TE - 5_000, 5.0)),
            DEFAULTS);
    assertEquals(new StitchReport(1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2), order.report());
    assertEquals(List.of(true, false), labels(order));
  }

  @Test
  void toleratedSkewIsAttributed() {
    StitchConfig tolerant = StitchConfig.builder().maxClockSkew(Duration.ofMillis(5)).build();
    StitchResult r =
        stitchOne(List.of(new Click(1, TE - 5)), List.of(new Order(1, TE - 10, 5.0)), tolerant);
    assertEquals(new StitchReport(1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0), r.report());
    assertEquals(List.of(true, true), labels(r));
    StitchResult beyond = stitchOne(List.of(new Click(1, TE - 6)), List.of(), tolerant);
    assertEquals(new StitchReport(1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0), beyond.report());
  }

  @Test
  void duplicatePolicyChoosesTheClickThatAnchorsTheOrder() {
    // clicks logged out of time order; order window 5 min from the click
    List<Click> clicks = List.of(new Click(1, TE + 10 * MINUTE), new Click(1, TE + MINUTE));
    List<Order> orders = List.of(new Order(1, TE + 5 * MINUTE, 5.0));
    StitchConfig first = StitchConfig.builder().orderWindow(Duration.ofMinutes(5)).build();
    StitchConfig earliest =
        first.toBuilder().duplicatePolicy(StitchConfig.DuplicatePolicy.KEEP_EARLIEST).build();

    StitchResult keepFirst = stitchOne(clicks, orders, first);
    assertEquals(new StitchReport(1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1), keepFirst.report());
    assertEquals(List.of(true, false), labels(keepFirst));

    StitchResult keepEarliest = stitchOne(clicks, orders, earliest);
    assertEquals(new StitchReport(1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0), keepEarliest.report());
    assertEquals(List.of(true, true), labels(keepEarliest));
  }

  @Test
  void untimedIgnoresTimestamps() {
    StitchResult r =
        stitchOne(
            List.of(new Click(1, TE - DAY)),
            List.of(new Order(1, TE + 30 * DAY, 5.0)),
            StitchConfig.untimed());
    assertEquals(new StitchReport(1, 1, 0, 0, 1, 0, 0, 0), r.report());
    assertEquals(
        r,
        LogStitcher.stitch(
            List.of(exposureAt(1, 0, TE)),
            List.of(new Click(1, TE - DAY)),
            List.of(new Order(1, TE + 30 * DAY, 5.0))));
  }
}
