package org.recsys4j.core.layer;

/**
 * How a parameter is initialised. Values are drawn in Java from a generator seeded by the model
 * seed and the parameter's name, so a graph is reproducible whatever order its layers are defined
 * in.
 */
public enum Initializer {
  /** All zeros (biases). */
  ZEROS,
  /** Glorot/Xavier uniform: U(-a, a) with a = sqrt(6 / (fanIn + fanOut)). */
  GLOROT_UNIFORM,
  /** He normal: N(0, 2 / fanIn), for ReLU layers. */
  HE_NORMAL
}
