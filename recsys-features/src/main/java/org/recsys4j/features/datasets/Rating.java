package org.recsys4j.features.datasets;

import org.recsys4j.core.Check;

/**
 * One MovieLens rating event.
 *
 * @param userId user id as in the file (1-based in MovieLens)
 * @param itemId movie id as in the file
 * @param rating stars, 1..5
 * @param timestamp seconds since the Unix epoch (UTC)
 */
public record Rating(int userId, int itemId, int rating, long timestamp) {
  /**
   * Checks the rating.
   *
   * @throws IllegalArgumentException if {@code rating} is not in 1..5
   */
  public Rating {
    Check.inRange("rating", rating, 1, 5);
  }
}
