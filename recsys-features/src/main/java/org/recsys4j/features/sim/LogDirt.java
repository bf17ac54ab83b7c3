package org.recsys4j.features.sim;

import org.recsys4j.core.Check;

/**
 * The dirt planted in the click and order logs, each rate in {@code [0, 1]}.
 *
 * @param duplicateClickRate probability that a click row is logged twice, up to 5 s later (default
 *     0.005)
 * @param orphanClickRate orphan click rows (trace id of no exposure) per real click (default 0.001)
 * @param duplicateOrderRate probability that an order row is logged twice (default 0.005)
 * @param orphanOrderRate orphan order rows per real order (default 0.001)
 */
public record LogDirt(
    double duplicateClickRate,
    double orphanClickRate,
    double duplicateOrderRate,
    double orphanOrderRate) {

  /** The defaults. */
  public static final LogDirt DEFAULTS = new LogDirt(0.005, 0.001, 0.005, 0.001);

  /**
   * Validates.
   *
   * @throws IllegalArgumentException naming the field, the value and the rule
   */
  public LogDirt {
    Check.inRange("dirt.duplicateClickRate", duplicateClickRate, 0.0, 1.0);
    Check.inRange("dirt.orphanClickRate", orphanClickRate, 0.0, 1.0);
    Check.inRange("dirt.duplicateOrderRate", duplicateOrderRate, 0.0, 1.0);
    Check.inRange("dirt.orphanOrderRate", orphanOrderRate, 0.0, 1.0);
  }
}
