package org.recsys4j.eval;

import org.recsys4j.core.Check;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * User-level (group-level) AUC, "GAUC": the weighted mean of the exact AUC within each group.
 *
 * <p>Definition. Rows are grouped by {@code groupIds} (a user or request id; the rows of a group
 * need not be contiguous). For each group {@code u} let {@code AUC_u} be {@link Auc#exact} on the
 * group's rows (ties count one half) and {@code w_u} its weight. Then
 *
 * <pre>
 *   GAUC = sum_u w_u * AUC_u / sum_u w_u        (sums over used groups only)
 * </pre>
 *
 * with {@code w_u} given by {@link Weighting}: the number of rows of the group ({@link
 * Weighting#IMPRESSIONS}, the usual definition), its number of positives ({@link
 * Weighting#CLICKS}), or 1 ({@link Weighting#UNWEIGHTED}).
 *
 * <p>Skip rule. A group is skipped, and counted in {@link GroupAucResult}, if
 *
 * <ol>
 *   <li>all its rows have the same label ({@code oneClassGroups}; its AUC is undefined), checked
 *       first, or else
 *   <li>all its scores are equal ({@code constantScoreGroups}; its AUC would be exactly 0.5 and
 *       carries no ranking information).
 * </ol>
 *
 * A single-row group is therefore always a one-class group.
 *
 * <p>Algorithm: map group ids to dense ids with a primitive hash table, counting-sort the rows by
 * {@code (group, label)}, sort each group's positive and negative scores (primitive sorts of small
 * ranges), and merge them per group. {@code O(n log m)} for a largest group of {@code m} rows and
 * {@code O(n)} extra memory; 10<sup>7</sup> rows over 10<sup>6</sup> users take about a second.
 */
public final class GroupAuc {
  private static final Logger LOG = LoggerFactory.getLogger(GroupAuc.class);

  /** The weight {@code w_u} of group {@code u} in the GAUC mean. */
  public enum Weighting {
    /** {@code w_u} = number of rows (impressions) of the group. */
    IMPRESSIONS,
    /** {@code w_u} = number of positive rows (clicks) of the group. */
    CLICKS,
    /** {@code w_u} = 1: every used group counts the same. */
    UNWEIGHTED;

    /** The weight of a group with {@code rows} rows of which {@code positives} are positive. */
    double weight(int rows, int positives) {
      return switch (this) {
        case IMPRESSIONS -> rows;
        case CLICKS -> positives;
        case UNWEIGHTED -> 1.0;
      };
    }
  }

  private GroupAuc() {}

  /**
   * Computes GAUC (see the class Javadoc for the formula and the skip rule).
   *
   * @param scores one finite score per row
   * @param labels one label per row, 0 or 1
   * @param groupIds the group (user or request) of each row
   * @param weighting how groups are weighted
   * @return the value and the counts of used and skipped groups and rows
   * @throws IllegalArgumentException if an array is null or empty, the lengths differ, a score is
   *     NaN or infinite, a label is not 0 or 1 (the message names the index and value), or every
   *     group is skipped
   */
  public static GroupAucResult compute(
      double[] scores, int[] labels, long[] groupIds, Weighting weighting) {
    Inputs.checkScoresAndLabels("scores", scores, labels);
    Inputs.checkKeys("groupIds", groupIds, scores.length);
    Check.notNull("weighting", weighting);
    PerGroup per = PerGroup.of(scores, labels, DenseIds.of(groupIds));
    return per.aggregate(weighting);
  }

  /**
   * Per-group statistics: rows, positives and AUC of each dense group, with {@code NaN} AUC for a
   * skipped group. Shared with {@link PairedBootstrap}.
   */
  static final class PerGroup {
    final int[] rows;
    final int[] positives;
    final double[] auc;
    final boolean[] oneClass;

    private PerGroup(int[] rows, int[] positives, double[] auc, boolean[] oneClass) {
      this.rows = rows;
      this.positives = positives;
      this.auc = auc;
      this.oneClass = oneClass;
    }

    static PerGroup of(double[] scores, int[] labels, DenseIds dense) {
      GroupedScores grouped = GroupedScores.of(scores, labels, dense);
      int groups = grouped.groups;
      int[] rows = new int[groups];
      int[] positives = new int[groups];
      double[] auc = new double[groups];
      boolean[] oneClass = new boolean[groups];
      for (int g = 0; g < groups; g++) {
        rows[g] = grouped.rows(g);
        positives[g] = grouped.positives(g);
        if (positives[g] == 0 || positives[g] == rows[g]) {
          oneClass[g] = true;
          auc[g] = Double.NaN;
        } else if (grouped.constantScore(g)) {
          auc[g] = Double.NaN;
        } else {
          auc[g] = grouped.auc(g);
        }
      }
      return new PerGroup(rows, positives, auc, oneClass);
    }

    GroupAucResult aggregate(Weighting weighting) {
      double weightedSum = 0;
      double weightTotal = 0;
      int used = 0;
      long rowsUsed = 0;
      long rowsSkipped = 0;
      int oneClassGroups = 0;
      int constantGroups = 0;
      for (int g = 0; g < auc.length; g++) {
        if (Double.isNaN(auc[g])) {
          rowsSkipped += rows[g];
          if (oneClass[g]) {
            oneClassGroups++;
          } else {
            constantGroups++;
          }
          continue;
        }
        double w = weighting.weight(rows[g], positives[g]);
        weightedSum += w * auc[g];
        weightTotal += w;
        used++;
        rowsUsed += rows[g];
      }
      if (used == 0) {
        throw new IllegalArgumentException(
            "all "
                + auc.length
                + " groups were skipped ("
                + oneClassGroups
                + " with one class, "
                + constantGroups
                + " with constant scores); GAUC needs a group with both classes and"
                + " distinct scores");
      }
      LOG.debug(
          "GAUC over {} groups ({} skipped: {} one-class, {} constant-score)",
          used,
          oneClassGroups + constantGroups,
          oneClassGroups,
          constantGroups);
      return new GroupAucResult(
          weightedSum / weightTotal,
          used,
          oneClassGroups + constantGroups,
          rowsUsed,
          rowsSkipped,
          oneClassGroups,
          constantGroups);
    }
  }
}
