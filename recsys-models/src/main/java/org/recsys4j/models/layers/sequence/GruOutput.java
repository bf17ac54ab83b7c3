package org.recsys4j.models.layers.sequence;

/** What a {@link Gru} returns. */
public enum GruOutput {
  /** Every state {@code [B,T,H]}, with the input mask passed on. */
  ALL_STATES,
  /** The state after the last unmasked step {@code [B,H]} (zeros for a fully masked row). */
  LAST_STATE
}
