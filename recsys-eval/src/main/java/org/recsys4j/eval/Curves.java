package org.recsys4j.eval;

/**
 * ROC and precision-recall curves with one point per distinct score threshold.
 *
 * <p>For a threshold {@code t} let {@code TP(t) = #{i : y_i = 1, s_i >= t}} and {@code FP(t) = #{i
 * : y_i = 0, s_i >= t}}, with {@code P} positives and {@code N} negatives in total. Thresholds run
 * over the distinct scores in descending order {@code t_1 > t_2 > ... > t_m}, so tied rows enter
 * the curve together (a diagonal segment), which is what makes the trapezoidal area of the ROC
 * curve equal {@link Auc#exact} with ties counted one half.
 */
public final class Curves {
  private Curves() {}

  /**
   * The ROC curve: {@code x = FPR = FP(t)/N}, {@code y = TPR = TP(t)/P}, starting at {@code (0, 0)}
   * and followed by one point per distinct threshold, ending at {@code (1, 1)}.
   *
   * @throws IllegalArgumentException on empty, mismatched, non-finite or non-binary input (the
   *     message names the index and value), or if only one class is present
   */
  public static Curve roc(double[] scores, int[] labels) {
    int positives = Inputs.checkScoresAndLabels("scores", scores, labels);
    Inputs.checkBothClasses("a ROC curve", positives, scores.length);
    ValueCounts vc = ValueCounts.of(scores, labels, positives);
    double[] x = new double[vc.size + 1];
    double[] y = new double[vc.size + 1];
    long tp = 0;
    long fp = 0;
    for (int k = vc.size - 1, point = 1; k >= 0; k--, point++) {
      tp += vc.positives[k];
      fp += vc.negatives[k];
      x[point] = (double) fp / vc.totalNegatives;
      y[point] = (double) tp / vc.totalPositives;
    }
    return new Curve(x, y);
  }

  /**
   * The precision-recall curve: {@code x = recall = TP(t)/P}, {@code y = precision = TP(t) / (TP(t)
   * + FP(t))}, starting by convention at {@code (0, 1)} and followed by one point per distinct
   * threshold, ending at {@code (1, P/n)}. {@link AveragePrecision#compute} is the step area {@code
   * sum_k (x_k - x_{k-1}) * y_k} under this curve.
   *
   * @throws IllegalArgumentException on empty, mismatched, non-finite or non-binary input (the
   *     message names the index and value), or if there is no positive
   */
  public static Curve precisionRecall(double[] scores, int[] labels) {
    int positives = Inputs.checkScoresAndLabels("scores", scores, labels);
    AveragePrecision.checkHasPositive(positives, scores.length);
    ValueCounts vc = ValueCounts.of(scores, labels, positives);
    double[] x = new double[vc.size + 1];
    double[] y = new double[vc.size + 1];
    y[0] = 1.0;
    long tp = 0;
    long seen = 0;
    for (int k = vc.size - 1, point = 1; k >= 0; k--, point++) {
      tp += vc.positives[k];
      seen += vc.positives[k] + vc.negatives[k];
      x[point] = (double) tp / vc.totalPositives;
      y[point] = (double) tp / seen;
    }
    return new Curve(x, y);
  }
}
