package org.recsys4j.features.logs;

/**
 * The type of a user attribute column in a log file, and so of its value in an {@link
 * AttributeRow}: {@code Long}, {@code Double} or {@code String}.
 *
 * <p>In a text file a {@code LONG} field is a decimal integer, a {@code DOUBLE} field a finite
 * decimal number, a {@code STRING} field any text; an empty field is a missing value ({@code
 * null}), which the encoder replaces by the feature's default. In an Arrow file the column may hold
 * the type itself or text that parses as it.
 */
public enum AttributeType {
  /** A 64-bit integer ({@code Long}); Arrow {@code int64}. */
  LONG,
  /** A finite 64-bit float ({@code Double}); Arrow {@code float64}. */
  DOUBLE,
  /** Text ({@code String}); Arrow {@code utf8}. */
  STRING
}
