package org.recsys4j.models.fit;

import org.recsys4j.core.Check;

/**
 * Where a validation batch holds the group id of GAUC (usually the user): column {@code column} of
 * the int input {@code input} ({@code ids[b·W + column]}).
 *
 * @param input an int input, e.g. {@code "ids"}
 * @param column the column, 0-based
 */
public record GroupKey(String input, int column) {
  /** Validates. */
  public GroupKey {
    Check.notNull("gaucGroup.input", input);
    Check.nonNegative("gaucGroup.column", column);
  }
}
