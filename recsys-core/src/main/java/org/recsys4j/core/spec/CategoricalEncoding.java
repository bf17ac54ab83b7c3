package org.recsys4j.core.spec;

/** How a {@link CategoricalSpec} maps a raw string to an id. */
public enum CategoricalEncoding {
  /** {@code FeatureHasher.index(table, value, space)} into {@code 1..space-1}. */
  HASHED,
  /**
   * A fitted vocabulary: id 0 is padding, 1 the out-of-vocabulary bucket and {@code 2..n+1} the
   * {@code n} vocabulary entries in order.
   */
  VOCABULARY
}
