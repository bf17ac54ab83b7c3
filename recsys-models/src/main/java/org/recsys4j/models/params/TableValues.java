package org.recsys4j.models.params;

import org.recsys4j.core.Check;

/**
 * The values of one embedding table, every row materialised: rows used in training hold their
 * trained values, unused rows their lazy initial value (what they would start from), row 0
 * (padding) zeros.
 *
 * @param name the table's name
 * @param numRows rows including padding row 0
 * @param dim row width D
 * @param values {@code numRows·dim} floats, row after row
 * @param used bit set of the rows used so far ({@code used[r>>>6] & (1L << r)}), {@code
 *     ceil(numRows/64)} words
 */
public record TableValues(String name, int numRows, int dim, float[] values, long[] used) {

  /**
   * Validates.
   *
   * @throws IllegalArgumentException if sizes disagree
   */
  public TableValues {
    Check.notNull("table.name", name);
    Check.arg(numRows >= 1, name + ".numRows", numRows, "must be >= 1");
    Check.positive(name + ".dim", dim);
    Check.notNull(name + ".values", values);
    Check.notNull(name + ".used", used);
    Check.arg(
        values.length == (long) numRows * dim,
        name + ".values.length",
        values.length,
        "must equal numRows*dim=" + (long) numRows * dim);
    Check.arg(
        used.length == (numRows + 63) >>> 6,
        name + ".used.length",
        used.length,
        "must equal ceil(numRows/64)=" + ((numRows + 63) >>> 6));
  }

  /** Whether row {@code r} was used in training. */
  public boolean isUsed(int r) {
    return (used[r >>> 6] & (1L << r)) != 0;
  }

  /** A copy of row {@code r}. */
  public float[] row(int r) {
    Check.inRange(name + ".row", r, 0, numRows - 1);
    float[] out = new float[dim];
    System.arraycopy(values, r * dim, out, 0, dim);
    return out;
  }

  /** The values as a {@code [numRows, dim]} tensor (sharing the array). */
  public Tensor asTensor() {
    return Tensor.of(values, numRows, dim);
  }
}
