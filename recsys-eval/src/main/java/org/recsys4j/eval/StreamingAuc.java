package org.recsys4j.eval;

import org.recsys4j.core.Check;

/**
 * Bounded-memory, mergeable ROC AUC over fixed score bins, with an exact worst-case error bound.
 *
 * <p>Model. The range {@code [lo, hi]} is cut into {@code B} equal-width bins; a score {@code s}
 * falls in bin {@code b(s) = min(B - 1, floor((s - lo) * B / (hi - lo)))}, a non-decreasing
 * function of {@code s}. Each bin keeps the count of positives {@code P_b} and negatives {@code
 * N_b}. Memory is {@code 16 * B} bytes whatever the number of rows ({@code 1 MiB} for the default
 * {@code B = 2^16}).
 *
 * <p>Estimate. Rows in the same bin are treated as tied:
 *
 * <pre>
 *   value = sum_b P_b * (N_{&lt;b} + 0.5 * N_b) / (P * N),      N_{&lt;b} = sum_{c &lt; b} N_c
 * </pre>
 *
 * <p>Error bound. Because bins are ordered like scores, every positive/negative pair in different
 * bins is ordered exactly as in {@link Auc#exact}; only the {@code P_b * N_b} pairs inside a bin
 * are uncertain, each contributing between 0 and 1 to the exact count while the estimate credits
 * 0.5. Hence, for the same rows,
 *
 * <pre>
 *   |value() - Auc.exact| &lt;= errorBound() = 0.5 * sum_b P_b * N_b / (P * N)
 * </pre>
 *
 * and the bound is attained when all positives of each bin outscore (or all are outscored by) its
 * negatives. It is computed from the counts, so it is known for every stream, not only on average.
 * Both values are exact up to double rounding of sums of integer counts (relative {@code ~1e-16}
 * per bin).
 *
 * <p>Merging. {@link #merge} adds another accumulator's counts bin by bin; the result is exactly
 * the accumulator of the concatenated streams, so shards or threads can each keep one and merge at
 * the end. Instances are mutable and not thread-safe.
 *
 * <p>Scores must be finite and inside {@code [lo, hi]}: out-of-range scores are rejected, not
 * clamped, so that a mis-configured range (e.g. logits into {@code [0,1]}) fails loudly.
 */
public final class StreamingAuc {
  /** Number of bins of {@link #create()}: {@code 2^16}. */
  public static final int DEFAULT_BINS = 1 << 16;

  private final int bins;
  private final double lo;
  private final double hi;
  private final double scale;

  /** {@code counts[2 * b + label]}: negatives and positives of bin b interleaved. */
  private final long[] counts;

  private long positives;
  private long negatives;

  private StreamingAuc(int bins, double lo, double hi) {
    this.bins = bins;
    this.lo = lo;
    this.hi = hi;
    this.scale = bins / (hi - lo);
    this.counts = new long[2 * bins];
  }

  /** An empty accumulator with {@link #DEFAULT_BINS} bins over {@code [0, 1]} (probabilities). */
  public static StreamingAuc create() {
    return new StreamingAuc(DEFAULT_BINS, 0.0, 1.0);
  }

  /**
   * An empty accumulator with {@code bins} equal-width bins over {@code [lo, hi]}.
   *
   * @param bins number of bins, in {@code [1, 2^26]}
   * @param lo smallest accepted score, finite
   * @param hi largest accepted score, finite and {@code > lo}
   * @throws IllegalArgumentException if a parameter breaks its rule
   */
  public static StreamingAuc create(int bins, double lo, double hi) {
    Check.inRange("bins", bins, 1, 1 << 26);
    Check.finite("lo", lo);
    Check.finite("hi", hi);
    Check.arg(hi > lo, "hi", hi, "must be > lo=" + lo);
    double width = hi - lo;
    Check.arg(
        Double.isFinite(width) && Double.isFinite(bins / width),
        "hi - lo",
        width,
        "must be finite and wide enough for " + bins + " bins");
    return new StreamingAuc(bins, lo, hi);
  }

