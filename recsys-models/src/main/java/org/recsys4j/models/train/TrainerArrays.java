package org.recsys4j.models.train;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.recsys4j.core.Check;

/** Copies between Java float arrays and ND4J arrays without per-element calls. */
final class TrainerArrays {
  private TrainerArrays() {}

  /** Writes {@code values} into the (c-ordered, float) buffer of {@code arr}. */
  static void write(INDArray arr, float[] values) {
    write(arr, values, values.length);
  }

  /** Writes {@code values[0..n)} into {@code arr} and zeroes the rest of it. */
  static void write(INDArray arr, float[] values, int n) {
    FloatBuffer fb = arr.data().asNioFloat();
    fb.position(0);
    fb.put(values, 0, n);
    for (int i = n; i < fb.capacity(); i++) {
      fb.put(i, 0f);
    }
  }

  /** Reads {@code a} (any layout) into {@code buf}, which must have {@code a.length()} floats. */
  static float[] read(INDArray a, float[] buf) {
    Check.state(a != null, "missing gradient: a graph variable has no gradient");
    INDArray src = a;
    if (src.isView()
        || src.ordering() != 'c'
        || src.dataType() != DataType.FLOAT
        || src.data().length() != buf.length) {
      src = src.castTo(DataType.FLOAT).dup('c');
    }
    FloatBuffer fb = src.data().asNioFloat();
    fb.position(0);
    fb.get(buf, 0, buf.length);
    if (src != a && src.closeable()) {
      src.close(); // a temporary copy: free its native buffer now, not at the next GC
    }
    return buf;
  }

  /** True if every value is finite. */
  static boolean allFinite(float[] v, int n) {
    for (int i = 0; i < n; i++) {
      if (!Float.isFinite(v[i])) {
        return false;
      }
    }
    return true;
  }
}
