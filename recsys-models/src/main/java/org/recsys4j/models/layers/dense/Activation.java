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
  LINEAR,
  /**
   * PReLU {@code max(0,x) + α·min(0,x)} with a learned slope {@code α} per unit (He et al., ICCV
   * 2015). It has a parameter, so only layers that declare it accept it ({@link
   * org.recsys4j.models.layers.sequence.AttentionPooling}).
   */
  PRELU,
  /**
   * Dice {@code p·x + (1−p)·α·x}, {@code p = σ((x − E[x]) / sqrt(Var[x] + ε))}, with a learned
   * {@code α} per unit and batch statistics in training, moving ones in inference (Zhou et al.,
   * DIN, KDD 2018). Only layers that declare it accept it ({@link
   * org.recsys4j.models.layers.sequence.AttentionPooling}).
   */
  DICE;

  /**
   * True for the activations with parameters or state (PRELU, DICE), which {@link #apply} lacks.
   */
  public boolean isParametric() {
    return this == PRELU || this == DICE;
  }

  /** Applies this activation in {@code sd}. */
  public SDVariable apply(SameDiff sd, SDVariable x) {
    return switch (this) {
      case RELU -> sd.nn.relu(x, 0.0);
      case TANH -> sd.math.tanh(x);
      case SIGMOID -> sd.nn.sigmoid(x);
      case LINEAR -> x;
      case PRELU, DICE ->
          throw new IllegalStateException(
              this + " has parameters: only layers that declare them (AttentionPooling) apply it");
    };
  }
}
