package org.recsys4j.eval;

/**
 * Average precision (AP), the step-wise area under the precision-recall curve ("PR-AUC").
 *
 * <p>Definition. Over the distinct scores in descending order {@code t_1 > ... > t_m}, with {@code
 * TP(t)}, {@code FP(t)} the positives and negatives scoring {@code >= t} and {@code P} the number
 * of positives,
 *
 * <pre>
 *   AP = sum_k (R_k - R_{k-1}) * Prec_k,    R_0 = 0,
 *   R_k = TP(t_k) / P,    Prec_k = TP(t_k) / (TP(t_k) + FP(t_k))
 * </pre>
 *
 * Without ties this is the mean, over the positives, of the precision at each positive's rank. Tied
 * rows form one threshold, so the value does not depend on the input order (the same convention as
 * scikit-learn's {@code average_precision_score}). No interpolation is applied.
 */
public final class AveragePrecision {
  private AveragePrecision() {}

  /**
   * Returns the average precision of {@code scores} against {@code labels} over all rows (see the
   * class Javadoc). For per-user or per-request AP averaged over groups use {@link
   * RankingMetrics#compute}.
   *
   * @return AP in {@code (0, 1]}
   * @throws IllegalArgumentException on empty, mismatched, non-finite or non-binary input (the
   *     message names the index and value), or if there is no positive
   */
  public static double compute(double[] scores, int[] labels) {
    int positives = Inputs.checkScoresAndLabels("scores", scores, labels);
    checkHasPositive(positives, scores.length);
    ValueCounts vc = ValueCounts.of(scores, labels, positives);
    double ap = 0;
    long tp = 0;
    long seen = 0;
    for (int k = vc.size - 1; k >= 0; k--) {
      int a = vc.positives[k];
      tp += a;
      seen += a + vc.negatives[k];
      if (a > 0) {
        ap += ((double) a / positives) * ((double) tp / seen);
      }
    }
    return ap;
  }

  static void checkHasPositive(int positives, int rows) {
    if (positives == 0) {
      throw new IllegalArgumentException(
          "labels has 0 positives in " + rows + " rows; precision-recall needs a positive");
    }
  }
}
