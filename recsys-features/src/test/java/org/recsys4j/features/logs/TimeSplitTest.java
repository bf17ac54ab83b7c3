package org.recsys4j.features.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recsys4j.features.logs.LogFixtures.exposure;

import java.util.List;
import org.junit.jupiter.api.Test;

class TimeSplitTest {
  @Test
  void trainIsBeforeTheFirstTestDayAndOrderIsKept() {
    List<LabeledSample> samples =
        List.of(
            LabeledSample.of(exposure(1, 0), false, false),
            LabeledSample.of(exposure(2, 2), true, false),
            LabeledSample.of(exposure(3, 1), false, false),
            LabeledSample.of(exposure(4, 3), true, true),
            LabeledSample.of(exposure(5, 2), false, false));
    TimeSplit.Split<LabeledSample> s = TimeSplit.atDay(2).split(samples);
    assertEquals(List.of(1L, 3L), s.train().stream().map(LabeledSample::traceId).toList());
    assertEquals(List.of(2L, 4L, 5L), s.test().stream().map(LabeledSample::traceId).toList());
    assertTrue(TimeSplit.atDay(2).isTest(2));
    assertFalse(TimeSplit.atDay(2).isTest(1));
  }

  @Test
  void worksOnAnyTypeWithADayKey() {
    TimeSplit.Split<String> s =
        TimeSplit.atDay(3).split(List.of("ab", "abcd", "a", "abc"), String::length);
    assertEquals(List.of("ab", "a"), s.train());
    assertEquals(List.of("abcd", "abc"), s.test());
    TimeSplit.Split<String> allTrain = TimeSplit.atDay(10).split(List.of("x"), String::length);
    assertEquals(List.of("x"), allTrain.train());
    assertTrue(allTrain.test().isEmpty());
  }

  @Test
  void rejectsANegativeDay() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TimeSplit.atDay(-1));
    assertEquals("timeSplit.firstTestDay=-1 must be >= 0", e.getMessage());
  }
}
