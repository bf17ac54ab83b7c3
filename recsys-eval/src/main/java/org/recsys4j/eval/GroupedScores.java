package org.recsys4j.eval;

import java.util.Arrays;

/**
 * Rows rearranged by group: for each dense group {@code g} the scores of its negatives occupy
 * {@code sorted[start[g], split[g])} and those of its positives {@code sorted[split[g],
 * start[g+1])}, each range sorted ascending with {@code -0.0} folded into {@code 0.0}.
 *
 * <p>Built with one counting sort on the key {@code 2 * group + label} ({@code O(n + groups)}) and
 * one primitive sort per range; no boxing, no global comparison sort.
 */
final class GroupedScores {
  final double[] sorted;
  final int[] start;
  final int[] split;
  final int groups;

  private GroupedScores(double[] sorted, int[] start, int[] split, int groups) {
    this.sorted = sorted;
    this.start = start;
    this.split = split;
    this.groups = groups;
  }

  /** Scores and labels must already be validated; {@code dense} gives each row's group. */
  static GroupedScores of(double[] scores, int[] labels, DenseIds dense) {
    int n = scores.length;
    int groups = dense.count;
    int[] ids = dense.ids;
    int[] next = new int[2 * groups + 1];
    for (int i = 0; i < n; i++) {
      next[2 * ids[i] + labels[i] + 1]++;
    }
    for (int b = 1; b < next.length; b++) {
      next[b] += next[b - 1];
    }
    int[] start = new int[groups + 1];
    int[] split = new int[groups];
    for (int g = 0; g < groups; g++) {
      start[g] = next[2 * g];
      split[g] = next[2 * g + 1];
    }
    start[groups] = n;
    double[] sorted = new double[n];
    for (int i = 0; i < n; i++) {
      sorted[next[2 * ids[i] + labels[i]]++] = scores[i] + 0.0;
    }
    for (int g = 0; g < groups; g++) {
      sortRange(sorted, start[g], split[g]);
      sortRange(sorted, split[g], start[g + 1]);
    }
    return new GroupedScores(sorted, start, split, groups);
  }

  int negatives(int g) {
    return split[g] - start[g];
  }

  int positives(int g) {
    return start[g + 1] - split[g];
  }

  int rows(int g) {
    return start[g + 1] - start[g];
  }

  /** True if the group has both classes and all its scores are equal. */
  boolean constantScore(int g) {
    double lo = Math.min(sorted[start[g]], sorted[split[g]]);
    double hi = Math.max(sorted[split[g] - 1], sorted[start[g + 1] - 1]);
    return lo == hi;
  }

  /** Exact AUC of group {@code g}; the group must have both classes. */
  double auc(int g) {
    long twice = Auc.twiceConcordant(sorted, split[g], start[g + 1], sorted, start[g], split[g]);
    return twice / (2.0 * positives(g) * (double) negatives(g));
  }

  private static void sortRange(double[] a, int from, int to) {
    int len = to - from;
    if (len < 2) {
      return;
    }
    if (len <= 32) {
      for (int i = from + 1; i < to; i++) {
        double v = a[i];
        int j = i - 1;
        while (j >= from && a[j] > v) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = v;
      }
    } else {
      Arrays.sort(a, from, to);
    }
  }
}
