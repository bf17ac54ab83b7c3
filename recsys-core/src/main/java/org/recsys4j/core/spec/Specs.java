package org.recsys4j.core.spec;

import org.recsys4j.core.Check;

/** Shared checks of the spec records. */
final class Specs {
  private Specs() {}

  static void checkName(String field, String name) {
    Check.notNull(field, name);
    Check.arg(!name.isBlank(), field, name, "must not be blank");
  }

  /**
   * How a spec maps raw values to ids; features of one table must agree, or equal ids would mean
   * different values.
   */
  static String idScheme(FeatureSpec spec) {
    if (spec instanceof CategoricalSpec c && c.encoding() == CategoricalEncoding.VOCABULARY) {
      return "vocabulary " + c.vocabulary();
    }
    if (spec instanceof NumericSpec n) {
      return "buckets " + n.boundaries();
    }
    return "hashed";
  }

  /** Fails unless {@code value <= max}, naming the field, the value and the maximum. */
  static void checkSpace(String field, int value, int max, String why) {
    Check.arg(value <= max, field, value, "must be <= " + max + " (" + why + ")");
  }

  static void checkSeparator(String field, String separator) {
    Check.notNull(field, separator);
    Check.arg(!separator.isEmpty(), field, separator, "must not be empty");
  }
}
