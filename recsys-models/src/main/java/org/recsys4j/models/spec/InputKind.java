package org.recsys4j.models.spec;

/** What an encoded input holds, as laid out in {@link org.recsys4j.core.data.EncodedBatch}. */
public enum InputKind {
  /**
   * Int ids {@code [B,F]}, one id per field, each field looked up in its own table; 0 is padding.
   */
  IDS,
  /** Float values {@code [B,N]} (normalised numerics). */
  NUMERIC,
  /**
   * Int ids {@code [B,T]} of an ordered sequence (most recent last) with the encoder's explicit
   * float mask {@code [B,T]} under key {@code <name>.mask}; one table for every step.
   */
  SEQUENCE,
  /** Int ids {@code [B,L]} of an unordered bag with its float mask {@code <name>.mask}. */
  BAG,
  /**
   * Int ids {@code [B,T]} that no batch holds: negatives the trainer samples for each unmasked step
   * of the SEQUENCE input named by {@code columns[0]} (same width and table), drawn with a seeded
   * generator from the ids of that sequence in the batch (so by click frequency), redrawn when
   * equal to the step's own id; its mask is the sequence's. Training only: inference graphs,
   * scorers and exports leave out every value that depends on it, so serving needs no extra input.
   */
  NEGATIVES
}
