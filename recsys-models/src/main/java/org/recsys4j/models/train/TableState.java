package org.recsys4j.models.train;

import org.recsys4j.core.Check;

/**
 * The full training state of one {@link SparseTable}: the rows ever used (padding row 0 excluded)
 * with their optimizer slots, enough to continue training bit-identically. Unused rows are not
 * stored: they start from their lazy initial value, which depends only on the table's seed.
 *
 * <p>The record holds its arrays as given (no copy); treat them as read-only once shared.
 *
 * @param name the table's name
 * @param numRows rows including padding row 0
 * @param dim row width D
 * @param slots optimizer state arrays per weight ({@link Optimizer#slots()})
 * @param ids the used rows, strictly ascending, each in {@code [1, numRows)}
 * @param rows {@code ids.length·(1+slots)·dim} floats: per used row its weights then slot 0, slot
 *     1, ... (each {@code dim} floats)
 */
public record TableState(String name, int numRows, int dim, int slots, int[] ids, float[] rows) {

  /**
   * Validates.
   *
   * @throws IllegalArgumentException if sizes disagree or an id is out of range or out of order
   */
  public TableState {
    Check.notNull("tableState.name", name);
    Check.arg(numRows >= 2, name + ".numRows", numRows, "must be >= 2 (row 0 is padding)");
    Check.positive(name + ".dim", dim);
    Check.nonNegative(name + ".slots", slots);
    Check.notNull(name + ".ids", ids);
    Check.notNull(name + ".rows", rows);
    Check.arg(
        rows.length == (long) ids.length * (1 + slots) * dim,
        name + ".rows.length",
        rows.length,
        "must equal ids.length*(1+slots)*dim=" + (long) ids.length * (1 + slots) * dim);
    for (int i = 0; i < ids.length; i++) {
      int prev = i == 0 ? 0 : ids[i - 1];
      if (!(ids[i] > prev && ids[i] < numRows)) {
        throw new IllegalArgumentException(
            name
                + ".ids["
                + i
                + "]="
                + ids[i]
                + " must be in ["
                + (prev + 1)
                + ", "
                + numRows
                + "): ids are distinct, ascending, and exclude padding row 0");
      }
    }
  }

  /** Floats per stored row: weights and slots. */
  public int stride() {
    return (1 + slots) * dim;
  }
}
