package org.recsys4j.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.recsys4j.core.Check;

/**
 * A metric computed separately on each segment of the rows (per day, per position, per country,
 * ...), given one segment key per row.
 *
 * <p>Definition. For each distinct key {@code k}, the metric is applied to the sub-arrays of the
 * rows with {@code segments[i] == k}, in their original order. Results are returned in ascending
 * key order. A segment on which the metric is undefined (it throws {@link
 * IllegalArgumentException}, e.g. AUC on a segment with one class, or returns NaN) is reported with
 * {@code value = NaN} and the reason, not dropped; the whole input is validated first, so such a
 * reason is never a NaN score or a bad label.
 *
 * <p>Example: {@code Breakdown.bySegment(day, scores, labels, Auc::exact)}.
 */
public final class Breakdown {
  /**
   * A metric of rows, e.g. {@code Auc::exact}, {@code LogLoss::compute}, {@code Calibration::copc}.
   */
  @FunctionalInterface
  public interface Metric {
    /** Computes the metric; throws {@link IllegalArgumentException} where it is undefined. */
    double compute(double[] scores, int[] labels);
  }

  /**
   * A metric of grouped rows, e.g. {@code (s, y, g) -> GroupAuc.compute(s, y, g,
   * Weighting.IMPRESSIONS).value()}.
   */
  @FunctionalInterface
  public interface GroupMetric {
    /** Computes the metric; throws {@link IllegalArgumentException} where it is undefined. */
    double compute(double[] scores, int[] labels, long[] groupIds);
  }

  private Breakdown() {}

  /**
   * Computes {@code metric} on each segment (class Javadoc).
   *
   * @param segments the segment key of each row
   * @throws IllegalArgumentException on empty or mismatched input, a NaN or infinite score or a
   *     label other than 0 or 1 (the message names the index and value), or a null metric
   */
  public static List<SegmentResult> bySegment(
      long[] segments, double[] scores, int[] labels, Metric metric) {
    Check.notNull("metric", metric);
    return run(segments, scores, labels, null, (s, y, g) -> metric.compute(s, y));
  }

  /** As {@link #bySegment(long[], double[], int[], Metric)} with {@code int} keys. */
  public static List<SegmentResult> bySegment(
      int[] segments, double[] scores, int[] labels, Metric metric) {
    Check.notNull("segments", segments);
    return bySegment(widen(segments), scores, labels, metric);
  }

  /**
   * Computes a grouped {@code metric} (such as GAUC) on each segment, passing each segment's
   * sub-array of {@code groupIds}.
   *
   * @throws IllegalArgumentException as {@link #bySegment(long[], double[], int[], Metric)}, or if
   *     {@code groupIds} is null or of the wrong length
   */
  public static List<SegmentResult> bySegment(
      long[] segments, double[] scores, int[] labels, long[] groupIds, GroupMetric metric) {
    Check.notNull("metric", metric);
    Check.notNull("groupIds", groupIds);
    return run(segments, scores, labels, groupIds, metric);
  }

  /** As {@link #bySegment(long[], double[], int[], long[], GroupMetric)} with {@code int} keys. */
  public static List<SegmentResult> bySegment(
      int[] segments, double[] scores, int[] labels, long[] groupIds, GroupMetric metric) {
    Check.notNull("segments", segments);
    return bySegment(widen(segments), scores, labels, groupIds, metric);
  }

  private static List<SegmentResult> run(
      long[] segments, double[] scores, int[] labels, long[] groupIds, GroupMetric metric) {
    Inputs.checkScoresAndLabels("scores", scores, labels);
    int n = scores.length;
    Inputs.checkKeys("segments", segments, n);
    if (groupIds != null) {
      Inputs.checkKeys("groupIds", groupIds, n);
    }
    DenseIds dense = DenseIds.of(segments);
    int count = dense.count;
    // segments in ascending key order
    long[] order = new long[count];
    for (int d = 0; d < count; d++) {
      order[d] = dense.keys[d];
    }
    Arrays.sort(order);
    int[] rank = new int[count];
    for (int d = 0; d < count; d++) {
      rank[d] = Arrays.binarySearch(order, dense.keys[d]);
    }
    int[] next = new int[count + 1];
    for (int i = 0; i < n; i++) {
      next[rank[dense.ids[i]] + 1]++;
    }
    for (int r = 1; r <= count; r++) {
      next[r] += next[r - 1];
    }
    int[] start = next.clone();
    int[] rowOrder = new int[n];
    for (int i = 0; i < n; i++) {
      rowOrder[next[rank[dense.ids[i]]]++] = i;
    }
    List<SegmentResult> out = new ArrayList<>(count);
    for (int r = 0; r < count; r++) {
      int from = start[r];
      int len = start[r + 1] - from;
      double[] s = new double[len];
      int[] y = new int[len];
      long[] g = groupIds == null ? null : new long[len];
      int positives = 0;
      for (int k = 0; k < len; k++) {
        int row = rowOrder[from + k];
        s[k] = scores[row];
        y[k] = labels[row];
        positives += y[k];
        if (g != null) {
          g[k] = groupIds[row];
        }
      }
      double value;
      String reason = null;
      try {
        value = metric.compute(s, y, g);
        if (Double.isNaN(value)) {
          reason = "metric returned NaN";
        }
      } catch (IllegalArgumentException e) {
        value = Double.NaN;
        reason = e.getMessage();
      }
      out.add(new SegmentResult(order[r], len, positives, value, reason));
    }
    return List.copyOf(out);
  }

  private static long[] widen(int[] keys) {
    long[] out = new long[keys.length];
    for (int i = 0; i < keys.length; i++) {
      out[i] = keys[i];
    }
    return out;
  }
}
