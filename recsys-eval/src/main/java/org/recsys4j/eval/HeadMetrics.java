package org.recsys4j.eval;

import java.util.List;
import java.util.Locale;

/**
 * The evaluation of one head of a multi-task model (CTR, CVR, CTCVR, ...) on its own labels: AUC,
 * log loss and calibration, so that a report shows every head side by side.
 *
 * @param head the head's name
 * @param rows rows evaluated
 * @param positives rows with label 1
 * @param auc ROC AUC ({@link Auc#exact}); NaN when the labels hold one class only
 * @param logLoss mean log loss ({@link LogLoss#compute})
 * @param copc observed over predicted positives ({@link Calibration#copc}); 1 when calibrated
 * @param ece expected calibration error over 10 equal-count bins ({@link
 *     ReliabilityCurve#expectedCalibrationError()})
 */
public record HeadMetrics(
    String head, int rows, int positives, double auc, double logLoss, double copc, double ece) {

  /** Bins of the calibration error. */
  public static final int CALIBRATION_BINS = 10;

  /**
   * Evaluates one head's probabilities against its labels.
   *
   * @param head the head's name
   * @param p the head's probabilities, in [0, 1]
   * @param labels the head's labels, 0 or 1
   * @throws IllegalArgumentException as {@link LogLoss#compute} and {@link Calibration#copc}: empty
   *     or mismatched input, a probability outside [0, 1], a label not 0 or 1
   */
  public static HeadMetrics of(String head, double[] p, int[] labels) {
    int positives = Inputs.checkScoresAndLabels("p", p, labels);
    boolean bothClasses = positives > 0 && positives < labels.length;
    return new HeadMetrics(
        head,
        labels.length,
        positives,
        bothClasses ? Auc.exact(p, labels) : Double.NaN,
        LogLoss.compute(p, labels),
        Calibration.copc(p, labels),
        Calibration.reliability(p, labels, CALIBRATION_BINS, Calibration.Binning.EQUAL_COUNT)
            .expectedCalibrationError());
  }

  /** A fixed-width table of heads, one line each, with a header line. */
  public static String table(List<HeadMetrics> heads) {
    StringBuilder sb =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%-10s %9s %8s %8s %8s %8s %8s%n",
                "head",
                "rows",
                "pos",
                "AUC",
                "logloss",
                "COPC",
                "ECE"));
    for (HeadMetrics h : heads) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%-10s %9d %8d %8.4f %8.4f %8.4f %8.4f%n",
              h.head,
              h.rows,
              h.positives,
              h.auc,
              h.logLoss,
              h.copc,
              h.ece));
    }
    return sb.toString();
  }
}
