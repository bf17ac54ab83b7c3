package org.recsys4j.features.encode;

import java.util.Map;
import org.recsys4j.core.Check;

/**
 * One example's raw values by feature name, as read from a log line or a serving request.
 *
 * <p>{@link #get(String)} returns {@code null} for an absent value, which the encoder treats as
 * missing. Accepted values: categorical — {@code String} or a {@code Number} (an integral one
 * hashes like its decimal string, a {@code Double} like {@code Double.toString}); numeric — {@code
 * Number} or a decimal {@code String}; bag and sequence — a {@code String} split on the spec's
 * separator, a {@code Collection} or an {@code Object[]} of such values, or a single scalar (a
 * one-token bag or sequence).
 */
@FunctionalInterface
public interface Row {
  /** The raw value of feature {@code name}, or {@code null} if absent. */
  Object get(String name);

  /**
   * A view of {@code values} (not copied).
   *
   * @throws IllegalArgumentException if {@code values} is null
   */
  static Row of(Map<String, ?> values) {
    Check.notNull("values", values);
    return values::get;
  }
}
