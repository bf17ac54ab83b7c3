package org.recsys4j.models.layers;

import java.util.List;

/** Plain-Java reference of the logit sum: {@code y[b] = Σ_k z_k[b] + c}. */
public final class LogitSumReference {
  private LogitSumReference() {}

  /** K logit columns of length B and a bias; returns {@code [B]}. */
  public static double[] sum(List<double[]> logits, double bias) {
    double[] y = new double[logits.get(0).length];
    for (int i = 0; i < y.length; i++) {
      double s = bias;
      for (double[] z : logits) {
        s += z[i];
      }
      y[i] = s;
    }
    return y;
  }
}
