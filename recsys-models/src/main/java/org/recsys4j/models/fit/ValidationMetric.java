package org.recsys4j.models.fit;

/** A metric computed on the validation source after each epoch. */
public enum ValidationMetric {
  /** Area under the ROC curve ({@code org.recsys4j.eval.Auc#exact}); higher is better. */
  AUC(true),
  /**
   * Impression-weighted group AUC over {@link FitOptions#gaucGroup()} ({@code
   * org.recsys4j.eval.GroupAuc}); higher is better.
   */
  GAUC(true),
  /** Mean binary cross-entropy ({@code org.recsys4j.eval.LogLoss}); lower is better. */
  LOGLOSS(false);

  private final boolean higherIsBetter;

  ValidationMetric(boolean higherIsBetter) {
    this.higherIsBetter = higherIsBetter;
  }

  /** Whether a larger value is an improvement. */
  public boolean higherIsBetter() {
    return higherIsBetter;
  }

  /** Whether {@code value} improves on {@code best} by more than {@code minDelta}. */
  public boolean improves(double value, double best, double minDelta) {
    if (Double.isNaN(best)) {
      return true;
    }
    return higherIsBetter ? value > best + minDelta : value < best - minDelta;
  }
}
