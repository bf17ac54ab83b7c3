package org.recsys4j.features.logs;

import org.recsys4j.core.Check;

/**
 * A user attribute column of an exposure log, carried through stitching untouched: its name in the
 * file (which is also its name in the {@link AttributeRow} and the output) and its type.
 *
 * @param name the column name in the file's header (or Arrow schema)
 * @param type how the values are parsed and written
 */
public record AttributeColumn(String name, AttributeType type) {
  /**
   * Validates.
   *
   * @throws IllegalArgumentException if {@code name} is null or blank or {@code type} is null
   */
  public AttributeColumn {
    Check.notNull("attributeColumn.name", name);
    Check.arg(!name.isBlank(), "attributeColumn.name", name, "must not be blank");
    Check.notNull("attributeColumn[" + name + "].type", type);
  }

  /** A {@link AttributeType#LONG} column. */
  public static AttributeColumn ofLong(String name) {
    return new AttributeColumn(name, AttributeType.LONG);
  }

  /** A {@link AttributeType#DOUBLE} column. */
  public static AttributeColumn ofDouble(String name) {
    return new AttributeColumn(name, AttributeType.DOUBLE);
  }

  /** A {@link AttributeType#STRING} column. */
  public static AttributeColumn ofString(String name) {
    return new AttributeColumn(name, AttributeType.STRING);
  }
}
