package org.recsys4j.models.layers;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/** Matrix products that step around SameDiff 1.0.0-M2.1 quirks. */
public final class MatMul {
  private MatMul() {}

  /**
   * {@code a · w} ({@code transposeW=false}, w {@code [K,M]}) or {@code a · w^T} ({@code true}, w
   * {@code [M,K]}) for {@code a [B,K]}: a matmul, except for inner dimension {@code K = 1}, where
   * it is the broadcast multiply {@code a [B,1] ⊙ w [1,M]} (ND4J 1.0.0-M2.1's matmul backward
   * fails on {@code [1,1]x[1,1]}).
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
    return transposeW ? sd.mmul(a, w, false, true, false) : a.mmul(w);
  }
}
