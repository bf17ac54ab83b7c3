package org.recsys4j.eval;

import java.util.Arrays;

/**
 * The distinct scores of a data set in ascending order with the number of positives and negatives
 * at each, built by sorting the positive and negative scores separately and merging them ({@code
 * O(n log n)}, no boxing). {@code -0.0} is folded into {@code 0.0}. The basis of the ROC and PR
 * curves, average precision and equal-count calibration bins.
 */
final class ValueCounts {
  final double[] values;
  final int[] positives;
  final int[] negatives;
  final int size;
  final int totalPositives;
  final int totalNegatives;

  private ValueCounts(
      double[] values, int[] positives, int[] negatives, int size, int totalPos, int totalNeg) {
    this.values = values;
    this.positives = positives;
    this.negatives = negatives;
    this.size = size;
    this.totalPositives = totalPos;
    this.totalNegatives = totalNeg;
  }

  /** Scores and labels must already be validated; {@code positives} is the number of ones. */
  static ValueCounts of(double[] scores, int[] labels, int positives) {
    int n = scores.length;
    double[] pos = new double[positives];
    double[] neg = new double[n - positives];
    int p = 0;
    int q = 0;
    for (int i = 0; i < n; i++) {
      if (labels[i] == 1) {
        pos[p++] = scores[i] + 0.0;
      } else {
        neg[q++] = scores[i] + 0.0;
      }
    }
    Arrays.sort(pos);
    Arrays.sort(neg);
    double[] values = new double[n];
    int[] posAt = new int[n];
    int[] negAt = new int[n];
    int size = 0;
    int i = 0;
    int j = 0;
    while (i < pos.length || j < neg.length) {
      double v;
      if (j >= neg.length || (i < pos.length && pos[i] <= neg[j])) {
        v = pos[i];
      } else {
        v = neg[j];
      }
      int a = 0;
      while (i < pos.length && pos[i] == v) {
        i++;
        a++;
      }
      int b = 0;
      while (j < neg.length && neg[j] == v) {
        j++;
        b++;
      }
      values[size] = v;
      posAt[size] = a;
      negAt[size] = b;
      size++;
    }
    return new ValueCounts(values, posAt, negAt, size, positives, n - positives);
  }
}
