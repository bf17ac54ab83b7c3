package org.recsys4j.core.layer;

/**
 * What a layer does with a mask. Each layer declares exactly one policy, and {@link Layer#define}
 * enforces it: a mask given to a layer that {@link #REJECTS} masks is an error, never silently
 * dropped.
 */
public enum MaskPolicy {
  /** The layer creates a mask (for example an embedding marks padding ids as invalid). */
  PRODUCES,
  /** The layer passes its input mask through unchanged, so the output carries the same mask. */
  PROPAGATES,
  /** The layer uses the mask (padded entries do not contribute) and its output has no mask. */
  CONSUMES,
  /** The layer cannot handle a mask; giving it one throws {@link IllegalArgumentException}. */
  REJECTS
}
