package org.recsys4j.features.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recsys4j.features.logs.LogFixtures.T0;
import static org.recsys4j.features.logs.LogFixtures.exposure;

import java.util.List;
import org.junit.jupiter.api.Test;

class LogStitcherTest {
  private final List<Exposure> exposures =
      List.of(exposure(10, 0), exposure(11, 0), exposure(12, 0), exposure(13, 0));
  private final List<Click> clicks =
      List.of(
          new Click(10, T0 + 100),
          new Click(12, T0 + 150),
          new Click(10, T0 + 160), // duplicate of 10
          new Click(99, T0 + 170), // orphan
          new Click(99, T0 + 180)); // the same orphan again: counted per row
  private final List<Order> orders =
      List.of(
          new Order(10, T0 + 500, 25.0), // conversion
          new Order(11, T0 + 510, 9.5), // order on an exposure without a click
          new Order(10, T0 + 520, 25.0), // duplicate order
          new Order(77, T0 + 530, 3.0)); // orphan order

  @Test
  void countsDuplicatesOrphansAndOrdersWithoutClick() {
    StitchResult r = LogStitcher.stitch(exposures, clicks, orders);
    assertEquals(new StitchReport(4, 2, 1, 2, 2, 1, 1, 1), r.report());
    assertEquals(clicks.size(), r.report().clickRows());
    assertEquals(orders.size(), r.report().orderRows());
    assertEquals(1, r.report().conversions());

    List<LabeledSample> s = r.samples();
    assertEquals(4, s.size());
    assertEquals(List.of(10L, 11L, 12L, 13L), s.stream().map(LabeledSample::traceId).toList());
    assertTrue(s.get(0).click() && s.get(0).conversion(), "10: clicked and ordered");
    assertFalse(s.get(1).click() || s.get(1).conversion(), "11: order without click");
    assertTrue(s.get(2).click() && !s.get(2).conversion(), "12: clicked only");
    assertFalse(s.get(3).click() || s.get(3).conversion(), "13: nothing");
    assertTrue(s.stream().allMatch(x -> x.truth().isEmpty()));
    assertSame(exposures.get(2), s.get(2).exposure());
  }

  @Test
  void attachesTruthFromDayLogsAndKeepsExposureOrder() {
    List<Exposure> unsorted = List.of(exposure(12, 1), exposure(10, 1), exposure(11, 1));
    List<Truth> truths =
        List.of(
            new Truth(12, 0.3, 0.1, 0.2),
            new Truth(10, 0.5, 0.2, 0.5),
            new Truth(11, 0.1, 0.4, 0.1));
    DayLogs day = new DayLogs(1, unsorted, List.of(new Click(11, T0)), List.of(), truths);
    StitchResult r = LogStitcher.stitch(day);
    assertEquals(List.of(12L, 10L, 11L), r.samples().stream().map(LabeledSample::traceId).toList());
    assertEquals(truths.get(1), r.samples().get(1).truth().orElseThrow());
    assertEquals(
        List.of(false, false, true), r.samples().stream().map(LabeledSample::click).toList());
    assertEquals(new StitchReport(3, 1, 0, 0, 0, 0, 0, 0), r.report());
  }

  @Test
  void emptyLogsGiveAnEmptyReport() {
    StitchResult r = LogStitcher.stitch(List.of(), List.of(new Click(1, T0)), List.of());
    assertEquals(new StitchReport(0, 0, 0, 1, 0, 0, 0, 0), r.report());
    assertTrue(r.samples().isEmpty());
  }

  @Test
  void rejectsRepeatedExposureTraceIds() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                LogStitcher.stitch(
                    List.of(exposure(10, 0), exposure(10, 0)), List.of(), List.of()));
    assertEquals("exposures[1].traceId=10 must be unique but repeats exposures[0]", e.getMessage());
  }

  @Test
  void reportsAddUpAcrossDays() {
    StitchReport a = new StitchReport(4, 2, 1, 2, 2, 1, 1, 1);
    StitchReport b = new StitchReport(10, 3, 0, 0, 1, 0, 0, 0);
    assertEquals(new StitchReport(14, 5, 1, 2, 3, 1, 1, 1), a.plus(b));
    assertEquals(a, StitchReport.empty().plus(a));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new StitchReport(1, 0, 0, 0, 1, 0, 0, 2));
    assertEquals("stitchReport.ordersWithoutClick=2 must be <= orders=1", e.getMessage());
  }
}
