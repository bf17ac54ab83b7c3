package org.recsys4j.core.layer;

/**
 * Whether a graph is defined for training or for inference. Layers whose behaviour differs (dropout
 * is active only in training; batch normalisation uses batch statistics in training and moving
 * statistics in inference) read it from {@link DefineContext#mode()}; all other layers define the
 * same graph in both modes.
 */
public enum GraphMode {
  /** Training: dropout active, batch statistics. */
  TRAINING,
  /** Inference (scoring, export): dropout off, moving statistics. */
  INFERENCE
}
