package org.recsys4j.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain-loop per-group ranking metrics: sort each group's rows by descending score, negatives first
 * among ties (the pessimistic order), then apply the textbook formulas; groups without a positive
 * are skipped. Returns {ap, ndcg, recall, hit, mrr, groupsUsed, groupsWithoutPositive}.
 */
final class RankingMetricsReference {
  private RankingMetricsReference() {}

  static double[] compute(double[] s, int[] y, long[] g, int k) {
    Map<Long, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < s.length; i++) {
      groups.computeIfAbsent(g[i], x -> new ArrayList<>()).add(i);
    }
    double ap = 0;
    double ndcg = 0;
    double recall = 0;
    double hit = 0;
    double mrr = 0;
    int used = 0;
    int without = 0;
    for (List<Integer> rows : groups.values()) {
      int positives = 0;
      for (int i : rows) {
        positives += y[i];
      }
      if (positives == 0) {
        without++;
        continue;
      }
      used++;
      // "+ 0.0" folds -0.0 into 0.0: Double.compare would order them, the metric treats them equal
      rows.sort(
          Comparator.<Integer>comparingDouble(i -> -(s[i] + 0.0)).thenComparingInt(i -> y[i]));
      double[] gs = new double[rows.size()];
      int[] gy = new int[rows.size()];
      for (int r = 0; r < rows.size(); r++) {
        gs[r] = s[rows.get(r)];
        gy[r] = y[rows.get(r)];
      }
      ap += CurvesReference.averagePrecision(gs, gy);
      double dcg = 0;
      double idcg = 0;
      int inTopK = 0;
      double rr = 0;
      for (int r = 1; r <= rows.size(); r++) {
        if (gy[r - 1] == 1) {
          if (rr == 0) {
            rr = 1.0 / r;
          }
          if (r <= k) {
            dcg += 1 / log2(r + 1);
            inTopK++;
          }
        }
      }
      for (int r = 1; r <= Math.min(k, positives); r++) {
        idcg += 1 / log2(r + 1);
      }
      ndcg += dcg / idcg;
      recall += (double) inTopK / positives;
      hit += inTopK > 0 ? 1 : 0;
      mrr += rr;
    }
    return new double[] {
      ap / used, ndcg / used, recall / used, hit / used, mrr / used, used, without
    };
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
