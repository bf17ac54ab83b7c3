package org.recsys4j.models.layers.debias;

/** What a {@link PositionBiasTower} does in an inference graph. */
public enum PositionInference {
  /** The tower is absent: the output is the main logit, and the position input is not read. */
  DROP,
  /** The tower is evaluated at a fixed reference position, the same offset for every example. */
  REFERENCE
}
