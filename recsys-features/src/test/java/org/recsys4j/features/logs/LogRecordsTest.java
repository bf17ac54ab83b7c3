package org.recsys4j.features.logs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recsys4j.features.logs.LogFixtures.exposure;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class LogRecordsTest {
  private static String failure(Executable e) {
    return assertThrows(IllegalArgumentException.class, e).getMessage();
  }

  @Test
  void clickHistoryIsAnImmutableValue() {
    int[] items = {4, 8, 15};
    int[] cats = {1, 2, 1};
    ClickHistory h = ClickHistory.of(items, cats);
    items[0] = 99;
    assertEquals(4, h.item(0), "copied on construction");
    h.items()[1] = 99;
    assertEquals(8, h.item(1), "copied on access");
    assertEquals(ClickHistory.of(new int[] {4, 8, 15}, new int[] {1, 2, 1}), h);
    assertTrue(h.hasCategoryInLast(2, 2));
    assertFalse(h.hasCategoryInLast(2, 1));
    assertTrue(h.hasCategoryInLast(1, 1));
    assertTrue(h.hasCategoryInLast(2, 100));
    assertSame(ClickHistory.EMPTY, ClickHistory.of(new int[0], new int[0]));
    assertEquals(
        "clickHistory.categories.length=1 must equal items.length=2",
        failure(() -> ClickHistory.of(new int[] {1, 2}, new int[] {1})));
    assertEquals(
        "clickHistory[1]='item=-2, category=0' must hold ids >= 0",
        failure(() -> ClickHistory.of(new int[] {1, -2}, new int[] {0, 0})));
  }

  @Test
  void exposureValidatesAndExposesTheSequenceAsCopies() {
    Exposure e = exposure(3, 0);
    assertArrayEquals(new int[] {5, 6}, e.recentClickedItems());
    assertArrayEquals(new int[] {1, 2}, e.recentClickedCategories());
    assertNotSame(e.recentClickedItems(), e.recentClickedItems());
    assertEquals(2, e.recentClickCount());
    assertEquals(6, e.recentClickedItem(1));
    assertEquals(2, e.recentClickedCategory(1));
    assertFalse(e.categoryInLastClicks(5), "category 3 was not clicked");
    assertEquals(exposure(3, 0), e);
    assertEquals(
        "exposure.priceBucket=10 must be in [0, 9]",
        failure(
            () ->
                new Exposure(
                    1,
                    0,
                    0,
                    0,
                    0,
                    0,
                    10,
                    0,
                    0,
                    DeviceType.APP,
                    UserSegment.NEW,
                    ClickHistory.EMPTY)));
    assertEquals(
        "exposure.hourOfDay=24 must be in [0, 23]",
        failure(
            () ->
                new Exposure(
                    1,
                    0,
                    0,
                    0,
                    0,
                    0,
                    1,
                    0,
                    24,
                    DeviceType.APP,
                    UserSegment.NEW,
                    ClickHistory.EMPTY)));
  }

  @Test
  void samplesAndDayLogsCheckTheirInvariants() {
    Exposure e = exposure(3, 0);
    assertEquals(
        "labeledSample.conversion=true requires click=true (traceId=3)",
        failure(() -> LabeledSample.of(e, false, true)));
    assertEquals(
        "labeledSample.truth.traceId=4 must equal exposure.traceId=3",
        failure(() -> new LabeledSample(e, true, false, Optional.of(new Truth(4, 0.1, 0.1, 0.1)))));
    assertEquals(
        "dayLogs.truths[0].traceId=4 must equal exposures[0].traceId=3",
        failure(
            () ->
                new DayLogs(
                    0, List.of(e), List.of(), List.of(), List.of(new Truth(4, 0.1, 0.1, 0.1)))));
    assertEquals(
        "dayLogs.truths.size=2 must be 0 or equal exposures.size=1",
        failure(
            () ->
                new DayLogs(
                    0,
                    List.of(e),
                    List.of(),
                    List.of(),
                    List.of(new Truth(3, 0.1, 0.1, 0.1), new Truth(3, 0.1, 0.1, 0.1)))));
    assertEquals(
        "truth.pClick=1.5 must be in [0.0, 1.0]", failure(() -> new Truth(1, 1.5, 0.1, 0.1)));
    assertEquals("order.amount=-1.0 must be finite and >= 0", failure(() -> new Order(1, 0, -1.0)));
    assertEquals(0.02, new Truth(1, 0.2, 0.1, 0.2).pClickAndConv(), 1e-15);
    assertFalse(DayLogs.of(0, List.of(e), List.of(), List.of()).hasTruth());
  }
}
