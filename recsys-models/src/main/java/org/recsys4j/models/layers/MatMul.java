package org.recsys4j.models.layers;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Matrix products that step around SameDiff 1.0.0-M2.1 quirks. */
public final class MatMul {
  private MatMul() {}

  /**
   * {@code a · w} ({@code transposeW=false}, w {@code [K,M]}) or {@code a · w^T} ({@code true}, w
   * {@code [M,K]}) for {@code a [B,K]}: a matmul, except for inner dimension {@code K = 1}, where
   * it is the broadcast multiply {@code a [B,1] ⊙ w [1,M]} (ND4J 1.0.0-M2.1's matmul backward fails
   * on {@code [1,1]x[1,1]}). The transpose is an explicit op: the matmul's transpose flag gets a
   * wrong gradient for {@code [1,K]x[1,K]^T}.
   *
   * @param sd the graph
   * @param a the left operand, {@code [B,K]}
   * @param w the weight
   * @param inner K
   * @param outer M
   * @param transposeW whether {@code w} is stored {@code [M,K]}
   */
  public static SDVariable times(
      SameDiff sd, SDVariable a, SDVariable w, long inner, long outer, boolean transposeW) {
    if (inner == 1) {
      return a.mul(transposeW ? w.reshape(1, outer) : w);
    }
    // an explicit transpose, not mmul's transpose flag: with the flag, ND4J 1.0.0-M2.1's backward
    // is wrong for [1,K]x[1,K]^T (found by the gradient check)
    return transposeW ? a.mmul(sd.transpose(w)) : a.mmul(w);
  }

  /**
   * Columns {@code [from, to)} of {@code x [R,W]}, as {@code x · S} with a constant 0/1 selection
   * matrix {@code S [W, to−from]}. A strided slice would be shorter, but ND4J 1.0.0-M2.1 sends its
   * gradient to the wrong columns when R = 1 (found by the gradient checks).
   *
   * @param sd the graph
   * @param x the matrix, {@code [R,W]}
   * @param width W
   * @param from first column, inclusive
   * @param to last column, exclusive
   * @param dataType x's data type
   */
  public static SDVariable columns(
      SameDiff sd, SDVariable x, long width, long from, long to, DataType dataType) {
    INDArray sel = Nd4j.zeros(dataType, width, to - from);
    for (long j = from; j < to; j++) {
      sel.putScalar(new long[] {j, j - from}, 1.0);
    }
    return times(sd, x, sd.constant(sel), width, to - from, false);
  }
}
