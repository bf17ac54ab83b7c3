package org.recsys4j.features.logs;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.recsys4j.core.Check;

/**
 * Which columns of one log file hold what every funnel log has, by header name.
 *
 * <p>{@code traceId} and {@code time} are required in every log; {@code user} and {@code item} in
 * the exposure log; {@code position} and {@code amount} are optional (null when the log has no such
 * column). {@code attributes} are further exposure columns carried through untouched, typed.
 *
 * @param traceId the trace id column (a decimal {@code long}, or any text, hashed to a {@code
 *     long})
 * @param time the event time column
 * @param timeFormat how {@code time} is written
 * @param user the user id column, or null
 * @param item the item id column, or null
 * @param position the slate position column (an int {@code >= 0}), or null
 * @param amount the order value column (a finite number {@code >= 0}, for GMV), or null
 * @param attributes further columns carried through, in output order
 */
public record LogColumns(
    String traceId,
    String time,
    TimeFormat timeFormat,
    String user,
    String item,
    String position,
    String amount,
    List<AttributeColumn> attributes) {

  /**
   * Validates: required names present and not blank, every name used once.
   *
   * @throws IllegalArgumentException naming the field and the rule
   */
  public LogColumns {
    Check.notNull("logColumns.traceId", traceId);
    Check.notNull("logColumns.time", time);
    Check.notNull("logColumns.timeFormat", timeFormat);
    attributes = List.copyOf(Check.notNull("logColumns.attributes", attributes));
    Set<String> seen = new HashSet<>();
    String[] fields = {"traceId", "time", "user", "item", "position", "amount"};
    String[] names = {traceId, time, user, item, position, amount};
    for (int i = 0; i < names.length; i++) {
      if (names[i] != null) {
        Check.arg(!names[i].isBlank(), "logColumns." + fields[i], names[i], "must not be blank");
        Check.arg(
            seen.add(names[i]),
            "logColumns." + fields[i],
            names[i],
            "must name a column not mapped twice");
      }
    }
    for (int i = 0; i < attributes.size(); i++) {
      String n = attributes.get(i).name();
      Check.arg(
          seen.add(n),
          "logColumns.attributes[" + i + "].name",
          n,
          "must name a column not mapped twice");
    }
  }

  /** A click or order log of trace id and time only. */
  public static LogColumns of(String traceId, String time, TimeFormat timeFormat) {
    return new LogColumns(traceId, time, timeFormat, null, null, null, null, List.of());
  }

  /** An exposure log: trace id, time, user, item, position (or null) and attributes. */
  public static LogColumns exposures(
      String traceId,
      String time,
      TimeFormat timeFormat,
      String user,
      String item,
      String position,
      List<AttributeColumn> attributes) {
    return new LogColumns(traceId, time, timeFormat, user, item, position, null, attributes);
  }

  /** This mapping with the order amount in column {@code amount}. */
  public LogColumns withAmount(String amount) {
    return new LogColumns(traceId, time, timeFormat, user, item, position, amount, attributes);
  }

  /** The attribute column named {@code name}, or -1. */
  int attributeIndex(String name) {
    for (int i = 0; i < attributes.size(); i++) {
      if (attributes.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }
}
