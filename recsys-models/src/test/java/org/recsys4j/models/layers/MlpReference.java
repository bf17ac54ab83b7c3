package org.recsys4j.models.layers;

import org.recsys4j.models.layers.dense.Activation;

/** Plain-Java reference of one dense layer: {@code act(x W + b)}. */
public final class MlpReference {
  private MlpReference() {}

  /** {@code x [B,N]}, {@code w [N,H]}, {@code bias [H]}; returns {@code [B,H]}. */
  public static double[] dense(
      double[] x, double[] w, double[] bias, int b, int n, int h, Activation act) {
    double[] y = new double[b * h];
    for (int i = 0; i < b; i++) {
      for (int j = 0; j < h; j++) {
        double s = bias[j];
        for (int k = 0; k < n; k++) {
          s += x[i * n + k] * w[k * h + j];
        }
        y[i * h + j] =
            switch (act) {
              case RELU -> Math.max(0, s);
              case TANH -> Math.tanh(s);
              case SIGMOID -> 1 / (1 + Math.exp(-s));
              case LINEAR -> s;
              case PRELU, DICE -> throw new IllegalArgumentException(act + " has parameters");
            };
      }
    }
    return y;
  }
}
