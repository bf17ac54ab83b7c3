package org.recsys4j.features.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StitchConfigTest {
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 60 * MINUTE;

  @Test
  void defaults() {
    StitchConfig c = StitchConfig.defaults();
    assertEquals(Duration.ofMinutes(30), c.clickWindow());
    assertEquals(Duration.ofHours(24), c.orderWindow());
    assertEquals(StitchConfig.OrderAnchor.CLICK, c.orderAnchor());
    assertEquals(Duration.ZERO, c.maxClockSkew());
    assertEquals(StitchConfig.DuplicatePolicy.KEEP_FIRST, c.duplicatePolicy());
    assertEquals(Duration.ofDays(1), c.lateRetention());
    assertEquals(c, StitchConfig.builder().build());
    assertEquals(c, c.toBuilder().build());
  }

  @Test
  void closeTimeDependsOnTheAnchorAndSaturates() {
    StitchConfig fromClick = StitchConfig.defaults();
    assertEquals(1_000 + 30 * MINUTE + 24 * HOUR, fromClick.closeMillis(1_000));
    StitchConfig fromExposure =
        fromClick.toBuilder().orderAnchor(StitchConfig.OrderAnchor.EXPOSURE).build();
    assertEquals(1_000 + 24 * HOUR, fromExposure.closeMillis(1_000));
    assertEquals(Long.MAX_VALUE, StitchConfig.untimed().closeMillis(1_000));
    assertEquals(Long.MAX_VALUE, StitchConfig.untimed().closeMillis(-1_000));
    assertEquals(Long.MAX_VALUE, StitchConfig.plus(Long.MAX_VALUE - 1, 5));
    assertEquals(Long.MIN_VALUE, StitchConfig.plus(Long.MIN_VALUE + 1, -5));
    assertEquals(Long.MIN_VALUE, StitchConfig.minus(Long.MIN_VALUE + 1, 5));
    assertEquals(Long.MIN_VALUE, StitchConfig.minus(5, Long.MAX_VALUE));
    assertEquals(0, StitchConfig.minus(5, 5));
  }

  @Test
  void jsonRoundTrip() {
    StitchConfig c =
        StitchConfig.builder()
            .clickWindow(Duration.ofMinutes(10))
            .orderWindow(Duration.ofHours(2))
            .orderAnchor(StitchConfig.OrderAnchor.EXPOSURE)
            .maxClockSkew(Duration.ofSeconds(2))
            .duplicatePolicy(StitchConfig.DuplicatePolicy.KEEP_EARLIEST)
            .lateRetention(Duration.ZERO)
            .build();
    assertEquals(
        "{\"type\":\"StitchConfig\",\"version\":1,\"clickWindowMillis\":600000,"
            + "\"orderWindowMillis\":7200000,\"orderAnchor\":\"EXPOSURE\","
            + "\"maxClockSkewMillis\":2000,\"duplicatePolicy\":\"KEEP_EARLIEST\","
            + "\"lateRetentionMillis\":0}",
        c.toJson());
    assertEquals(c, StitchConfig.fromJson(c.toJson()));
    assertEquals(StitchConfig.untimed(), StitchConfig.fromJson(StitchConfig.untimed().toJson()));
    assertEquals(
        StitchConfig.defaults(),
        StitchConfig.fromJson("{\"type\":\"StitchConfig\",\"version\":1}"));
  }

  @Test
  void rejectsInvalidValuesNamingFieldValueAndRule() {
    IllegalArgumentException negative =
        assertThrows(
            IllegalArgumentException.class,
            () -> StitchConfig.builder().clickWindow(Duration.ofMillis(-1)));
    assertEquals("stitchConfig.clickWindow=PT-0.001S must be >= 0", negative.getMessage());
    IllegalArgumentException tooLong =
        assertThrows(
            IllegalArgumentException.class,
            () -> StitchConfig.builder().orderWindow(Duration.ofSeconds(Long.MAX_VALUE)));
    assertEquals(
        "stitchConfig.orderWindow=PT2562047788015215H30M7S must be <= UNBOUNDED"
            + " (Long.MAX_VALUE ms)",
        tooLong.getMessage());
    IllegalArgumentException nullAnchor =
        assertThrows(
            IllegalArgumentException.class, () -> StitchConfig.builder().orderAnchor(null));
    assertEquals("stitchConfig.orderAnchor=null must not be null", nullAnchor.getMessage());
  }

  @Test
  void rejectsBadJson() {
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                StitchConfig.fromJson(
                    "{\"type\":\"StitchConfig\",\"version\":1,\"clickWindow\":5}"));
    assertEquals("json.key='clickWindow' is not a StitchConfig parameter", unknown.getMessage());
    IllegalArgumentException version =
        assertThrows(
            IllegalArgumentException.class,
            () -> StitchConfig.fromJson("{\"type\":\"StitchConfig\",\"version\":2}"));
    assertEquals("json.version=2 must be 1", version.getMessage());
    IllegalArgumentException anchor =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                StitchConfig.fromJson(
                    "{\"type\":\"StitchConfig\",\"version\":1,\"orderAnchor\":\"ORDER\"}"));
    assertEquals("json.orderAnchor='ORDER' must be one of [CLICK, EXPOSURE]", anchor.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            StitchConfig.fromJson(
                "{\"type\":\"StitchConfig\",\"version\":1,\"maxClockSkewMillis\":-5}"));
  }
}
