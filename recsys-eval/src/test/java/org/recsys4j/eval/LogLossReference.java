package org.recsys4j.eval;

/**
 * Plain-loop logloss straight from the Javadoc definition (clip p for positives, 1-p for
 * negatives).
 */
final class LogLossReference {
  private LogLossReference() {}

  static double logLoss(double[] p, int[] y) {
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      double q = Math.min(Math.max(p[i], 1e-7), 1 - 1e-7);
      double r = Math.min(Math.max(1 - p[i], 1e-7), 1 - 1e-7);
      sum += y[i] * Math.log(q) + (1 - y[i]) * Math.log(r);
    }
    return -sum / p.length;
  }
}
