package org.recsys4j.features.io;

/** The rule a malformed line breaks; the key of the skip counts in {@link ReadReport}. */
public enum MalformedReason {
  /** The line has a different number of fields than the header or the format expects. */
  COLUMN_COUNT("must have the expected number of columns"),
  /**
   * A quoted field is not closed before the end of the line (multi-line fields are unsupported).
   */
  UNTERMINATED_QUOTE("must close every quoted field on the same line"),
  /** A closing quote is followed by something other than the delimiter or the end of the line. */
  STRAY_QUOTE("must follow a closing quote by the delimiter or the end of the line"),
  /** A field does not parse as the type the format requires (number, label, date, ...). */
  BAD_VALUE("must hold a value of the type the format requires"),
  /** A {@code index:value} pair of a libSVM/libFM line is malformed. */
  BAD_PAIR("must write features as index:value with a non-negative int index and a number"),
  /** The header line differs from the header the format requires. */
  BAD_HEADER("must be the header the format requires");

  private final String rule;

  MalformedReason(String rule) {
    this.rule = rule;
  }

  /** The rule in words, used in exception messages, e.g. {@code "must close every quoted ..."}. */
  public String rule() {
    return rule;
  }
}
