package org.recsys4j.eval;

/**
 * Mean binary cross-entropy (logloss) of predicted probabilities.
 *
 * <p>Definition. With the clip {@code c(x) = min(max(x, 1e-7), 1 - 1e-7)} ({@link #EPSILON}),
 *
 * <pre>
 *   logloss = -(1/n) * sum_i [ y_i * ln(c(p_i)) + (1 - y_i) * ln(c(1 - p_i)) ]
 * </pre>
 *
 * using the natural logarithm. In exact arithmetic this is the usual {@code -(1/n) sum [y ln q +
 * (1-y) ln(1-q)]} with {@code q = c(p)}; clipping {@code 1 - p} rather than {@code p} for negatives
 * makes both classes share the same bound in floating point. The clip bounds the loss of a
 * confidently wrong prediction at {@code -ln(1e-7) ~= 16.118} instead of infinity, and a perfectly
 * confident correct prediction costs {@code -ln(1 - 1e-7) ~= 1e-7} instead of 0. Predictions must
 * be probabilities in {@code [0, 1]}; values outside that range are rejected, not clipped.
 */
public final class LogLoss {
  /** Predictions are clipped to {@code [EPSILON, 1 - EPSILON]} before taking logarithms. */
  public static final double EPSILON = 1e-7;

  private LogLoss() {}

  /**
   * Returns the mean binary cross-entropy (see the class Javadoc).
   *
   * @param p predicted probability of the positive class per row, in {@code [0, 1]}
   * @param labels one label per row, 0 or 1
   * @return the mean logloss, {@code >= 0}
   * @throws IllegalArgumentException if an array is null or empty, the lengths differ, a prediction
   *     is NaN, infinite or outside {@code [0, 1]}, or a label is not 0 or 1 (the message names the
   *     index and value)
   */
  public static double compute(double[] p, int[] labels) {
    Inputs.checkScoresAndLabels("p", p, labels);
    Inputs.checkProbabilities("p", p);
    double sum = 0;
    double compensation = 0; // Kahan summation keeps 1e7-row sums exact to ~1e-16 relative
    for (int i = 0; i < p.length; i++) {
      double q = labels[i] == 1 ? p[i] : 1.0 - p[i];
      double term = Math.log(Math.min(Math.max(q, EPSILON), 1.0 - EPSILON));
      double y = term - compensation;
      double t = sum + y;
      compensation = (t - sum) - y;
      sum = t;
    }
    return -sum / p.length;
  }
}
