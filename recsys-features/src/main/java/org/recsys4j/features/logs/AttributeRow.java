package org.recsys4j.features.logs;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.recsys4j.core.Check;
import org.recsys4j.features.encode.Row;

/**
 * The user's own attribute columns of one exposure, typed ({@code Long}, {@code Double}, {@code
 * String}, or {@code null} when missing), in the order of their {@link AttributeColumn}s.
 *
 * <p>It is the encoder's {@link Row}: {@link #get(String)} returns the value of the column of that
 * name, so {@code FeatureEncoder} reads it directly. Immutable; rows of one log share their {@link
 * Schema}.
 */
public final class AttributeRow implements Row {
  private final Schema schema;
  private final Object[] values;

  private AttributeRow(Schema schema, Object[] values) {
    this.schema = schema;
    this.values = values;
  }

  /**
   * A row of {@code values} under {@code schema} (copied).
   *
   * @throws IllegalArgumentException if the count differs or a value has the wrong Java type
   */
  public static AttributeRow of(Schema schema, Object... values) {
    Check.notNull("schema", schema);
    Check.notNull("values", values);
    Check.arg(
        values.length == schema.size(),
        "attributeRow.values.length",
        values.length,
        "must equal the schema's column count " + schema.size());
    for (int i = 0; i < values.length; i++) {
      Object v = values[i];
      if (v != null) {
        Class<?> want =
            switch (schema.columns().get(i).type()) {
              case LONG -> Long.class;
              case DOUBLE -> Double.class;
              case STRING -> String.class;
            };
        Check.arg(
            want.isInstance(v),
            "attributeRow[" + schema.columns().get(i).name() + "]",
            v,
            "must be a " + want.getSimpleName() + " or null");
      }
    }
    return new AttributeRow(schema, values.clone());
  }

  /** Wraps {@code values} without copying or checking; the caller hands them over. */
  static AttributeRow wrap(Schema schema, Object[] values) {
    return new AttributeRow(schema, values);
  }

  /** The columns. */
  public Schema schema() {
    return schema;
  }

  /** The value of column {@code i} ({@code Long}, {@code Double}, {@code String} or null). */
  public Object get(int i) {
    return values[i];
  }

  /** The value of the column named {@code name}, or null if absent or missing. */
  @Override
  public Object get(String name) {
    int i = schema.indexOf(name);
    return i < 0 ? null : values[i];
  }

  /** Number of columns. */
  public int size() {
    return values.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AttributeRow r
        && schema.equals(r.schema)
        && Arrays.equals(values, r.values);
  }

  @Override
  public int hashCode() {
    return 31 * schema.hashCode() + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i < values.length; i++) {
      b.append(i == 0 ? "" : ", ")
          .append(schema.columns().get(i).name())
          .append('=')
          .append(values[i]);
    }
    return b.append('}').toString();
  }

  /** The typed columns of an {@link AttributeRow}, names unique, with a name index. Immutable. */
  public static final class Schema {
    /** An empty schema. */
    public static final Schema EMPTY = new Schema(List.of());

    private final List<AttributeColumn> columns;
    private final Map<String, Integer> index;

    /**
     * A schema of {@code columns} (copied).
     *
     * @throws IllegalArgumentException if a name repeats
     */
    public Schema(List<AttributeColumn> columns) {
      this.columns = List.copyOf(Check.notNull("schema.columns", columns));
      Map<String, Integer> m = new HashMap<>();
      for (int i = 0; i < this.columns.size(); i++) {
        String name = this.columns.get(i).name();
        Check.arg(m.put(name, i) == null, "schema.columns[" + i + "].name", name, "must be unique");
      }
      this.index = m;
    }

    /** The columns in order. */
    public List<AttributeColumn> columns() {
      return columns;
    }

    /** The index of the column named {@code name}, or -1. */
    public int indexOf(String name) {
      Integer i = index.get(name);
      return i == null ? -1 : i;
    }

    /** Number of columns. */
    public int size() {
      return columns.size();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Schema s && columns.equals(s.columns);
    }

    @Override
    public int hashCode() {
      return columns.hashCode();
    }

    @Override
    public String toString() {
      return "Schema" + columns;
    }
  }
}
