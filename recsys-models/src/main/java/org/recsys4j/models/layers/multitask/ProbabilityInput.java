package org.recsys4j.models.layers.multitask;

/** What the inputs of {@link EsmmProduct} hold. */
public enum ProbabilityInput {
  /** Logits {@code a}, {@code b}: the layer applies the sigmoid, {@code σ(a)·σ(b)}. */
  LOGITS,
  /** Probabilities {@code p}, {@code q} in [0,1]: the layer multiplies them, {@code p·q}. */
  PROBABILITIES
}
