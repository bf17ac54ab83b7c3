package org.recsys4j.eval;

import java.util.List;

/**
 * A reliability (calibration) curve, from {@link Calibration#reliability}.
 *
 * @param binning how rows were assigned to bins
 * @param requestedBins the requested number of bins {@code B}
 * @param bins the non-empty bins in increasing index order (at most {@code B})
 * @param count total number of rows {@code n}
 * @param positives total number of positive rows
 * @param sumPredicted sum of all predictions
 */
public record ReliabilityCurve(
    Calibration.Binning binning,
    int requestedBins,
    List<CalibrationBin> bins,
    long count,
    long positives,
    double sumPredicted) {

  /** Copies {@code bins}. */
  public ReliabilityCurve {
    bins = List.copyOf(bins);
  }

  /**
   * Overall COPC {@code positives / sumPredicted} ({@code +Infinity} or {@code NaN} if every
   * prediction is 0, see {@link CalibrationBin#copc()}).
   */
  public double copc() {
    return positives / sumPredicted;
  }

  /**
   * Expected calibration error {@code ECE = sum_b (n_b / n) * |observedRate_b - meanPredicted_b|}
   * over the bins.
   */
  public double expectedCalibrationError() {
    double ece = 0;
    for (CalibrationBin b : bins) {
      ece += (double) b.count() / count * Math.abs(b.observedRate() - b.meanPredicted());
    }
    return ece;
  }

  /** Maximum calibration error {@code max_b |observedRate_b - meanPredicted_b|}. */
  public double maxCalibrationError() {
    double mce = 0;
    for (CalibrationBin b : bins) {
      mce = Math.max(mce, Math.abs(b.observedRate() - b.meanPredicted()));
    }
    return mce;
  }
}
