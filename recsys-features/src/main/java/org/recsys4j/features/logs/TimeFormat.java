package org.recsys4j.features.logs;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** How a log's time column is written; every form is turned into epoch milliseconds (UTC). */
public enum TimeFormat {
  /** Seconds since the epoch, an integer or a decimal with a fraction ({@code 1704067200.25}). */
  EPOCH_SECONDS,
  /** Milliseconds since the epoch, an integer. */
  EPOCH_MILLIS,
  /**
   * An ISO-8601 timestamp: with an offset or {@code Z} ({@code 2024-01-01T08:30:00+01:00}), or
   * without one, read as UTC ({@code 2024-01-01T07:30:00}, also with a space instead of {@code T});
   * a date alone is its midnight UTC.
   */
  ISO_8601;

  /**
   * Parses {@code text} as this format.
   *
   * @throws IllegalArgumentException naming the rule if it does not parse
   */
  long parseMillis(String text) {
    String s = text.trim();
    switch (this) {
      case EPOCH_MILLIS -> {
        try {
          return Long.parseLong(s);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("must be integer epoch milliseconds");
        }
      }
      case EPOCH_SECONDS -> {
        try {
          if (s.indexOf('.') < 0) {
            return Math.multiplyExact(Long.parseLong(s), 1000L);
          }
          if (s.indexOf('e') >= 0 || s.indexOf('E') >= 0) {
            throw new NumberFormatException();
          }
          return new java.math.BigDecimal(s)
              .movePointRight(3)
              .setScale(0, java.math.RoundingMode.HALF_UP)
              .longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
          throw new IllegalArgumentException("must be decimal epoch seconds");
        }
      }
      default -> {
        try {
          if (s.length() == 10) {
            return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
          }
          String t = s.length() > 10 && s.charAt(10) == ' ' ? s.replaceFirst(" ", "T") : s;
          char last = t.charAt(t.length() - 1);
          if (last == 'Z' || last == 'z') {
            return Instant.parse(t.substring(0, t.length() - 1) + "Z").toEpochMilli();
          }
          int tee = t.indexOf('T');
          if (tee > 0 && (t.indexOf('+', tee) > 0 || t.indexOf('-', tee) > 0)) {
            return OffsetDateTime.parse(t).toInstant().toEpochMilli();
          }
          return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
          throw new IllegalArgumentException("must be an ISO-8601 timestamp");
        }
      }
    }
  }
}
