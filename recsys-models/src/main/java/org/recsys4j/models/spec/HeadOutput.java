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
  PROBABILITY,
  /**
   * A per-row auxiliary loss {@code ℓ_i} computed in the graph (e.g. DIEN's {@link
   * org.recsys4j.models.layers.sequence.InterestAuxiliaryLoss}), added to the total loss as {@code
   * weight · Σ_i w_i ℓ_i / Σ_i w_i} with the sample weights {@code w}. It has no label and no
   * probability, and exists in training graphs only: inference graphs, scorers and exports leave it
   * out, with every value only it reads.
   */
  AUX_LOSS
}
