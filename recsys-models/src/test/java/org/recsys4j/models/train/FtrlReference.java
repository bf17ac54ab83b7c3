package org.recsys4j.models.train;

/**
 * FTRL-Proximal as printed in McMahan et al. 2013 (Algorithm 1), one coordinate at a time in
 * double: the weight is computed from {@code z} and {@code n} before each gradient, then {@code z}
 * and {@code n} are updated.
 */
final class FtrlReference {
  final double alpha;
  final double beta;
  final double l1;
  final double l2;
  final double[] z;
  final double[] n;

  FtrlReference(double alpha, double beta, double l1, double l2, int size) {
    this.alpha = alpha;
    this.beta = beta;
    this.l1 = l1;
    this.l2 = l2;
    this.z = new double[size];
    this.n = new double[size];
  }

  /** The weight of coordinate {@code i} (the paper's closed form). */
  double weight(int i) {
    if (Math.abs(z[i]) <= l1) {
      return 0;
    }
    return -(z[i] - Math.signum(z[i]) * l1) / ((beta + Math.sqrt(n[i])) / alpha + l2);
  }

  /** One gradient {@code g} on coordinate {@code i}, the weight being {@code w}. */
  void step(int i, double g, double w) {
    double sigma = (Math.sqrt(n[i] + g * g) - Math.sqrt(n[i])) / alpha;
    z[i] += g - sigma * w;
    n[i] += g * g;
  }
}
