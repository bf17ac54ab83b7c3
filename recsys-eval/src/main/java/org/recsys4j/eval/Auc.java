package org.recsys4j.eval;

import java.util.Arrays;

/**
 * Exact area under the ROC curve for binary labels.
 *
 * <p>Definition. With positives {@code P = {i : labels[i] = 1}} and negatives {@code N = {j :
 * labels[j] = 0}},
 *
 * <pre>
 *   AUC = ( sum over i in P, j in N of  [s_i &gt; s_j] + 0.5 * [s_i == s_j] ) / (|P| * |N|)
 * </pre>
 *
 * i.e. the probability that a random positive outscores a random negative, a tied pair counting one
 * half. This equals the Mann-Whitney U statistic over {@code |P||N|} computed with mid-ranks, and
 * equals the trapezoidal area under the ROC curve with one point per distinct threshold ({@link
 * Curves#roc}). {@code -0.0} and {@code 0.0} are the same score.
 *
 * <p>Algorithm: copy the positive and the negative scores into two primitive arrays, sort each once
 * ({@code O(n log n)}), then merge them in one pass counting, for each distinct positive score, the
 * negatives strictly below and equal to it. The numerator is accumulated exactly in integers
 * ({@code 2 * count}), so the only rounding is the final division. Memory: one copy of the scores.
 * 10<sup>7</sup> rows take about one second on one core.
 */
public final class Auc {
  private Auc() {}

  /**
   * Returns the exact ROC AUC of {@code scores} against {@code labels} (see the class Javadoc for
   * the definition and tie rule).
   *
   * @param scores one finite score per row; higher means more likely positive
   * @param labels one label per row, 0 or 1
   * @return the AUC in {@code [0, 1]}
   * @throws IllegalArgumentException if an array is null or empty, the lengths differ, a score is
   *     NaN or infinite, a label is not 0 or 1 (the message names the index and value), or the
   *     labels contain only one class
   */
  public static double exact(double[] scores, int[] labels) {
    int positives = Inputs.checkScoresAndLabels("scores", scores, labels);
    int n = scores.length;
    Inputs.checkBothClasses("AUC", positives, n);
    double[] pos = new double[positives];
    double[] neg = new double[n - positives];
    int p = 0;
    int q = 0;
    for (int i = 0; i < n; i++) {
      double s = scores[i] + 0.0; // folds -0.0 into 0.0
      if (labels[i] == 1) {
        pos[p++] = s;
      } else {
        neg[q++] = s;
      }
    }
    Arrays.sort(pos);
    Arrays.sort(neg);
    long twice = twiceConcordant(pos, 0, pos.length, neg, 0, neg.length);
    return twice / (2.0 * pos.length * (double) neg.length);
  }

  /**
   * Twice the number of concordant pairs, a tie counting one (i.e. {@code 2 * #[s_i > s_j] + #[s_i
   * == s_j]}), between the ascending sorted ranges {@code pos[posFrom, posTo)} and {@code
   * neg[negFrom, negTo)}. Both ranges must be sorted ascending and free of NaN and {@code -0.0}.
   * Runs in {@code O(posTo - posFrom + negTo - negFrom)}.
   */
  static long twiceConcordant(
      double[] pos, int posFrom, int posTo, double[] neg, int negFrom, int negTo) {
    long twice = 0;
    int j = negFrom;
    int i = posFrom;
    while (i < posTo) {
      double v = pos[i];
      int iEnd = i + 1;
      while (iEnd < posTo && pos[iEnd] == v) {
        iEnd++;
      }
      while (j < negTo && neg[j] < v) {
        j++;
      }
      int k = j;
      while (k < negTo && neg[k] == v) {
        k++;
      }
      twice += (long) (iEnd - i) * (2L * (j - negFrom) + (k - j));
      i = iEnd;
      j = k;
    }
    return twice;
  }
}
