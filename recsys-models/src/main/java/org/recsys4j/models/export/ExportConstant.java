package org.recsys4j.models.export;

import java.util.Arrays;
import org.recsys4j.core.Check;

/**
 * A constant of an {@link ExportProgram}: a trained parameter, a table, or a small constant of the
 * graph, either float or int64, row-major.
 *
 * @param name its value name
 * @param shape dimensions (empty for a scalar)
 * @param floats the values of a FLOAT constant, else {@code null}
 * @param longs the values of an INT64 constant, else {@code null}
 */
public record ExportConstant(String name, long[] shape, float[] floats, long[] longs) {

  /** Validates; the arrays are not copied. */
  public ExportConstant {
    Check.notNull("constant.name", name);
    Check.notNull("constant[" + name + "].shape", shape);
    Check.arg(
        (floats == null) != (longs == null),
        "constant[" + name + "]",
        "floats/longs",
        "must hold exactly one of floats and longs");
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    long len = floats != null ? floats.length : longs.length;
    Check.arg(
        n == len,
        "constant[" + name + "].length",
        len,
        "must equal the product of shape " + Arrays.toString(shape));
  }

  /** A float constant. */
  public static ExportConstant of(String name, float[] values, long... shape) {
    return new ExportConstant(name, shape, values, null);
  }

  /** An int64 constant. */
  public static ExportConstant ofLongs(String name, long[] values, long... shape) {
    return new ExportConstant(name, shape, null, values);
  }

  /** FLOAT or INT64. */
  public ValueType type() {
    return floats != null ? ValueType.FLOAT : ValueType.INT64;
  }

  /** The number of elements. */
  public long size() {
    return floats != null ? floats.length : longs.length;
  }

  /** The size of the values in bytes. */
  public long byteSize() {
    return floats != null ? 4L * floats.length : 8L * longs.length;
  }
}
