package org.recsys4j.features.logs;

/**
 * A kind of bad input in users' log files. Under {@code SKIP_AND_COUNT} each occurrence is counted
 * in the {@link PipelineReport} (with its first line numbers) and the row is not used; under {@code
 * FAIL_FAST} the first one throws a {@link BadLogInputException}. Never a silently wrong label.
 */
public enum BadInput {
  /** A line that is not a row of the file (wrong column count, broken quoting). */
  MALFORMED_LINE("must have the file's columns"),
  /** A mapped column is empty in this row (trace id, time, user, item). */
  MISSING_VALUE("must have a value in every mapped column"),
  /** The time column does not parse in the mapping's time format. */
  BAD_TIME("must be a time in the mapping's format"),
  /** A position, amount or typed attribute does not parse as its type. */
  BAD_VALUE("must hold a value of the column's type"),
  /** An exposure repeats the trace id of an earlier exposure; the later row is dropped. */
  DUPLICATE_TRACE_ID("exposure trace ids must be unique"),
  /** A click whose trace id matches no exposure (open or recently closed). */
  UNKNOWN_TRACE_ID_CLICK("a click must refer to a known exposure"),
  /** An order whose trace id matches no exposure (open or recently closed). */
  UNKNOWN_TRACE_ID_ORDER("an order must refer to a known exposure"),
  /** A click timestamped before its exposure (beyond the tolerated clock skew). */
  CLICK_BEFORE_EXPOSURE("a click must not precede its exposure"),
  /** An order timestamped before its click (or exposure), beyond the tolerated clock skew. */
  ORDER_BEFORE_CLICK("an order must not precede its click");

  private final String rule;

  BadInput(String rule) {
    this.rule = rule;
  }

  /** The rule in words, used in messages. */
  public String rule() {
    return rule;
  }
}
