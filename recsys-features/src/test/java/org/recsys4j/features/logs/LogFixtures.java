package org.recsys4j.features.logs;

/** Hand-made log rows for the tests. */
final class LogFixtures {
  static final long T0 = 1_704_067_200_000L;

  static final long DAY = 86_400_000L;
  static final long MINUTE = 60_000L;

  private LogFixtures() {}

  static Exposure exposure(long traceId, int day) {
    return exposureAt(traceId, day, T0 + day * DAY + traceId);
  }

  /** An exposure of {@code day} at {@code timestampMillis}. */
  static Exposure exposureAt(long traceId, int day, long timestampMillis) {
    return new Exposure(
        traceId,
        timestampMillis,
        day,
        (int) (traceId % 7),
        (int) traceId,
        3,
        2,
        (int) (traceId % 10),
        0,
        DeviceType.APP,
        UserSegment.RETURNING,
        ClickHistory.of(new int[] {5, 6}, new int[] {1, 2}));
  }
}
