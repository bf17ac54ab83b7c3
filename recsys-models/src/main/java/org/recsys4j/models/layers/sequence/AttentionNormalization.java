package org.recsys4j.models.layers.sequence;

/** How {@link AttentionPooling} turns its scores into weights. */
public enum AttentionNormalization {
  /** Softmax over the unmasked steps: the weights of a row sum to 1 (0 for a fully masked row). */
  SOFTMAX,
  /** DIN's unnormalised weights: the raw score of each unmasked step, 0 on masked steps. */
  NONE
}
