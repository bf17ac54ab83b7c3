package org.recsys4j.core.spec;

/** How the embeddings of a {@link BagSpec}'s unmasked ids are combined into one vector. */
public enum Pooling {
  /** Sum of the unmasked embeddings; an empty bag pools to the zero vector. */
  SUM,
  /** Mean of the unmasked embeddings; an empty bag pools to the zero vector. */
  MEAN
}
