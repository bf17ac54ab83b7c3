package org.recsys4j.core;

import java.util.Locale;

/**
 * Argument checks whose messages name the field, the offending value and the rule, in the form
 * {@code "cin.layerSizes[1]=7 must be even when splitHalf=true"}.
 *
 * <p>Modelled on Guava's {@code Preconditions}, but every check takes the field name and the value
 * so that callers cannot forget either. All methods throw {@link IllegalArgumentException} (or
 * {@link IllegalStateException} for {@link #state}) and never log.
 */
public final class Check {
  private Check() {}

  /** Fails unless {@code value > 0}. */
  public static int positive(String field, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(field + "=" + value + " must be > 0");
    }
    return value;
  }

  /** Fails unless {@code value > 0}. */
  public static long positive(String field, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(field + "=" + value + " must be > 0");
    }
    return value;
  }

  /** Fails unless {@code value} is finite and {@code > 0}. */
  public static double positive(String field, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(field + "=" + value + " must be finite and > 0");
    }
    return value;
  }

  /** Fails unless {@code value >= 0}. */
  public static int nonNegative(String field, int value) {
    if (value < 0) {
      throw new IllegalArgumentException(field + "=" + value + " must be >= 0");
    }
    return value;
  }

  /** Fails unless {@code value} is finite and {@code >= 0}. */
  public static double nonNegative(String field, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(field + "=" + value + " must be finite and >= 0");
    }
    return value;
  }

  /** Fails unless {@code value} is finite (neither NaN nor infinite). */
  public static double finite(String field, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(field + "=" + value + " must be finite");
    }
    return value;
  }

  /** Fails unless {@code lo <= value <= hi}. */
  public static int inRange(String field, int value, int lo, int hi) {
    if (value < lo || value > hi) {
      throw new IllegalArgumentException(
          field + "=" + value + " must be in [" + lo + ", " + hi + "]");
    }
    return value;
  }

  /** Fails unless {@code lo <= value <= hi} and {@code value} is not NaN. */
  public static double inRange(String field, double value, double lo, double hi) {
    if (!(value >= lo && value <= hi)) {
      throw new IllegalArgumentException(
          field + "=" + value + " must be in [" + lo + ", " + hi + "]");
    }
    return value;
  }

  /** Fails with {@code field=value <rule>} unless {@code condition} holds. */
  public static void arg(boolean condition, String field, Object value, String rule) {
    if (!condition) {
      throw new IllegalArgumentException(field + "=" + render(value) + " " + rule);
    }
  }

  /** Fails with {@link IllegalStateException} and a formatted message unless {@code condition}. */
  public static void state(boolean condition, String format, Object... args) {
    if (!condition) {
      throw new IllegalStateException(String.format(Locale.ROOT, format, args));
    }
  }

  /**
   * Checks a name of a layer, table, input or head: a letter, then letters, digits or {@code _}
   * (names become graph variable prefixes {@code <name>/<param>}).
   *
   * @return the name
   * @throws IllegalArgumentException naming the field, the value and the rule
   */
  public static String name(String field, String name) {
    arg(
        name != null && NAME.matcher(name).matches(),
        field,
        name,
        "must match [A-Za-z][A-Za-z0-9_]*");
    return name;
  }

  private static final java.util.regex.Pattern NAME =
      java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

  /** Fails unless {@code value} is non-null. */
  public static <T> T notNull(String field, T value) {
    if (value == null) {
      throw new IllegalArgumentException(field + "=null must not be null");
    }
    return value;
  }

  private static String render(Object value) {
    if (value instanceof int[] a) {
      return java.util.Arrays.toString(a);
    }
    if (value instanceof long[] a) {
      return java.util.Arrays.toString(a);
    }
    if (value instanceof String s) {
      return "'" + s + "'";
    }
    return String.valueOf(value);
  }
}
