package org.recsys4j.eval;

import org.recsys4j.core.Check;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Top-k ranking metrics computed within each group (a request or a user) and averaged over groups.
 *
 * <p>Within a group with {@code P >= 1} positives, rows are ranked by descending score, ranks
 * starting at 1. Relevance is binary (the label). Per group:
 *
 * <ul>
 *   <li>{@code AP} = average precision ({@link AveragePrecision}, ties form one threshold);
 *   <li>{@code NDCG@k = DCG@k / IDCG@k} with {@code DCG@k = sum_{r <= k} y_r / log2(r + 1)} and
 *       {@code IDCG@k = sum_{r=1}^{min(k, P)} 1 / log2(r + 1)};
 *   <li>{@code Recall@k} = (positives ranked {@code <= k}) / {@code P};
 *   <li>{@code HitRate@k} = 1 if a positive is ranked {@code <= k}, else 0;
 *   <li>{@code MRR} term = 1 / (rank of the first positive), no cutoff.
 * </ul>
 *
 * <p>Ties. For the rank-based metrics (NDCG, recall, hit rate, MRR) tied rows are ordered
 * pessimistically: negatives before positives, so a model never gains from ties and a constant
 * predictor scores as badly as possible. AP treats a tie as one threshold (as in {@link
 * AveragePrecision}). The results never depend on the input row order.
 *
 * <p>Averaging. Each metric is the unweighted mean of its per-group values over the groups with at
 * least one positive. Groups without a positive are excluded (their recall, NDCG and AP are
 * undefined) and counted in {@link RankingResult#groupsWithoutPositive()}; groups whose rows are
 * all positive are included (they score 1 on every metric).
 */
public final class RankingMetrics {
  private static final Logger LOG = LoggerFactory.getLogger(RankingMetrics.class);

  private RankingMetrics() {}

  /**
   * Computes AP, NDCG@k, Recall@k, HitRate@k and MRR per group and averages them (class Javadoc).
   *
   * @param scores one finite score per row
   * @param labels one label per row, 0 or 1
   * @param groupIds the request or user of each row (rows of a group need not be contiguous)
   * @param k the cutoff, {@code >= 1}
   * @throws IllegalArgumentException on empty or mismatched input, a NaN or infinite score, a label
   *     other than 0 or 1 (the message names the index and value), {@code k < 1}, or if no group
   *     has a positive
   */
  public static RankingResult compute(double[] scores, int[] labels, long[] groupIds, int k) {
    Inputs.checkScoresAndLabels("scores", scores, labels);
    Inputs.checkKeys("groupIds", groupIds, scores.length);
    Check.positive("k", k);
    GroupedScores grouped = GroupedScores.of(scores, labels, DenseIds.of(groupIds));
    double[] sorted = grouped.sorted;
    int maxIdeal = 0;
    for (int g = 0; g < grouped.groups; g++) {
      maxIdeal = Math.max(maxIdeal, Math.min(k, grouped.positives(g)));
    }
    // idcg[m] = sum_{r=1}^{m} 1 / log2(r + 1)
    double[] idcg = new double[maxIdeal + 1];
    for (int r = 1; r <= maxIdeal; r++) {
      idcg[r] = idcg[r - 1] + discount(r);
    }
    double sumAp = 0;
    double sumNdcg = 0;
    double sumRecall = 0;
    double sumHit = 0;
    double sumRr = 0;
    int used = 0;
    int withoutPositive = 0;
    for (int g = 0; g < grouped.groups; g++) {
      int positives = grouped.positives(g);
      if (positives == 0) {
        withoutPositive++;
        continue;
      }
      int negStart = grouped.start[g];
      int posStart = grouped.split[g];
      int i = grouped.start[g + 1] - 1; // next positive, descending
      int j = posStart - 1; // next negative, descending
      long seen = 0;
      long truePositives = 0;
      long hits = 0;
      double ap = 0;
      double dcg = 0;
      double reciprocalRank = 0;
      while (i >= posStart || j >= negStart) {
        double v =
            Math.max(
                i >= posStart ? sorted[i] : Double.NEGATIVE_INFINITY,
                j >= negStart ? sorted[j] : Double.NEGATIVE_INFINITY);
        int a = 0;
        while (i >= posStart && sorted[i] == v) {
          i--;
          a++;
        }
        int b = 0;
        while (j >= negStart && sorted[j] == v) {
          j--;
          b++;
        }
        // pessimistic order: the b negatives take ranks seen+1..seen+b, positives follow
        long firstPositiveRank = seen + b + 1;
        if (a > 0 && truePositives == 0) {
          reciprocalRank = 1.0 / firstPositiveRank;
        }
        for (long r = firstPositiveRank; r < firstPositiveRank + a && r <= k; r++) {
          dcg += discount(r);
          hits++;
        }
        seen += a + b;
        truePositives += a;
        if (a > 0) {
          ap += ((double) a / positives) * ((double) truePositives / seen);
        }
      }
      used++;
      sumAp += ap;
      sumNdcg += dcg / idcg[Math.min(k, positives)];
      sumRecall += (double) hits / positives;
      sumHit += hits > 0 ? 1 : 0;
      sumRr += reciprocalRank;
    }
    if (used == 0) {
      throw new IllegalArgumentException(
          "none of the "
              + grouped.groups
              + " groups has a positive; ranking metrics need a group with a positive");
    }
    LOG.debug("ranking metrics @{} over {} groups ({} without positive)", k, used, withoutPositive);
    return new RankingResult(
        k,
        sumAp / used,
        sumNdcg / used,
        sumRecall / used,
        sumHit / used,
        sumRr / used,
        used,
        withoutPositive);
  }

  private static double discount(long rank) {
    return 1.0 / (Math.log(rank + 1.0) / Math.log(2.0));
  }
}
