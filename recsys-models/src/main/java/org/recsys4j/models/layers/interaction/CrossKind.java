package org.recsys4j.models.layers.interaction;

/** The weight structure of a {@link CrossNetworkV2} layer. */
public enum CrossKind {
  /** A full matrix {@code W_l [N,N]}. */
  FULL,
  /** A low-rank product {@code W_l = U_l V_l^T} with {@code U_l, V_l [N,r]}. */
  LOW_RANK,
  /** A softmax-gated mixture of K low-rank experts with a nonlinearity in the rank-r space. */
  MIXTURE
}
