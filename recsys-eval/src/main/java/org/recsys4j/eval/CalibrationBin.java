package org.recsys4j.eval;

/**
 * One non-empty bin of a {@link ReliabilityCurve}.
 *
 * @param index the bin number {@code b} in {@code [0, B)} (see {@link Calibration.Binning})
 * @param count number of rows {@code n_b} in the bin, {@code >= 1}
 * @param positives number of positive rows in the bin
 * @param sumPredicted sum of the predictions of the bin's rows
 * @param minPredicted smallest prediction in the bin
 * @param maxPredicted largest prediction in the bin
 */
public record CalibrationBin(
    int index,
    long count,
    long positives,
    double sumPredicted,
    double minPredicted,
    double maxPredicted) {

  /** Mean prediction {@code sumPredicted / count}. */
  public double meanPredicted() {
    return sumPredicted / count;
  }

  /** Observed positive rate {@code positives / count}. */
  public double observedRate() {
    return (double) positives / count;
  }

  /**
   * The bin's COPC {@code positives / sumPredicted}: {@code +Infinity} if every prediction in the
   * bin is 0 and it has a positive, {@code NaN} if it has neither.
   */
  public double copc() {
    return positives / sumPredicted;
  }
}
