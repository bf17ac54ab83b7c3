package org.recsys4j.features.datasets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.recsys4j.core.Check;

/**
 * Per-user, time-ordered histories for sequence models (DIN, DIEN, ...), without leakage.
 *
 * <p>For each event {@code e} of user {@code u}:
 *
 * <pre>
 *   history(e) = the last maxLen items of [ x.itemId for x in events of u
 *                                           with x.timestamp &lt; e.timestamp,
 *                                           ordered by (timestamp, itemId, input position) ]
 * </pre>
 *
 * so an item rated at the same second as {@code e}, or later, is never in {@code e}'s history, and
 * the most recent item is last. Items rated in the same earlier second are ordered by item id, so
 * the result does not depend on the order of the input (this matches the canonical CSVs of the
 * project's benchmark data, whose rows are sorted by {@code (ts, user_id, item_id)}). Needs all
 * events in memory (MovieLens 1M: 1M events is fine).
 */
public final class UserHistories {
  private UserHistories() {}

  /**
   * The history of every event, in the order of {@code events}.
   *
   * @param events rating events in any order
   * @param maxLen the longest history kept, &gt;= 1
   * @return one {@link HistoryEvent} per input event, same order
   * @throws IllegalArgumentException if {@code events} is null or contains null, or {@code maxLen <
   *     1}
   */
  public static List<HistoryEvent> strictlyBefore(List<Rating> events, int maxLen) {
    Check.notNull("events", events);
    Check.positive("maxLen", maxLen);
    Map<Integer, List<Integer>> byUser = new HashMap<>();
    for (int i = 0; i < events.size(); i++) {
      Rating r = Check.notNull("events[" + i + "]", events.get(i));
      byUser.computeIfAbsent(r.userId(), u -> new ArrayList<>()).add(i);
    }
    HistoryEvent[] out = new HistoryEvent[events.size()];
    for (List<Integer> idx : byUser.values()) {
      // stable sort: time, then item id, then input order
      idx.sort(
          Comparator.comparingLong((Integer i) -> events.get(i).timestamp())
              .thenComparingInt(i -> events.get(i).itemId()));
      int groupStart = 0;
      for (int k = 0; k < idx.size(); k++) {
        long ts = events.get(idx.get(k)).timestamp();
        if (ts != events.get(idx.get(groupStart)).timestamp()) {
          groupStart = k;
        }
        int from = Math.max(0, groupStart - maxLen);
        Integer[] items = new Integer[groupStart - from];
        for (int j = from; j < groupStart; j++) {
          items[j - from] = events.get(idx.get(j)).itemId();
        }
        out[idx.get(k)] = new HistoryEvent(events.get(idx.get(k)), Arrays.asList(items));
      }
    }
    return List.of(out);
  }
}
