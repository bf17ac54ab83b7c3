package org.recsys4j.models.layers;

/** Plain-Java reference of the numeric embedding: {@code out[b,n,d] = x[b,n]·v[n,d]}. */
public final class NumericEmbeddingReference {
  private NumericEmbeddingReference() {}

  /** {@code x [B,N]}, {@code v [N,D]}; returns {@code [B,N,D]}. */
  public static double[] embed(double[] x, double[] v, int b, int n, int d) {
    double[] y = new double[b * n * d];
    for (int i = 0; i < b; i++) {
      for (int j = 0; j < n; j++) {
        for (int k = 0; k < d; k++) {
          y[(i * n + j) * d + k] = x[i * n + j] * v[j * d + k];
        }
      }
    }
    return y;
  }
}
