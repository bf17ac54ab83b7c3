package org.recsys4j.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plain-loop reference implementations of the AUC-type definitions, straight from the Javadoc. */
final class AucReference {
  private AucReference() {}

  /** O(n^2) pairwise count: [s_i > s_j] + 0.5 [s_i == s_j] over positive i, negative j. */
  static double pairwise(double[] scores, int[] labels) {
    double concordant = 0;
    long pairs = 0;
    for (int i = 0; i < scores.length; i++) {
      if (labels[i] != 1) {
        continue;
      }
      for (int j = 0; j < scores.length; j++) {
        if (labels[j] != 0) {
          continue;
        }
        pairs++;
        if (scores[i] > scores[j]) {
          concordant += 1;
        } else if (scores[i] == scores[j]) {
          concordant += 0.5;
        }
      }
    }
    return concordant / pairs;
  }

  /** Per-group loop: GAUC = sum w_u AUC_u / sum w_u with the documented skip rule; NaN if none. */
  static double groupAuc(
      double[] scores, int[] labels, long[] groups, GroupAuc.Weighting weighting) {
    Map<Long, List<Integer>> rowsByGroup = new LinkedHashMap<>();
    for (int i = 0; i < groups.length; i++) {
      rowsByGroup.computeIfAbsent(groups[i], k -> new ArrayList<>()).add(i);
    }
    double num = 0;
    double den = 0;
    for (List<Integer> rows : rowsByGroup.values()) {
      double[] s = new double[rows.size()];
      int[] y = new int[rows.size()];
      int positives = 0;
      for (int k = 0; k < rows.size(); k++) {
        s[k] = scores[rows.get(k)];
        y[k] = labels[rows.get(k)];
        positives += y[k];
      }
      if (positives == 0 || positives == rows.size()) {
        continue;
      }
      boolean constant = true;
      for (double v : s) {
        constant &= v == s[0];
      }
      if (constant) {
        continue;
      }
      double w =
          switch (weighting) {
            case IMPRESSIONS -> rows.size();
            case CLICKS -> positives;
            case UNWEIGHTED -> 1;
          };
      num += w * pairwise(s, y);
      den += w;
    }
    return num / den;
  }
}
