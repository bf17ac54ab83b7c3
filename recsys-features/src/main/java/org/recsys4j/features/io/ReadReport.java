package org.recsys4j.features.io;

import java.util.EnumMap;
import java.util.Map;
import org.recsys4j.core.Check;

/**
 * What a reader did: lines read, rows returned and malformed lines skipped per reason.
 *
 * <p>Every physical line read is exactly one of: the header, a blank line (ignored), a returned
 * row, or a skipped malformed line; so {@code linesRead = headerLines + blankLines + rowsReturned +
 * skippedTotal()}. Under {@link ErrorPolicy#FAIL_FAST} {@code skipped} is always empty.
 *
 * @param source file name or source label
 * @param linesRead physical lines read so far
 * @param headerLines 1 if a header line was read, else 0
 * @param blankLines empty lines, ignored
 * @param rowsReturned rows handed to the caller
 * @param skipped malformed lines skipped, per reason; only reasons with a count above 0
 */
public record ReadReport(
    String source,
    long linesRead,
    long headerLines,
    long blankLines,
    long rowsReturned,
    Map<MalformedReason, Long> skipped) {

  /**
   * Checks and copies the counts.
   *
   * @throws IllegalArgumentException if a count is negative, an argument is null or the counts do
   *     not add up to {@code linesRead}
   */
  public ReadReport {
    Check.notNull("source", source);
    Check.notNull("skipped", skipped);
    Check.arg(linesRead >= 0, "linesRead", linesRead, "must be >= 0");
    Check.arg(headerLines >= 0, "headerLines", headerLines, "must be >= 0");
    Check.arg(blankLines >= 0, "blankLines", blankLines, "must be >= 0");
    Check.arg(rowsReturned >= 0, "rowsReturned", rowsReturned, "must be >= 0");
    EnumMap<MalformedReason, Long> copy = new EnumMap<>(MalformedReason.class);
    long total = 0;
    for (Map.Entry<MalformedReason, Long> e : skipped.entrySet()) {
      Check.arg(
          e.getValue() != null && e.getValue() >= 0,
          "skipped." + e.getKey(),
          e.getValue(),
          "must be >= 0");
      if (e.getValue() > 0) {
        copy.put(e.getKey(), e.getValue());
        total += e.getValue();
      }
    }
    long sum = headerLines + blankLines + rowsReturned + total;
    Check.arg(
        sum == linesRead,
        "linesRead",
        linesRead,
        "must equal headerLines + blankLines + rowsReturned + skipped (" + sum + ")");
    skipped = Map.copyOf(copy);
  }

  /** Malformed lines skipped, all reasons together. */
  public long skippedTotal() {
    return skipped.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Lines skipped for {@code reason}; 0 if none. */
  public long skipped(MalformedReason reason) {
    return skipped.getOrDefault(reason, 0L);
  }
}
