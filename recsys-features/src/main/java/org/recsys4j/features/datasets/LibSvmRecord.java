package org.recsys4j.features.datasets;

import java.util.Arrays;
import org.recsys4j.core.Check;

/**
 * One libSVM / libFM line: a label and sparse {@code index:value} features, in file order.
 *
 * <p>Indices are as written (libSVM files are usually 1-based, libFM files such as Frappe 0-based);
 * they are not sorted or deduplicated. Immutable.
 */
public final class LibSvmRecord {
  private final double label;
  private final int[] indices;
  private final double[] values;

  /**
   * Creates a record.
   *
   * @throws IllegalArgumentException if the label or a value is not finite, an index is negative,
   *     an array is null, or the arrays differ in length
   */
  public LibSvmRecord(double label, int[] indices, double[] values) {
    Check.finite("label", label);
    Check.notNull("indices", indices);
    Check.notNull("values", values);
    Check.arg(
        indices.length == values.length,
        "values.length",
        values.length,
        "must equal indices.length=" + indices.length);
    for (int k = 0; k < indices.length; k++) {
      Check.nonNegative("indices[" + k + "]", indices[k]);
      Check.finite("values[" + k + "]", values[k]);
    }
    this.label = label;
    this.indices = indices.clone();
    this.values = values.clone();
  }

  /** The label as written ({@code 1}, {@code -1}, {@code 0}, a rating, ...). */
  public double label() {
    return label;
  }

  /** The number of features. */
  public int size() {
    return indices.length;
  }

  /** The feature indices (a copy). */
  public int[] indices() {
    return indices.clone();
  }

  /** The feature values (a copy). */
  public double[] values() {
    return values.clone();
  }

  /**
   * The index of feature {@code k}.
   *
   * @throws IndexOutOfBoundsException if {@code k} is not in {@code 0..size()-1}
   */
  public int index(int k) {
    return indices[k];
  }

  /**
   * The value of feature {@code k}.
   *
   * @throws IndexOutOfBoundsException if {@code k} is not in {@code 0..size()-1}
   */
  public double value(int k) {
    return values[k];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LibSvmRecord r
        && Double.compare(label, r.label) == 0
        && Arrays.equals(indices, r.indices)
        && Arrays.equals(values, r.values);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Double.hashCode(label) + Arrays.hashCode(indices)) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("LibSvmRecord{").append(label);
    for (int k = 0; k < indices.length; k++) {
      sb.append(' ').append(indices[k]).append(':').append(values[k]);
    }
    return sb.append('}').toString();
  }
}
