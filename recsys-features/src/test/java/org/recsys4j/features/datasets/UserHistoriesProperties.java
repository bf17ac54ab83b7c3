package org.recsys4j.features.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

@PropertyDefaults(tries = 300)
class UserHistoriesProperties {

  /** Logs with few users and few distinct seconds, so ties are common; item id = event index. */
  @Provide
  Arbitrary<List<Rating>> logs() {
    Arbitrary<int[]> event =
        Combinators.combine(
                Arbitraries.integers().between(1, 4), Arbitraries.integers().between(0, 6))
            .as((u, t) -> new int[] {u, t});
    return event
        .list()
        .ofMaxSize(40)
        .map(
            raw -> {
              List<Rating> out = new ArrayList<>();
              for (int i = 0; i < raw.size(); i++) {
                out.add(new Rating(raw.get(i)[0], i, 1 + i % 5, raw.get(i)[1]));
              }
              return out;
            });
  }

  @Property
  void noHistoryItemIsAtOrAfterItsRowsTime(
      @ForAll("logs") List<Rating> log, @ForAll @IntRange(min = 1, max = 5) int maxLen) {
    List<HistoryEvent> out = UserHistories.strictlyBefore(log, maxLen);
    assertEquals(log.size(), out.size());
    for (int i = 0; i < log.size(); i++) {
      Rating row = log.get(i);
      assertEquals(row, out.get(i).event());
      List<Integer> h = out.get(i).history();
      assertTrue(h.size() <= maxLen);
      long prev = Long.MIN_VALUE;
      for (int item : h) {
        Rating src = log.get(item); // item id = index of the event that rated it
        assertEquals(row.userId(), src.userId(), "history item of another user");
        assertTrue(
            src.timestamp() < row.timestamp(),
            "item "
                + item
                + " at t="
                + src.timestamp()
                + " in history of row at t="
                + row.timestamp());
        assertTrue(src.timestamp() >= prev, "history not in time order");
        prev = src.timestamp();
      }
    }
  }

  @Property
  void equalsTheLoopReference(
      @ForAll("logs") List<Rating> log, @ForAll @IntRange(min = 1, max = 5) int maxLen) {
    List<HistoryEvent> out = UserHistories.strictlyBefore(log, maxLen);
    for (int i = 0; i < log.size(); i++) {
      Rating row = log.get(i);
      // reference: earlier events of the user by (time, input position); item id = position here
      List<Integer> all = new ArrayList<>();
      for (long t = 0; t < row.timestamp(); t++) {
        for (Rating r : log) {
          if (r.userId() == row.userId() && r.timestamp() == t) {
            all.add(r.itemId());
          }
        }
      }
      List<Integer> expected = all.subList(Math.max(0, all.size() - maxLen), all.size());
      assertEquals(expected, out.get(i).history());
    }
  }
}
