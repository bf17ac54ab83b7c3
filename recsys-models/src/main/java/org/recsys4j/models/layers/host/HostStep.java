package org.recsys4j.models.layers.host;

import java.util.function.IntConsumer;

/**
 * What a {@link HostKernel} reads and writes in one training step. Every array is row-major in the
 * shape of the graph value it stands for, with the batch dimension first and {@link #rows()} rows
 * (e.g. keys {@code [B,T,D]} as {@code float[B·T·D]}).
 */
public interface HostStep {

  /** B, the rows of the step (the trainer's batch size; padded rows have zero ids and mask 0). */
  int rows();

  /** Input {@code i} (read only). */
  float[] input(int i);

  /** The mask {@code [B,T]} passed to the node (1 on real steps, 0 on padding), or null. */
  float[] mask();

  /** Output {@code i}, to be written by {@link HostKernel#forward}. */
  float[] output(int i);

  /** {@code ∂loss/∂output_i} (read only in {@link HostKernel#backward}; zeros if unused). */
  float[] outputGradient(int i);

  /** {@code ∂loss/∂input_i}, to which {@link HostKernel#backward} adds. */
  float[] inputGradient(int i);

  /**
   * The current values of parameter {@code name} (read only), by its full graph name, e.g. {@code
   * attention/Wq}.
   *
   * @throws IllegalArgumentException if the layer's graph definition has no such parameter
   */
  float[] parameter(String name);

  /**
   * The gradient buffer of parameter {@code name}, zeroed before {@link HostKernel#backward}.
   *
   * @throws IllegalArgumentException if the layer's graph definition has no such parameter
   */
  float[] parameterGradient(String name);

  /**
   * Reports the batch statistic {@code name} of a stateful layer (its {@code
   * StateVariable#batchStatistic()}), in the shape of its state variable; the trainer folds it in
   * after the step.
   */
  void batchStatistic(String name, float[] value);

  /**
   * Runs {@code task} for every index in {@code [0, tasks)}, split over the trainer's Java threads;
   * returns when all are done.
   */
  void parallel(int tasks, IntConsumer task);
}
