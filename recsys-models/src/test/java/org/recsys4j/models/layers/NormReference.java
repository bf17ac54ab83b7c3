package org.recsys4j.models.layers;

/** Plain-Java references of layer and batch normalisation. */
public final class NormReference {
  private NormReference() {}

  /** Layer norm over the last dimension: {@code x [P,D]} (P positions), {@code gamma, beta [D]}. */
  public static double[] layerNorm(
      double[] x, int p, int d, double[] gamma, double[] beta, double eps) {
    double[] y = new double[p * d];
    for (int i = 0; i < p; i++) {
      double mu = 0;
      for (int k = 0; k < d; k++) {
        mu += x[i * d + k];
      }
      mu /= d;
      double var = 0;
      for (int k = 0; k < d; k++) {
        var += (x[i * d + k] - mu) * (x[i * d + k] - mu);
      }
      var /= d;
      for (int k = 0; k < d; k++) {
        y[i * d + k] = gamma[k] * (x[i * d + k] - mu) / Math.sqrt(var + eps) + beta[k];
      }
    }
    return y;
  }

  /** Batch mean over B of {@code x [B,N]}. */
  public static double[] batchMean(double[] x, int b, int n) {
    double[] mu = new double[n];
    for (int i = 0; i < b; i++) {
      for (int k = 0; k < n; k++) {
        mu[k] += x[i * n + k] / b;
      }
    }
    return mu;
  }

  /** Biased batch variance over B of {@code x [B,N]}. */
  public static double[] batchVar(double[] x, int b, int n) {
    double[] mu = batchMean(x, b, n);
    double[] var = new double[n];
    for (int i = 0; i < b; i++) {
      for (int k = 0; k < n; k++) {
        var[k] += (x[i * n + k] - mu[k]) * (x[i * n + k] - mu[k]) / b;
      }
    }
    return var;
  }

  /** {@code γ (x − μ) / sqrt(σ² + ε) + β} per feature, for given statistics. */
  public static double[] normalise(
      double[] x,
      int b,
      int n,
      double[] mu,
      double[] var,
      double[] gamma,
      double[] beta,
      double eps) {
    double[] y = new double[b * n];
    for (int i = 0; i < b; i++) {
      for (int k = 0; k < n; k++) {
        y[i * n + k] = gamma[k] * (x[i * n + k] - mu[k]) / Math.sqrt(var[k] + eps) + beta[k];
      }
    }
    return y;
  }
}
