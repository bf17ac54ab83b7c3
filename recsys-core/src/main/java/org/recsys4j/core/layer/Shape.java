package org.recsys4j.core.layer;

import java.util.Arrays;
import org.recsys4j.core.Check;

/**
 * An immutable tensor shape whose first dimension may be the unknown batch size {@link #BATCH}.
 *
 * <p>{@code Shape.of(Shape.BATCH, 26, 16)} is written {@code [B,26,16]}. Every other dimension must
 * be positive. Shapes are values: equal dimensions mean equal shapes.
 */
public final class Shape {
  /** Marker for the batch dimension, whose size is known only when data arrives. */
  public static final long BATCH = -1;

  private final long[] dims;

  private Shape(long[] dims) {
    this.dims = dims;
  }

  /**
   * Creates a shape.
   *
   * @param dims the dimensions; only the first may be {@link #BATCH}, the rest must be positive
   * @throws IllegalArgumentException if a dimension is zero, negative (other than a leading {@link
   *     #BATCH}) or if there is no dimension
   */
  public static Shape of(long... dims) {
    Check.arg(dims.length > 0, "shape.rank", 0, "must be >= 1");
    for (int i = 0; i < dims.length; i++) {
      boolean ok = dims[i] > 0 || (i == 0 && dims[i] == BATCH);
      Check.arg(ok, "shape[" + i + "]", dims[i], "must be > 0 (only dimension 0 may be B=-1)");
    }
    return new Shape(dims.clone());
  }

  /** A shape with a leading batch dimension: {@code batched(26, 16)} is {@code [B,26,16]}. */
  public static Shape batched(long... rest) {
    long[] d = new long[rest.length + 1];
    d[0] = BATCH;
    System.arraycopy(rest, 0, d, 1, rest.length);
    return of(d);
  }

  /** Number of dimensions. */
  public int rank() {
    return dims.length;
  }

  /** Dimension {@code i}; {@link #BATCH} for an unknown batch. */
  public long dim(int i) {
    Check.inRange("dim.index", i, 0, dims.length - 1);
    return dims[i];
  }

  /** A copy of the dimensions. */
  public long[] dims() {
    return dims.clone();
  }

  /** True if dimension 0 is the unknown batch size. */
  public boolean hasBatch() {
    return dims[0] == BATCH;
  }

  /** Product of all dimensions but the batch (the size of one example). */
  public long exampleSize() {
    long n = 1;
    for (int i = hasBatch() ? 1 : 0; i < dims.length; i++) {
      n *= dims[i];
    }
    return n;
  }

  /** This shape with the batch dimension replaced by {@code batchSize}. */
  public long[] withBatch(long batchSize) {
    long[] d = dims.clone();
    if (hasBatch()) {
      d[0] = batchSize;
    }
    return d;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Shape s && Arrays.equals(dims, s.dims);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(dims);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < dims.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(dims[i] == BATCH ? "B" : Long.toString(dims[i]));
    }
    return sb.append(']').toString();
  }
}
