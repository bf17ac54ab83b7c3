package org.recsys4j.features.logs;

import java.util.Set;
import org.recsys4j.core.Check;
import org.recsys4j.features.encode.Row;

/**
 * One labelled training row: an exposure from a user's log with its click and conversion labels,
 * the value of its attributed order, the user's click history before it, and the user's own
 * attribute columns untouched. The output of {@link LogPipeline}, written to and read from the
 * day-partitioned Arrow files of {@link LabeledRowFiles}.
 *
 * <p>It is the encoder's {@link Row}. {@link #get(String)} answers the column names of the files:
 * {@value #TRACE_ID} ({@code Long}), {@value #TIME_MS} ({@code Long}), {@value #DAY} ({@code
 * Integer}, days since 1970-01-01 UTC), {@value #USER}, {@value #ITEM} ({@code String}), {@value
 * #POSITION} ({@code Integer}, null when unknown), {@value #CLICK}, {@value #CONVERSION} ({@code
 * Integer} 0 or 1), {@value #ORDER_AMOUNT} ({@code Double}), {@value #HISTORY_ITEM} (the clicked
 * items, a {@code List<String>} most recent last), {@code history_<attribute>} (the aligned values
 * of a history attribute) and every attribute column by its name. So a {@code SequenceSpec} named
 * {@value #HISTORY_ITEM} on the item table reads the history as the encoder's sequence input.
 *
 * @param traceId the exposure's trace id
 * @param timeMillis the exposure's time, epoch milliseconds
 * @param user the user id
 * @param item the item id
 * @param position slate position, or -1 when the log has none
 * @param attributes the user's attribute columns
 * @param click whether an attributed click exists
 * @param conversion whether the exposure was clicked and then ordered (implies {@code click})
 * @param orderAmount the attributed order's amount when {@code conversion}, else 0 (GMV)
 * @param history the user's clicked items before {@code timeMillis}
 */
public record LabeledRow(
    long traceId,
    long timeMillis,
    String user,
    String item,
    int position,
    AttributeRow attributes,
    boolean click,
    boolean conversion,
    double orderAmount,
    ItemHistory history)
    implements Row {

  /** Column of the trace id, int64. */
  public static final String TRACE_ID = "trace_id";

  /** Column of the exposure time, int64 epoch milliseconds. */
  public static final String TIME_MS = "time_ms";

  /** Column of the day, int32 days since 1970-01-01 UTC. */
  public static final String DAY = "day";

  /** Column of the user id, utf8. */
  public static final String USER = "user";

  /** Column of the item id, utf8. */
  public static final String ITEM = "item";

  /** Column of the slate position, int32, null when unknown. */
  public static final String POSITION = "position";

  /** Column of the click label, int32 0 or 1. */
  public static final String CLICK = "click";

  /** Column of the conversion label, int32 0 or 1. */
  public static final String CONVERSION = "conversion";

  /** Column of the attributed order's amount, float64. */
  public static final String ORDER_AMOUNT = "order_amount";

  /** Column of the clicked-item history, list of utf8. */
  public static final String HISTORY_ITEM = "history_item";

  /** Prefix of a history attribute's column. */
  public static final String HISTORY_PREFIX = "history_";

  /** Column names no attribute may take. */
  public static final Set<String> RESERVED =
      Set.of(
          TRACE_ID,
          TIME_MS,
          DAY,
          USER,
          ITEM,
          POSITION,
          CLICK,
          CONVERSION,
          ORDER_AMOUNT,
          HISTORY_ITEM);

  private static final long DAY_MILLIS = 86_400_000L;

  /**
   * Validates.
   *
   * @throws IllegalArgumentException if a reference is null, {@code conversion} without {@code
   *     click}, or {@code orderAmount} is negative or not finite
   */
  public LabeledRow {
    Check.notNull("labeledRow.user", user);
    Check.notNull("labeledRow.item", item);
    Check.notNull("labeledRow.attributes", attributes);
    Check.notNull("labeledRow.history", history);
    Check.arg(position >= -1, "labeledRow.position", position, "must be >= 0, or -1 if unknown");
    if (conversion && !click) {
      Check.arg(
          false, "labeledRow.conversion", true, "requires click=true (traceId=" + traceId + ")");
    }
    Check.nonNegative("labeledRow.orderAmount", orderAmount);
  }

  /** The exposure's day: days since 1970-01-01 in UTC. */
  public int day() {
    return dayOf(timeMillis);
  }

  /** Days since 1970-01-01 UTC of an epoch-millisecond time. */
  public static int dayOf(long timeMillis) {
    return (int) Math.floorDiv(timeMillis, DAY_MILLIS);
  }

  /** The value of column {@code name} (see the class comment), or null if there is none. */
  @Override
  public Object get(String name) {
    switch (name) {
      case TRACE_ID:
        return traceId;
      case TIME_MS:
        return timeMillis;
      case DAY:
        return day();
      case USER:
        return user;
      case ITEM:
        return item;
      case POSITION:
        return position < 0 ? null : position;
      case CLICK:
        return click ? 1 : 0;
      case CONVERSION:
        return conversion ? 1 : 0;
      case ORDER_AMOUNT:
        return orderAmount;
      case HISTORY_ITEM:
        return history.items();
      default:
        int i = attributes.schema().indexOf(name);
        if (i >= 0) {
          return attributes.get(i);
        }
        if (name.startsWith(HISTORY_PREFIX)) {
          int k = history.attributeNames().indexOf(name.substring(HISTORY_PREFIX.length()));
          if (k >= 0) {
            return history.attribute(k);
          }
        }
        return null;
    }
  }
}
