package org.recsys4j.features.logs;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the events of one log file under a {@link LogColumns} mapping: exposures, clicks or orders.
 * A row with a bad field goes to the {@link BadInputCounter} (thrown under {@code FAIL_FAST},
 * counted and skipped under {@code SKIP_AND_COUNT}); a mapped column missing from the file's header
 * is an {@link IllegalArgumentException} at open under both policies, since no row could be read.
 * Not thread-safe.
 *
 * @param <E> {@link ExposureEvent}, {@link ClickEvent} or {@link OrderEvent}
 */
final class LogEventReader<E> implements Closeable {
  private enum Kind {
    EXPOSURE,
    CLICK,
    ORDER
  }

  private final LogTable table;
  private final Kind kind;
  private final BadInputCounter bad;
  private final LogColumns columns;
  private final int traceId;
  private final int time;
  private final int user;
  private final int item;
  private final int position;
  private final int amount;
  private final int[] attributes;
  private final AttributeRow.Schema schema;
  private final Canonical users = new Canonical();
  private final Canonical items = new Canonical();
  private final Canonical[] strings;
  private long rows;

  private LogEventReader(Path path, LogColumns columns, Kind kind, BadInputCounter bad)
      throws IOException {
    this.table = LogTable.open(path, bad);
    try {
      this.kind = kind;
      this.bad = bad;
      this.columns = columns;
      this.traceId = table.column("traceId", columns.traceId());
      this.time = table.column("time", columns.time());
      boolean exposure = kind == Kind.EXPOSURE;
      this.user = exposure ? table.column("user", columns.user()) : -1;
      this.item = exposure ? table.column("item", columns.item()) : -1;
      this.position =
          exposure && columns.position() != null
              ? table.column("position", columns.position())
              : -1;
      this.amount =
          kind == Kind.ORDER && columns.amount() != null
              ? table.column("amount", columns.amount())
              : -1;
      List<AttributeColumn> attrs = exposure ? columns.attributes() : List.of();
      this.attributes = new int[attrs.size()];
      for (int i = 0; i < attrs.size(); i++) {
        attributes[i] = table.column("attributes[" + i + "]", attrs.get(i).name());
      }
      this.schema = new AttributeRow.Schema(attrs);
      this.strings = new Canonical[attrs.size()];
      for (int i = 0; i < strings.length; i++) {
        strings[i] = new Canonical();
      }
    } catch (RuntimeException e) {
      table.close();
      throw e;
    }
  }

  static LogEventReader<ExposureEvent> exposures(Path path, LogColumns columns, BadInputCounter bad)
      throws IOException {
    return new LogEventReader<>(path, columns, Kind.EXPOSURE, bad);
  }

  static LogEventReader<ClickEvent> clicks(Path path, LogColumns columns, BadInputCounter bad)
      throws IOException {
    return new LogEventReader<>(path, columns, Kind.CLICK, bad);
  }

  static LogEventReader<OrderEvent> orders(Path path, LogColumns columns, BadInputCounter bad)
      throws IOException {
    return new LogEventReader<>(path, columns, Kind.ORDER, bad);
  }

  /** The file name. */
  String source() {
    return table.source;
  }

  /** Well-formed events returned so far. */
  long rows() {
    return rows;
  }

  /**
   * The next well-formed event, or null at the end.
   *
   * @throws BadLogInputException under {@code FAIL_FAST} at the first bad row
   */
  @SuppressWarnings("unchecked")
  E next() {
    while (table.next()) {
      E e = parse();
      if (e != null) {
        rows++;
        return e;
      }
    }
    return null;
  }

  private Object parseOrNull() {
    long line = table.line();
    if (missing(traceId, "traceId", columns.traceId()) || missing(time, "time", columns.time())) {
      return null;
    }
    long id = table.traceIdValue(traceId);
    long t;
    try {
      t =
          columns.timeFormat() == TimeFormat.EPOCH_MILLIS
              ? table.longValue(time)
              : columns.timeFormat().parseMillis(table.text(time));
    } catch (IllegalArgumentException e) {
      bad.report(
          table.source,
          line,
          BadInput.BAD_TIME,
          "column "
              + columns.time()
              + "='"
              + table.text(time)
              + "' "
              + e.getMessage()
              + " ("
              + columns.timeFormat()
              + ")");
      return null;
    }
    switch (kind) {
      case CLICK -> {
        return new ClickEvent(id, t, line);
      }
      case ORDER -> {
        double value = 0;
        if (amount >= 0 && !table.isEmpty(amount)) {
          try {
            value = table.doubleValue(amount);
          } catch (IllegalArgumentException e) {
            return badValue(line, e.getMessage());
          }
          if (value < 0) {
            return badValue(line, "column " + columns.amount() + "=" + value + " must be >= 0");
          }
        }
        return new OrderEvent(id, t, value, line);
      }
      default -> {
        if (missing(user, "user", columns.user()) || missing(item, "item", columns.item())) {
          return null;
        }
        int pos = -1;
        if (position >= 0 && !table.isEmpty(position)) {
          long p;
          try {
            p = table.longValue(position);
          } catch (IllegalArgumentException e) {
            return badValue(line, e.getMessage());
          }
          if (p < 0 || p > Integer.MAX_VALUE) {
            return badValue(
                line, "column " + columns.position() + "=" + p + " must be an int >= 0");
          }
          pos = (int) p;
        }
        Object[] values = new Object[attributes.length];
        for (int i = 0; i < attributes.length; i++) {
          int c = attributes[i];
          if (table.isEmpty(c)) {
            continue;
          }
          try {
            values[i] =
                switch (schema.columns().get(i).type()) {
                  case LONG -> table.longValue(c);
                  case DOUBLE -> table.doubleValue(c);
                  case STRING -> strings[i].canonical(table.text(c));
                };
          } catch (IllegalArgumentException e) {
            return badValue(line, e.getMessage());
          }
        }
        return new ExposureEvent(
            id,
            t,
            users.canonical(table.text(user)),
            items.canonical(table.text(item)),
            pos,
            AttributeRow.wrap(schema, values),
            line);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private E parse() {
    return (E) parseOrNull();
  }

  private boolean missing(int c, String field, String name) {
    if (table.isEmpty(c)) {
      bad.report(
          table.source,
          table.line(),
          BadInput.MISSING_VALUE,
          "mapped column " + field + "='" + name + "' is empty");
      return true;
    }
    return false;
  }

  private Object badValue(long line, String detail) {
    bad.report(table.source, line, BadInput.BAD_VALUE, detail);
    return null;
  }

  @Override
  public void close() throws IOException {
    table.close();
  }

  /**
   * One shared instance per distinct value of a column, up to {@link #MAX} distinct values (after
   * that new values are kept as read): the open window holds each user, item and attribute value
   * once, not once per row.
   */
  private static final class Canonical {
    static final int MAX = 1 << 18;
    private final java.util.HashMap<String, String> values = new java.util.HashMap<>();

    String canonical(String s) {
      String known = values.get(s);
      if (known != null) {
        return known;
      }
      if (values.size() < MAX) {
        values.put(s, s);
      }
      return s;
    }
  }
}
