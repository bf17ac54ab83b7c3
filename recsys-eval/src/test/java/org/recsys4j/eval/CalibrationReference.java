package org.recsys4j.eval;

/** Plain-loop references for calibration. */
final class CalibrationReference {
  private CalibrationReference() {}

  static double copc(double[] p, int[] y) {
    double clicks = 0;
    double predicted = 0;
    for (int i = 0; i < p.length; i++) {
      clicks += y[i];
      predicted += p[i];
    }
    return clicks / predicted;
  }

  /** The bin of row i: equal-width floor(p B) capped, or equal-count floor(B r / n). */
  static int bin(double[] p, int i, int bins, Calibration.Binning binning) {
    if (binning == Calibration.Binning.EQUAL_WIDTH) {
      return Math.min(bins - 1, (int) Math.floor(p[i] * bins));
    }
    int below = 0;
    for (double v : p) {
      if (v < p[i]) {
        below++;
      }
    }
    return (int) Math.floor((double) bins * below / p.length);
  }
}
