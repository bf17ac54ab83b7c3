package org.recsys4j.eval;

import org.recsys4j.core.Check;

/**
 * Argument checks shared by the metrics. Each check runs in one pass without allocation and, on
 * failure, names the array, the index, the value and the rule.
 */
final class Inputs {
  private Inputs() {}

  /**
   * Checks that {@code scores} and {@code labels} are non-null, non-empty and of equal length, that
   * every score is finite and every label is 0 or 1.
   *
   * @return the number of positives (labels equal to 1)
   */
  static int checkScoresAndLabels(String scoresName, double[] scores, int[] labels) {
    Check.notNull(scoresName, scores);
    Check.notNull("labels", labels);
    Check.arg(
        scores.length > 0, scoresName + ".length", scores.length, "must be > 0 (empty input)");
    Check.arg(
        labels.length == scores.length,
        "labels.length",
        labels.length,
        "must equal " + scoresName + ".length=" + scores.length);
    checkFinite(scoresName, scores);
    return countBinary(labels);
  }

  /** Fails on the first non-finite value, naming its index. */
  static void checkFinite(String name, double[] values) {
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException(name + "[" + i + "]=" + values[i] + " must be finite");
      }
    }
  }

  /** Fails on the first value outside {@code [0,1]} (NaN included), naming its index. */
  static void checkProbabilities(String name, double[] values) {
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      if (!(v >= 0.0 && v <= 1.0)) {
        throw new IllegalArgumentException(
            name + "[" + i + "]=" + v + " must be a probability in [0, 1]");
      }
    }
  }

  /** Fails on the first label other than 0 or 1; returns the number of ones. */
  static int countBinary(int[] labels) {
    int positives = 0;
    for (int i = 0; i < labels.length; i++) {
      int y = labels[i];
      if ((y & ~1) != 0) {
        throw new IllegalArgumentException("labels[" + i + "]=" + y + " must be 0 or 1");
      }
      positives += y;
    }
    return positives;
  }

  /** Checks that an array of group or segment keys is non-null and has {@code rows} entries. */
  static void checkKeys(String name, long[] keys, int rows) {
    Check.notNull(name, keys);
    Check.arg(
        keys.length == rows, name + ".length", keys.length, "must equal scores.length=" + rows);
  }

  /** Fails unless both classes are present; {@code what} names the metric for the message. */
  static void checkBothClasses(String what, int positives, int rows) {
    int negatives = rows - positives;
    if (positives == 0 || negatives == 0) {
      throw new IllegalArgumentException(
          "labels has "
              + positives
              + " positives and "
              + negatives
              + " negatives; "
              + what
              + " needs at least one of each class");
    }
  }
}
