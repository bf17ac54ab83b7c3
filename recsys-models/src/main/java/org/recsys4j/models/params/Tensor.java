package org.recsys4j.models.params;

import java.util.Arrays;
import org.recsys4j.core.Check;

/**
 * A dense float tensor: a shape and its values in row-major order. The record holds its arrays as
 * given (no copy); treat them as read-only once a tensor is shared.
 *
 * @param shape dimensions, each at least 0 (an empty shape is a scalar)
 * @param values {@code Π shape} values, row-major
 */
public record Tensor(long[] shape, float[] values) {

  /**
   * Validates.
   *
   * @throws IllegalArgumentException if a dimension is negative or the value count differs from the
   *     shape's product
   */
  public Tensor {
    Check.notNull("tensor.shape", shape);
    Check.notNull("tensor.values", values);
    long n = 1;
    for (int i = 0; i < shape.length; i++) {
      Check.nonNegative("tensor.shape[" + i + "]", shape[i]);
      n *= shape[i];
    }
    Check.arg(
        n == values.length,
        "tensor.values.length",
        values.length,
        "must equal the product of shape " + Arrays.toString(shape) + " = " + n);
  }

  /** A tensor of {@code values} with {@code shape}. */
  public static Tensor of(float[] values, long... shape) {
    return new Tensor(shape.clone(), values);
  }

  /** A deep copy. */
  public Tensor copy() {
    return new Tensor(shape.clone(), values.clone());
  }

  /** True if shapes and values are equal (bit-wise on values, NaN equal to NaN). */
  public boolean sameAs(Tensor other) {
    return Arrays.equals(shape, other.shape) && Arrays.equals(values, other.values);
  }

  @Override
  public String toString() {
    return "Tensor" + Arrays.toString(shape);
  }
}
