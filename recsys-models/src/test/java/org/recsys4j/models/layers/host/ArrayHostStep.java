package org.recsys4j.models.layers.host;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * A {@link HostStep} over Java arrays for tests: the given inputs, mask, output buffers, output
 * gradients, input-gradient buffers and parameters by name; batch statistics land in {@link
 * #statistics}; {@link #parallel} runs on two threads (the second half on a helper thread) or, with
 * {@code twoThreads} false, on the caller's.
 */
public final class ArrayHostStep implements HostStep {
  private static final ExecutorService HELPER =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "array-host-step");
            t.setDaemon(true);
            return t;
          });

  private final int rows;
  private final List<float[]> inputs;
  private final float[] mask;
  private final List<float[]> outputs;
  private final List<float[]> outputGrads;
  private final List<float[]> inputGrads;
  private final Map<String, float[]> params;
  private final Map<String, float[]> paramGrads;
  private final Map<String, float[]> statistics;
  private final boolean twoThreads;

  /**
   * A step of {@code rows} rows; {@code paramGrads} holds a zeroed buffer per parameter and {@code
   * statistics} receives the reported batch statistics.
   */
  public ArrayHostStep(
      int rows,
      List<float[]> inputs,
      float[] mask,
      List<float[]> outputs,
      List<float[]> outputGrads,
      List<float[]> inputGrads,
      Map<String, float[]> params,
      Map<String, float[]> paramGrads,
      Map<String, float[]> statistics,
      boolean twoThreads) {
    this.rows = rows;
    this.inputs = inputs;
    this.mask = mask;
    this.outputs = outputs;
    this.outputGrads = outputGrads;
    this.inputGrads = inputGrads;
    this.params = params;
    this.paramGrads = paramGrads;
    this.statistics = statistics;
    this.twoThreads = twoThreads;
  }

  /** Runs the kernel's forward and backward pass on this step. */
  public void run(HostKernel kernel) {
    kernel.forward(this);
    kernel.backward(this);
  }

  /** The outputs. */
  public List<float[]> outputs() {
    return outputs;
  }

  /** The input gradients. */
  public List<float[]> inputGradients() {
    return inputGrads;
  }

  /** The parameter gradients by name. */
  public Map<String, float[]> parameterGradients() {
    return paramGrads;
  }

  /** The reported batch statistics by name. */
  public Map<String, float[]> statistics() {
    return statistics;
  }

  @Override
  public int rows() {
    return rows;
  }

  @Override
  public float[] input(int i) {
    return inputs.get(i);
  }

  @Override
  public float[] mask() {
    return mask;
  }

  @Override
  public float[] output(int i) {
    return outputs.get(i);
  }

  @Override
  public float[] outputGradient(int i) {
    return outputGrads.get(i);
  }

  @Override
  public float[] inputGradient(int i) {
    return inputGrads.get(i);
  }

  @Override
  public float[] parameter(String name) {
    float[] v = params.get(name);
    if (v == null) {
      throw new IllegalArgumentException(
          "parameter=" + name + " must be one of the graph's " + params.keySet());
    }
    return v;
  }

  @Override
  public float[] parameterGradient(String name) {
    parameter(name);
    return paramGrads.get(name);
  }

  @Override
  public void batchStatistic(String name, float[] value) {
    statistics.put(name, value.clone());
  }

  @Override
  public void parallel(int tasks, IntConsumer task) {
    if (!twoThreads) {
      for (int i = 0; i < tasks; i++) {
        task.accept(i);
      }
      return;
    }
    int half = tasks / 2;
    Future<?> f =
        HELPER.submit(
            () -> {
              for (int i = half; i < tasks; i++) {
                task.accept(i);
              }
            });
    for (int i = 0; i < half; i++) {
      task.accept(i);
    }
    try {
      f.get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
