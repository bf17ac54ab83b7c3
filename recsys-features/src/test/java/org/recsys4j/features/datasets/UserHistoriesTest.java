package org.recsys4j.features.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class UserHistoriesTest {
  @Test
  void excludesTiesKeepsMostRecentLastAndCaps() {
    List<Rating> events =
        List.of(
            new Rating(1, 10, 5, 300),
            new Rating(2, 99, 5, 100),
            new Rating(1, 11, 4, 100),
            new Rating(1, 12, 3, 200),
            new Rating(1, 13, 3, 200),
            new Rating(1, 14, 3, 400));
    List<HistoryEvent> h = UserHistories.strictlyBefore(events, 2);
    assertEquals(events.size(), h.size());
    assertEquals(List.of(12, 13), h.get(0).history()); // ts 300: capped to the 2 most recent
    assertEquals(List.of(), h.get(1).history()); // other user
    assertEquals(List.of(), h.get(2).history()); // first event
    assertEquals(List.of(11), h.get(3).history()); // tie at 200 excluded
    assertEquals(List.of(11), h.get(4).history());
    assertEquals(List.of(13, 10), h.get(5).history());
    assertEquals(events.get(5), h.get(5).event());
  }

  @Test
  void tiesInAnEarlierSecondAreOrderedByItemIdWhateverTheInputOrder() {
    List<Rating> events =
        List.of(
            new Rating(1, 30, 5, 100),
            new Rating(1, 20, 5, 100),
            new Rating(1, 10, 5, 50),
            new Rating(1, 40, 5, 200));
    List<HistoryEvent> h = UserHistories.strictlyBefore(events, 10);
    assertEquals(List.of(10, 20, 30), h.get(3).history());
    assertEquals(List.of(10), h.get(0).history());
  }

  @Test
  void rejectsBadArguments() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> UserHistories.strictlyBefore(List.of(), 0));
    assertEquals("maxLen=0 must be > 0", e.getMessage());
  }
}
