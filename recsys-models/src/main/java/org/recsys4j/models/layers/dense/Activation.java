package org.recsys4j.models.layers.dense;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/** Element-wise activation functions, written into JSON by name. */
public enum Activation {
  /** {@code max(0, x)}. */
  RELU,
  /** {@code tanh(x)}. */
  TANH,
  /** {@code 1 / (1 + exp(-x))}. */
  SIGMOID,
  /** The identity. */
  LINEAR;

  /** Applies this activation in {@code sd}. */
  public SDVariable apply(SameDiff sd, SDVariable x) {
    return switch (this) {
      case RELU -> sd.nn.relu(x, 0.0);
      case TANH -> sd.math.tanh(x);
      case SIGMOID -> sd.nn.sigmoid(x);
      case LINEAR -> x;
    };
  }
}
