package org.recsys4j.features.fit;

import org.recsys4j.core.Check;
import org.recsys4j.core.spec.*;

/**
 * Fits {@code mean} and {@code std} of a normalised {@link NumericSpec} in one streaming pass
 * (Welford's algorithm, population standard deviation).
 *
 * <p>Non-finite values (missing) are skipped and counted in {@link #skipped()}. Not thread-safe.
 */
public final class MeanStdFitter {
  private long count;
  private long skipped;
  private double mean;
  private double m2;

  /** An empty fitter. */
  public MeanStdFitter() {}

  /** Adds a value; a non-finite one is skipped and counted. */
  public MeanStdFitter add(double x) {
    if (!Double.isFinite(x)) {
      skipped++;
      return this;
    }
    count++;
    double d = x - mean;
    mean += d / count;
    m2 += d * (x - mean);
    return this;
  }

  /** Number of finite values added. */
  public long count() {
    return count;
  }

  /** Number of non-finite values skipped. */
  public long skipped() {
    return skipped;
  }

  /**
   * The mean of the finite values.
   *
   * @throws IllegalStateException if no finite value was added
   */
  public double mean() {
    Check.state(count > 0, "meanStdFitter has no finite value (skipped=%d)", skipped);
    return mean;
  }

  /**
   * The population standard deviation, or 1 when it is 0 (a constant feature), so that it is always
   * a valid {@link NumericSpec#std()}.
   *
   * @throws IllegalStateException if no finite value was added
   */
  public double std() {
    Check.state(count > 0, "meanStdFitter has no finite value (skipped=%d)", skipped);
    double s = Math.sqrt(m2 / count);
    return s > 0 && Double.isFinite(s) ? s : 1.0;
  }
}
