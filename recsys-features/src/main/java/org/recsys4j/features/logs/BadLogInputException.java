package org.recsys4j.features.logs;

/**
 * Bad input in a log file under {@code FAIL_FAST}: names the file, the line, the kind and what was
 * found, e.g. {@code "clicks.csv:7: UNKNOWN_TRACE_ID_CLICK: trace id 99 matches no exposure (a
 * click must refer to a known exposure)"}.
 */
public final class BadLogInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final long line;
  private final BadInput kind;

  /**
   * Creates the exception.
   *
   * @param source the file name
   * @param line the 1-based line (or row) number, 0 if unknown
   * @param kind what is wrong
   * @param detail what was found
   */
  public BadLogInputException(String source, long line, BadInput kind, String detail) {
    super(source + ":" + line + ": " + kind + ": " + detail + " (" + kind.rule() + ")");
    this.source = source;
    this.line = line;
    this.kind = kind;
  }

  /** The file name. */
  public String source() {
    return source;
  }

  /** The 1-based line (or row) number, 0 if unknown. */
  public long line() {
    return line;
  }

  /** What is wrong. */
  public BadInput kind() {
    return kind;
  }
}
