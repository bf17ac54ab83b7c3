package org.recsys4j.features.logs;

import org.recsys4j.core.Check;

/**
 * One row of a user's exposure log: what every funnel log has, plus the user's own typed columns.
 *
 * @param traceId the exposure's trace id; clicks and orders refer to it
 * @param timeMillis epoch milliseconds when the item was shown
 * @param user the user id as written in the log
 * @param item the item id as written in the log
 * @param position zero-based slate position, or -1 when the log has none
 * @param attributes the mapped attribute columns, typed
 * @param line the 1-based line (or row) number in its file, for messages; 0 if unknown
 */
public record ExposureEvent(
    long traceId,
    long timeMillis,
    String user,
    String item,
    int position,
    AttributeRow attributes,
    long line) {

  /**
   * Validates.
   *
   * @throws IllegalArgumentException if a reference is null or {@code position < -1}
   */
  public ExposureEvent {
    Check.notNull("exposureEvent.user", user);
    Check.notNull("exposureEvent.item", item);
    Check.arg(position >= -1, "exposureEvent.position", position, "must be >= 0, or -1 if unknown");
    Check.notNull("exposureEvent.attributes", attributes);
  }
}
