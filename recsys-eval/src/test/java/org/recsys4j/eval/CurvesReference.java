package org.recsys4j.eval;

/** Plain-loop references for average precision. */
final class CurvesReference {
  private CurvesReference() {}

  /**
   * Mean over positives i of precision at threshold s_i: #{pos: s >= s_i} / #{all: s >= s_i}. Equal
   * to the threshold-sum definition, with ties forming one threshold.
   */
  static double averagePrecision(double[] s, int[] y) {
    double sum = 0;
    int positives = 0;
    for (int i = 0; i < s.length; i++) {
      if (y[i] != 1) {
        continue;
      }
      positives++;
      int above = 0;
      int positiveAbove = 0;
      for (int j = 0; j < s.length; j++) {
        if (s[j] >= s[i]) {
          above++;
          positiveAbove += y[j];
        }
      }
      sum += (double) positiveAbove / above;
    }
    return sum / positives;
  }
}
