package org.recsys4j.models.layers;

/** Plain-Java reference of the FM cross: the pairwise double loop of the definition. */
public final class FmCrossReference {
  private FmCrossReference() {}

  /**
   * {@code y[b] = Σ_{i<j} m_i m_j <x_i, x_j>} for {@code x} of shape {@code [B,F,D]} and mask
   * {@code [B,F]} (null = all ones).
   */
  public static double[] pairwise(double[] x, double[] mask, int b, int f, int d) {
    double[] y = new double[b];
    for (int n = 0; n < b; n++) {
      double s = 0;
      for (int i = 0; i < f; i++) {
        for (int j = i + 1; j < f; j++) {
          double mi = mask == null ? 1 : mask[n * f + i];
          double mj = mask == null ? 1 : mask[n * f + j];
          double dot = 0;
          for (int k = 0; k < d; k++) {
            dot += x[(n * f + i) * d + k] * x[(n * f + j) * d + k];
          }
          s += mi * mj * dot;
        }
      }
      y[n] = s;
    }
    return y;
  }
}
