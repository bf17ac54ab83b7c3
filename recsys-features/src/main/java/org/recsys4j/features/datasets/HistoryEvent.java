package org.recsys4j.features.datasets;

import java.util.List;
import org.recsys4j.core.Check;

/**
 * A rating event with the user's earlier items.
 *
 * @param event the rating event
 * @param history items the same user rated strictly before {@code event.timestamp()} (events at the
 *     same second are excluded), oldest first and most recent last (ties in time by item id), at
 *     most the requested length (the most recent ones are kept)
 */
public record HistoryEvent(Rating event, List<Integer> history) {
  /**
   * Checks and copies.
   *
   * @throws IllegalArgumentException if an argument is null
   */
  public HistoryEvent {
    Check.notNull("event", event);
    history = List.copyOf(Check.notNull("history", history));
  }
}
