package org.recsys4j.models.serve;

/** How a {@link ScoringModel} computes its scores. */
public enum ScoringPath {
  /**
   * Plain Java over float arrays, for models whose heads are sums of linear terms and FM crosses
   * over lookups (LR, FM): the user side's linear sum, embedding sum and sum of squares are
   * computed once per request, then each candidate adds only its own fields.
   */
  FUSED,
  /** A pool of SameDiff inference graphs holding the snapshot's parameters. */
  GRAPH
}