  /**
   * Adds one row.
   *
   * @param score finite, in {@code [lo(), hi()]}
   * @param label 0 or 1
   * @throws IllegalArgumentException if the score is NaN, infinite or out of range, or the label is
   *     not 0 or 1; the accumulator is unchanged
   */
  public void add(double score, int label) {
    if (!(score >= lo && score <= hi)) {
      throw new IllegalArgumentException(
          "score=" + score + " must be finite and in [" + lo + ", " + hi + "]");
    }
    if ((label & ~1) != 0) {
      throw new IllegalArgumentException("label=" + label + " must be 0 or 1");
    }
    counts[2 * bin(score) + label]++;
    if (label == 1) {
      positives++;
    } else {
      negatives++;
    }
  }

  /**
   * Adds every row of {@code scores} and {@code labels}. The arrays are validated first, so on
   * error nothing is added.
   *
   * @throws IllegalArgumentException if the arrays are null or of different lengths, a score is
   *     NaN, infinite or out of range, or a label is not 0 or 1 (the message names the index and
   *     value)
   */
  public void addAll(double[] scores, int[] labels) {
    Check.notNull("scores", scores);
    Check.notNull("labels", labels);
    Check.arg(
        labels.length == scores.length,
        "labels.length",
        labels.length,
        "must equal scores.length=" + scores.length);
    for (int i = 0; i < scores.length; i++) {
      double s = scores[i];
      if (!(s >= lo && s <= hi)) {
        throw new IllegalArgumentException(
            "scores[" + i + "]=" + s + " must be finite and in [" + lo + ", " + hi + "]");
      }
    }
    int pos = Inputs.countBinary(labels);
    for (int i = 0; i < scores.length; i++) {
      counts[2 * bin(scores[i]) + labels[i]]++;
    }
    positives += pos;
    negatives += scores.length - pos;
  }

  /**
   * Adds the counts of {@code other} into this accumulator (which then describes both streams) and
   * returns {@code this}. {@code other} is unchanged.
   *
   * @throws IllegalArgumentException if {@code other} has a different number of bins or range
   */
  public StreamingAuc merge(StreamingAuc other) {
    Check.notNull("other", other);
    Check.arg(other.bins == bins, "other.bins", other.bins, "must equal bins=" + bins);
    Check.arg(other.lo == lo, "other.lo", other.lo, "must equal lo=" + lo);
    Check.arg(other.hi == hi, "other.hi", other.hi, "must equal hi=" + hi);
    for (int i = 0; i < counts.length; i++) {
      counts[i] += other.counts[i];
    }
    positives += other.positives;
    negatives += other.negatives;
    return this;
  }

  /**
   * The binned AUC estimate {@code sum_b P_b (N_<b + 0.5 N_b) / (P N)} (class Javadoc).
   *
   * @throws IllegalStateException if no positive or no negative has been added
   */
  public double value() {
    checkBothClasses();
    double concordant = 0;
    long below = 0;
    for (int b = 0; b < bins; b++) {
      long neg = counts[2 * b];
      long pos = counts[2 * b + 1];
      if (pos != 0) {
        concordant += pos * (below + 0.5 * neg);
      }
      below += neg;
    }
    return concordant / ((double) positives * negatives);
  }

  /**
   * The exact worst-case distance {@code 0.5 * sum_b P_b N_b / (P N)} between {@link #value()} and
   * the exact AUC of the same rows (class Javadoc).
   *
   * @throws IllegalStateException if no positive or no negative has been added
   */
  public double errorBound() {
    checkBothClasses();
    double tiedPairs = 0;
    for (int b = 0; b < bins; b++) {
      tiedPairs += (double) counts[2 * b] * counts[2 * b + 1];
    }
    return 0.5 * tiedPairs / ((double) positives * negatives);
  }

  /** Number of rows added (including merged ones). */
  public long count() {
    return positives + negatives;
  }

  /** Number of positive rows added. */
  public long positives() {
    return positives;
  }

  /** Number of negative rows added. */
  public long negatives() {
    return negatives;
  }

  /** Number of bins {@code B}. */
  public int bins() {
    return bins;
  }

  /** Lower end of the accepted score range. */
  public double lo() {
    return lo;
  }

  /** Upper end of the accepted score range. */
  public double hi() {
    return hi;
  }

  private int bin(double score) {
    return Math.min(bins - 1, (int) ((score - lo) * scale));
  }

  private void checkBothClasses() {
    Check.state(
        positives > 0 && negatives > 0,
        "StreamingAuc has %d positives and %d negatives; AUC needs at least one of each class",
        positives,
        negatives);
  }
}
