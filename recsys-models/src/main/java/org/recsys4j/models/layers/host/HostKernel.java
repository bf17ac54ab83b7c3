package org.recsys4j.models.layers.host;

/**
 * The training-time forward and backward pass of a {@link HostLayer} over Java arrays.
 *
 * <p>One kernel serves one trainer: it may keep buffers between {@link #forward} and {@link
 * #backward} of a step and reuse them across steps, so it is not thread-safe; it may split its own
 * work with {@link HostStep#parallel}.
 */
public interface HostKernel {

  /**
   * Computes the outputs into {@link HostStep#output} from the inputs, the mask and the parameters,
   * and reports the batch statistics of a stateful layer ({@link HostStep#batchStatistic}).
   */
  void forward(HostStep step);

  /**
   * After {@link #forward} of the same step: from {@link HostStep#outputGradient}, adds {@code
   * ∂loss/∂input} into {@link HostStep#inputGradient} and writes {@code ∂loss/∂parameter} into
   * {@link HostStep#parameterGradient} (zeroed by the caller before the call).
   */
  void backward(HostStep step);
}
