package org.recsys4j.models.spec;

/** What a head's value is. */
public enum HeadOutput {
  /**
   * A logit {@code z}; the head's probability is {@code σ(z)} and its loss sigmoid cross-entropy.
   */
  LOGIT,
  /**
   * A probability in [0,1] computed in the graph (e.g. ESMM's {@code pCTCVR = pCTR·pCVR}); its loss
   * is the log loss on the probability clipped to {@code [1e-7, 1-1e-7]}.
   */
  PROBABILITY
}
