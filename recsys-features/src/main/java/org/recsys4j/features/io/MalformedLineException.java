package org.recsys4j.features.io;

import org.recsys4j.core.Check;

/**
 * A malformed input line, with the file (or source name), the 1-based line number, the rule broken
 * and a snippet of the line.
 *
 * <p>The message reads {@code "u.data:17: COLUMN_COUNT: line has 3 fields, expected 4 (must have
 * the expected number of columns) in line: '196\t242\t3'"}. Snippets longer than {@link
 * #MAX_SNIPPET} characters are cut and end in {@code "..."}.
 */
public final class MalformedLineException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The longest snippet of the offending line kept in the message. */
  public static final int MAX_SNIPPET = 120;

  private final String source;
  private final long lineNumber;
  private final MalformedReason reason;
  private final String detail;
  private final String snippet;

  /**
   * Creates the exception.
   *
   * @param source file name or source label
   * @param lineNumber 1-based physical line number
   * @param reason the rule broken
   * @param detail what was found, e.g. {@code "field 2 (rating)='x' is not an integer"}
   * @param line the offending line; cut to {@link #MAX_SNIPPET} characters
   * @throws IllegalArgumentException if an argument is null or {@code lineNumber < 1}
   */
  public MalformedLineException(
      String source, long lineNumber, MalformedReason reason, String detail, String line) {
    super(message(source, lineNumber, reason, detail, line));
    Check.arg(lineNumber >= 1, "lineNumber", lineNumber, "must be >= 1");
    this.source = source;
    this.lineNumber = lineNumber;
    this.reason = reason;
    this.detail = detail;
    this.snippet = snippet(line);
  }

  private static String message(
      String source, long lineNumber, MalformedReason reason, String detail, String line) {
    Check.notNull("source", source);
    Check.notNull("reason", reason);
    Check.notNull("detail", detail);
    Check.notNull("line", line);
    return source
        + ":"
        + lineNumber
        + ": "
        + reason
        + ": "
        + detail
        + " ("
        + reason.rule()
        + ") in line: '"
        + snippet(line)
        + "'";
  }

  static String snippet(String line) {
    return line.length() <= MAX_SNIPPET ? line : line.substring(0, MAX_SNIPPET) + "...";
  }

  /** The file name or source label. */
  public String source() {
    return source;
  }

  /** The 1-based physical line number. */
  public long lineNumber() {
    return lineNumber;
  }

  /** The rule broken. */
  public MalformedReason reason() {
    return reason;
  }

  /** What was found, without the file and line prefix. */
  public String detail() {
    return detail;
  }

  /** The start of the offending line, at most {@link #MAX_SNIPPET} characters plus "...". */
  public String snippet() {
    return snippet;
  }
}
