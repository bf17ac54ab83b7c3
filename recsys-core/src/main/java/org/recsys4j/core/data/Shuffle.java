package org.recsys4j.core.data;

/** The order of rows in a pass of a {@link BatchSource}. */
public enum Shuffle {
  /** Rows as stored: days in order, rows in their order within each day. */
  NONE,
  /**
   * Days in time order; the rows of each day permuted by a generator seeded with {@code (seed,
   * epoch, day)} (the seed project's rule: a model never trains on tomorrow before today).
   */
  WITHIN_DAY
}
