package org.recsys4j.features.logs;

/** Coarse lifecycle segment of the user at request time. */
public enum UserSegment {
  /** The user's first active day. */
  NEW,
  /** Any later day. */
  RETURNING
}
