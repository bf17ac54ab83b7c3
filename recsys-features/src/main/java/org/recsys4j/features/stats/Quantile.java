package org.recsys4j.features.stats;

import org.recsys4j.core.Check;

/**
 * A quantile of a numeric feature.
 *
 * @param rank normalised rank in {@code [0, 1]}, e.g. 0.5 for the median
 * @param value the (estimated) value at that rank
 */
public record Quantile(double rank, double value) {
  /**
   * Checks the rank.
   *
   * @throws IllegalArgumentException if {@code rank} is not in [0, 1]
   */
  public Quantile {
    Check.inRange("rank", rank, 0.0, 1.0);
  }
}
