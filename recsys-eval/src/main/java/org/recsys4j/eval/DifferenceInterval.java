package org.recsys4j.eval;

/**
 * A bootstrap estimate of a difference between two models (A minus B), from {@link
 * PairedBootstrap}.
 *
 * @param observed the difference on the original data
 * @param mean the mean of the replicate differences
 * @param standardError the standard deviation of the replicate differences ({@code m - 1}
 *     denominator; 0 if {@code m = 1})
 * @param lower the {@code (1 - level)/2} percentile of the replicate differences
 * @param upper the {@code (1 + level)/2} percentile of the replicate differences
 * @param level the confidence level
 * @param resamples the number {@code m} of replicates on which the difference was defined
 */
public record DifferenceInterval(
    double observed,
    double mean,
    double standardError,
    double lower,
    double upper,
    double level,
    int resamples) {

  /** True if {@code lower <= value <= upper}. */
  public boolean contains(double value) {
    return lower <= value && value <= upper;
  }
}
