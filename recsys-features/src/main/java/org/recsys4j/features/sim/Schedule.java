package org.recsys4j.features.sim;

import org.recsys4j.core.Check;

/**
 * When and how much the simulated users browse.
 *
 * @param numDays logged days streamed by {@link FunnelSimulator#nextDay()} (default 7)
 * @param burnInDays unlogged days simulated before day 0 so that returning users start with a click
 *     history (default 2)
 * @param startEpochMillis start of day 0, a midnight UTC (default 2024-01-01T00:00Z, {@code
 *     1704067200000})
 * @param meanRequestsPerUserPerDay Poisson mean of feed requests per active user and day, times the
 *     user's activity (default 3.0)
 * @param activitySd log-normal sigma of per-user activity (mean 1); 0 makes users equally active
 *     (default 0.8)
 * @param slateSize items per request; positions are {@code 0..slateSize-1} (default 10)
 * @param maxHistoryLength length of the behaviour sequence {@code Exposure.recentClicks} (default
 *     20)
 */
public record Schedule(
    int numDays,
    int burnInDays,
    long startEpochMillis,
    double meanRequestsPerUserPerDay,
    double activitySd,
    int slateSize,
    int maxHistoryLength) {

  /** The defaults. */
  public static final Schedule DEFAULTS = new Schedule(7, 2, 1_704_067_200_000L, 3.0, 0.8, 10, 20);

  /**
   * Validates.
   *
   * @throws IllegalArgumentException naming the field, the value and the rule
   */
  public Schedule {
    Check.positive("schedule.numDays", numDays);
    Check.nonNegative("schedule.burnInDays", burnInDays);
    Check.arg(
        startEpochMillis >= 0 && startEpochMillis % FunnelSimulatorConfig.DAY_MILLIS == 0,
        "schedule.startEpochMillis",
        startEpochMillis,
        "must be >= 0 and a multiple of " + FunnelSimulatorConfig.DAY_MILLIS + " (midnight UTC)");
    Check.positive("schedule.meanRequestsPerUserPerDay", meanRequestsPerUserPerDay);
    Check.inRange("schedule.activitySd", activitySd, 0.0, 3.0);
    Check.positive("schedule.slateSize", slateSize);
    Check.positive("schedule.maxHistoryLength", maxHistoryLength);
  }
}
