package org.recsys4j.models.spec;

/** Whether a node passes its first input's mask to its layer. */
public enum MaskUse {
  /** Pass the mask (the layer must consume or propagate it). */
  PASS,
  /**
   * Drop it: for layers over lookups whose padding rows are exact zeros and contribute exactly
   * nothing (FM, linear terms, flattening into an MLP), which saves the masked products.
   */
  DROP
}
