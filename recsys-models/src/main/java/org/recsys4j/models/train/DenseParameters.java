package org.recsys4j.models.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.recsys4j.core.Check;

/**
 * The dense parameters of a model (MLP weights, biases, cross-network matrices) and their optimizer
 * state, held as Java float arrays and written into the graph's variables after each update (on the
 * fused path there is no graph, and they live in Java only). A {@link #version()} counter tells
 * inference graphs when to copy them again.
 */
final class DenseParameters {
  private final List<String> names = new ArrayList<>();
  private final List<INDArray> arrays = new ArrayList<>();
  private final List<long[]> shapes = new ArrayList<>();
  private final List<float[]> values = new ArrayList<>();
  private final List<float[][]> slots = new ArrayList<>();
  private final List<float[]> grads = new ArrayList<>();
  private final Optimizer optimizer;
  private volatile long version;
  private float learningRateScale = 1f;

  DenseParameters(SameDiff sd, List<String> parameterNames, Optimizer optimizer) {
    this.optimizer = optimizer;
    for (String n : parameterNames) {
      INDArray a = sd.getVariable(n).getArr();
      arrays.add(a);
      shapes.add(a.shape());
      add(n, a.castTo(DataType.FLOAT).dup('c').data().asFloat());
    }
  }

  /**
   * Parameters held in Java only, for a model trained without a graph (the fused path): {@code
   * initial} gives each parameter's name and initial value, in order.
   */
  DenseParameters(Map<String, org.recsys4j.models.params.Tensor> initial, Optimizer optimizer) {
    this.optimizer = optimizer;
    for (Map.Entry<String, org.recsys4j.models.params.Tensor> e : initial.entrySet()) {
      shapes.add(e.getValue().shape().clone());
      add(e.getKey(), e.getValue().values().clone());
    }
  }

  /** Registers parameter {@code name} with value {@code v}, a gradient buffer and fresh state. */
  private void add(String name, float[] v) {
    names.add(name);
    values.add(v);
    grads.add(new float[v.length]);
    float[][] s = new float[optimizer.slots()][];
    for (int k = 0; k < s.length; k++) {
      s[k] = new float[v.length];
      Arrays.fill(s[k], optimizer.initialSlotValue(k));
    }
    slots.add(s);
  }

  /** The live values of parameter {@code i} (read them only under the trainer's lock). */
  float[] values(int i) {
    return values.get(i);
  }

  /** The gradient buffer of parameter {@code i}, which {@link #apply} reads. */
  float[] gradient(int i) {
    return grads.get(i);
  }

  List<String> names() {
    return names;
  }

  long version() {
    return version;
  }

  /** Reads the gradient of parameter {@code i} into its buffer and returns it. */
  float[] readGradient(int i, INDArray g) {
    Check.state(g != null, "missing gradient for dense parameter %s", names.get(i));
    return TrainerArrays.read(g, grads.get(i));
  }

  /** Applies the buffered gradients of every parameter and writes the new values to the graph. */
  void apply(long step) {
    for (int i = 0; i < names.size(); i++) {
      float[] v = values.get(i);
      optimizer.update(
          v, 0, slots.get(i), 0, 0, grads.get(i), 0, v.length, step, learningRateScale);
      if (!arrays.isEmpty()) {
        TrainerArrays.write(arrays.get(i), v);
      }
    }
    version++;
  }

  /** Sets the factor on the optimizer's learning rate for the next updates. */
  void setLearningRateScale(float scale) {
    this.learningRateScale = scale;
  }

  /** Writes the current values into another graph's variables of the same names, where present. */
  void copyTo(SameDiff other) {
    for (int i = 0; i < names.size(); i++) {
      if (!other.hasVariable(names.get(i))) {
        continue; // a training-only part (a dropped position tower) is absent from inference
      }
      TrainerArrays.write(other.getVariable(names.get(i)).getArr(), values.get(i));
    }
  }

  /** Copies of the values by name. */
  Map<String, float[]> snapshot() {
    Map<String, float[]> out = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      out.put(names.get(i), values.get(i).clone());
    }
    return out;
  }

  /** Copies of the optimizer state by name. */
  Map<String, float[][]> stateSnapshot() {
    Map<String, float[][]> out = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      float[][] s = slots.get(i);
      float[][] c = new float[s.length][];
      for (int k = 0; k < s.length; k++) {
        c[k] = s[k].clone();
      }
      out.put(names.get(i), c);
    }
    return out;
  }

  /** The shape of parameter {@code i}. */
  long[] shape(int i) {
    return shapes.get(i).clone();
  }

  /** Sets the values of every parameter present in {@code values} and writes them to the graph. */
  void load(Map<String, float[]> values) {
    for (int i = 0; i < names.size(); i++) {
      float[] v = values.get(names.get(i));
      if (v != null) {
        System.arraycopy(v, 0, this.values.get(i), 0, v.length);
        if (!arrays.isEmpty()) {
          TrainerArrays.write(arrays.get(i), this.values.get(i));
        }
      }
    }
    version++;
  }

  /**
   * Sets the optimizer state of every parameter from {@code state} (slot arrays by name, laid out
   * like the values); the caller has checked names and sizes ({@link #checkState}).
   */
  void loadState(Map<String, float[][]> state) {
    for (int i = 0; i < names.size(); i++) {
      float[][] from = state.get(names.get(i));
      float[][] to = slots.get(i);
      for (int k = 0; k < to.length; k++) {
        System.arraycopy(from[k], 0, to[k], 0, to[k].length);
      }
    }
  }

  /**
   * Checks that {@code state} holds, for every parameter, one array per optimizer slot of the
   * parameter's size.
   *
   * @throws IllegalArgumentException naming the parameter, the value and the rule
   */
  void checkState(Map<String, float[][]> state) {
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i);
      float[][] s = state.get(n);
      Check.arg(s != null, "state.denseSlots", n, "must hold every dense parameter");
      Check.arg(
          s.length == optimizer.slots(),
          "state.denseSlots[" + n + "].length",
          s.length,
          "must equal the slots of the dense optimizer " + optimizer + ": " + optimizer.slots());
      for (int k = 0; k < s.length; k++) {
        Check.arg(
            s[k] != null && s[k].length == values.get(i).length,
            "state.denseSlots[" + n + "][" + k + "].length",
            s[k] == null ? null : s[k].length,
            "must equal the parameter's size " + values.get(i).length);
      }
    }
    Check.arg(
        state.size() == names.size(),
        "state.denseSlots",
        state.keySet(),
        "must hold only the dense parameters " + names);
  }
}
