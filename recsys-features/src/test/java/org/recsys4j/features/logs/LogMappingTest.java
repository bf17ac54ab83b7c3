package org.recsys4j.features.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.recsys4j.features.io.ErrorPolicy;

class LogMappingTest {
  private static String message(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }

  @Test
  void jsonRoundTripsAndAbsentKeysTakeDefaults() {
    LogMapping m = UserLayoutPipelineTest.mapping().withErrorPolicy(ErrorPolicy.FAIL_FAST);
    String json = m.toJson();
    assertTrue(json.startsWith("{\"type\":\"LogMapping\",\"version\":1,"), json);
    assertEquals(m, LogMapping.fromJson(json));
    LogMapping minimal =
        LogMapping.fromJson(
            "{\"type\":\"LogMapping\",\"version\":1,"
                + "\"exposures\":{\"traceId\":\"t\",\"time\":\"ts\",\"user\":\"u\",\"item\":\"i\"},"
                + "\"clicks\":{\"traceId\":\"t\",\"time\":\"ts\"},"
                + "\"orders\":{\"traceId\":\"t\",\"time\":\"ts\"}}");
    assertEquals(LogMapping.DEFAULT_HISTORY_LENGTH, minimal.historyLength());
    assertEquals(ErrorPolicy.SKIP_AND_COUNT, minimal.errorPolicy());
    assertEquals(TimeFormat.EPOCH_MILLIS, minimal.exposures().timeFormat());
  }

  @Test
  void badMappingsNameTheFieldAndTheRule() {
    assertEquals(
        "json.key='user' is not a LogMapping field",
        message(
            () -> LogMapping.fromJson("{\"type\":\"LogMapping\",\"version\":1,\"user\":\"u\"}")));
    assertEquals(
        "json.version=2 must be 1",
        message(() -> LogMapping.fromJson("{\"type\":\"LogMapping\",\"version\":2}")));
    assertTrue(
        message(
                () ->
                    LogMapping.fromJson(
                        "{\"type\":\"LogMapping\",\"version\":1,"
                            + "\"exposures\":{\"traceId\":\"t\",\"time\":\"ts\",\"timeFormat\":\"UNIX\"}}"))
            .startsWith("json.exposures.timeFormat='UNIX' must be one of [EPOCH_SECONDS"));
    LogColumns clicks = LogColumns.of("t", "ts", TimeFormat.EPOCH_MILLIS);
    assertTrue(
        message(
                () ->
                    LogMapping.of(
                        LogColumns.exposures(
                            "t",
                            "ts",
                            TimeFormat.EPOCH_MILLIS,
                            "u",
                            "i",
                            null,
                            List.of(AttributeColumn.ofLong("click"))),
                        clicks,
                        clicks))
            .startsWith("logMapping.exposures.attributes[0].name='click' must not be an output"));
    assertTrue(
        message(
                () ->
                    LogMapping.of(
                            LogColumns.exposures(
                                "t", "ts", TimeFormat.EPOCH_MILLIS, "u", "i", null, List.of()),
                            clicks,
                            clicks)
                        .withHistory(3, List.of("brand")))
            .startsWith("logMapping.historyAttributes[0]='brand' must name one of"));
    assertTrue(
        message(
                () ->
                    LogColumns.exposures(
                        "t", "t", TimeFormat.EPOCH_MILLIS, "u", "i", null, List.of()))
            .startsWith("logColumns.time='t' must name a column not mapped twice"));
    assertTrue(
        message(
                () ->
                    LogMapping.of(
                        LogColumns.of("t", "ts", TimeFormat.EPOCH_MILLIS), clicks, clicks))
            .startsWith("logMapping.exposures.user"));
  }

  @Test
  void timeFormatsParseToEpochMillis() {
    assertEquals(1_709_287_200_000L, TimeFormat.ISO_8601.parseMillis("2024-03-01T10:00:00Z"));
    assertEquals(1_709_287_200_000L, TimeFormat.ISO_8601.parseMillis("2024-03-01 10:00:00"));
    assertEquals(1_709_287_200_000L, TimeFormat.ISO_8601.parseMillis("2024-03-01T11:00:00+01:00"));
    assertEquals(1_709_287_200_250L, TimeFormat.ISO_8601.parseMillis("2024-03-01T10:00:00.25Z"));
    assertEquals(1_709_251_200_000L, TimeFormat.ISO_8601.parseMillis("2024-03-01"));
    assertEquals(1_709_287_200_000L, TimeFormat.EPOCH_SECONDS.parseMillis("1709287200"));
    assertEquals(1_709_287_200_500L, TimeFormat.EPOCH_SECONDS.parseMillis("1709287200.5"));
    assertEquals(1_709_287_200_123L, TimeFormat.EPOCH_MILLIS.parseMillis("1709287200123"));
    assertThrows(IllegalArgumentException.class, () -> TimeFormat.ISO_8601.parseMillis("10:00"));
    assertThrows(IllegalArgumentException.class, () -> TimeFormat.EPOCH_SECONDS.parseMillis("1e9"));
    assertThrows(
        IllegalArgumentException.class, () -> TimeFormat.EPOCH_MILLIS.parseMillis("1709287200.5"));
  }
}
