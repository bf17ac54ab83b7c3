package org.recsys4j.core.spec;

/** How a {@link NumericSpec} turns a value into a model input. */
public enum NumericTransform {
  /** A bucket id from sorted boundaries ({@code Bucketizer}), looked up in an embedding table. */
  BUCKETIZE,
  /** A float {@code (x - mean) / std}, fed to the model as a dense value. */
  NORMALIZE
}
