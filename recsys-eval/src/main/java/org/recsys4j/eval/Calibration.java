package org.recsys4j.eval;

import java.util.ArrayList;
import java.util.List;
import org.recsys4j.core.Check;

/**
 * Calibration of predicted probabilities: COPC and reliability curves.
 *
 * <p>COPC ("click over predicted click") of a set of rows is
 *
 * <pre>
 *   COPC = sum_i y_i / sum_i p_i
 * </pre>
 *
 * i.e. observed positives over expected positives: 1 for a calibrated model, above 1 when the model
 * under-predicts, below 1 when it over-predicts.
 *
 * <p>A reliability curve splits the rows into bins by prediction ({@link Binning}) and reports, per
 * non-empty bin, the mean prediction, the observed positive rate and the bin's COPC ({@link
 * CalibrationBin}); a calibrated model has {@code observedRate ~= meanPredicted} in every bin. Its
 * summary {@link ReliabilityCurve#expectedCalibrationError()} is {@code ECE = sum_b (n_b / n) *
 * |observedRate_b - meanPredicted_b|}.
 *
 * <p>Predictions must be probabilities in {@code [0, 1]}.
 */
public final class Calibration {
  /** How rows are assigned to the {@code B} requested bins. */
  public enum Binning {
    /**
     * Bin {@code b = min(B - 1, floor(p * B))}: equal-width intervals {@code [b/B, (b+1)/B)} of
     * {@code [0, 1]}, the last one closed.
     */
    EQUAL_WIDTH,
    /**
     * Equal-count (quantile) bins: a row whose prediction has {@code r} rows strictly below it goes
     * to bin {@code floor(B * r / n)}. Rows with equal predictions always share a bin, so with ties
     * some bins may be empty and others larger than {@code n / B}.
     */
    EQUAL_COUNT
  }

  private Calibration() {}

  /**
   * Returns the COPC {@code sum y / sum p} of all rows.
   *
   * @throws IllegalArgumentException on empty or mismatched input, a prediction that is NaN or
   *     outside {@code [0, 1]}, a label that is not 0 or 1 (the message names the index and value),
   *     or if every prediction is 0 (COPC undefined)
   */
  public static double copc(double[] p, int[] labels) {
    int positives = Inputs.checkScoresAndLabels("p", p, labels);
    Inputs.checkProbabilities("p", p);
    double sum = 0;
    for (double v : p) {
      sum += v;
    }
    checkPositiveSum(sum);
    return positives / sum;
  }

  /**
   * Returns the reliability curve of {@code p} against {@code labels} with {@code bins} bins
   * assigned by {@code binning}. Empty bins are omitted from {@link ReliabilityCurve#bins()}.
   *
   * @param bins requested number of bins, in {@code [1, 10^6]}
   * @throws IllegalArgumentException on empty or mismatched input, a prediction that is NaN or
   *     outside {@code [0, 1]}, a label that is not 0 or 1 (the message names the index and value),
   *     a bad {@code bins}, or a null {@code binning}
   */
  public static ReliabilityCurve reliability(double[] p, int[] labels, int bins, Binning binning) {
    int positives = Inputs.checkScoresAndLabels("p", p, labels);
    Inputs.checkProbabilities("p", p);
    Check.inRange("bins", bins, 1, 1_000_000);
    Check.notNull("binning", binning);
    long[] count = new long[bins];
    long[] pos = new long[bins];
    double[] sum = new double[bins];
    double[] min = new double[bins];
    double[] max = new double[bins];
    java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
    int n = p.length;
    if (binning == Binning.EQUAL_WIDTH) {
      for (int i = 0; i < n; i++) {
        double v = p[i] + 0.0;
        int b = Math.min(bins - 1, (int) (v * bins));
        count[b]++;
        pos[b] += labels[i];
        sum[b] += v;
        min[b] = Math.min(min[b], v);
        max[b] = Math.max(max[b], v);
      }
    } else {
      ValueCounts vc = ValueCounts.of(p, labels, positives);
      long below = 0;
      for (int k = 0; k < vc.size; k++) {
        int b = (int) ((long) bins * below / n);
        double v = vc.values[k];
        long c = vc.positives[k] + (long) vc.negatives[k];
        count[b] += c;
        pos[b] += vc.positives[k];
        sum[b] += v * c;
        min[b] = Math.min(min[b], v);
        max[b] = Math.max(max[b], v);
        below += c;
      }
    }
    List<CalibrationBin> out = new ArrayList<>();
    double total = 0;
    for (int b = 0; b < bins; b++) {
      if (count[b] > 0) {
        out.add(new CalibrationBin(b, count[b], pos[b], sum[b], min[b], max[b]));
        total += sum[b];
      }
    }
    return new ReliabilityCurve(binning, bins, out, n, positives, total);
  }

  static void checkPositiveSum(double sum) {
    if (!(sum > 0)) {
      throw new IllegalArgumentException(
          "sum of p=" + sum + " must be > 0; COPC = sum(labels) / sum(p) is undefined");
    }
  }
}
