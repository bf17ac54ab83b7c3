package org.recsys4j.models.layers.sequence;

/**
 * The gate of a {@link Gru} step: how much of the candidate state {@code c_t} replaces {@code
 * h_{t−1}}.
 */
public enum GruKind {
  /** The GRU's own update gate {@code u_t} (Cho et al., 2014). */
  GRU,
  /** The attention score {@code a_t} in place of the update gate (DIEN's AGRU). */
  AGRU,
  /** The update gate scaled by the attention score, {@code a_t·u_t} (DIEN's AUGRU). */
  AUGRU
}
