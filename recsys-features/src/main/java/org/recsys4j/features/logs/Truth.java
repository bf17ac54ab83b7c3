package org.recsys4j.features.logs;

import org.recsys4j.core.Check;

/**
 * Ground truth of one simulated exposure: the probabilities the labels were drawn from.
 *
 * <p>A model that scored every exposure with {@code pClick} would reach the oracle AUC. {@code
 * pClickWithoutHistory} is the same probability with the history-dependent term (the
 * recent-interest boost) removed: a reference for models without behaviour-sequence features, which
 * cannot know the boost of an individual exposure (they can still learn its average per user and
 * category, so the reference is approximate).
 *
 * @param traceId the trace id of the exposure
 * @param pClick true click probability, in {@code (0, 1)}
 * @param pConv true conversion probability given a click, in {@code (0, 1)}
 * @param pClickWithoutHistory click probability without the recent-interest term, in {@code (0, 1)}
 */
public record Truth(long traceId, double pClick, double pConv, double pClickWithoutHistory) {
  /**
   * Validates the probabilities.
   *
   * @throws IllegalArgumentException if a probability is outside {@code [0, 1]}
   */
  public Truth {
    Check.inRange("truth.pClick", pClick, 0.0, 1.0);
    Check.inRange("truth.pConv", pConv, 0.0, 1.0);
    Check.inRange("truth.pClickWithoutHistory", pClickWithoutHistory, 0.0, 1.0);
  }

  /** The true probability of click and conversion, {@code pClick * pConv}. */
  public double pClickAndConv() {
    return pClick * pConv;
  }
}
