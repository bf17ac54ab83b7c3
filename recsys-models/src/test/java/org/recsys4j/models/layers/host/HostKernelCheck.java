package org.recsys4j.models.layers.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.recsys4j.core.layer.DefineContext;
import org.recsys4j.core.layer.GraphMode;
import org.recsys4j.core.layer.LayerInput;
import org.recsys4j.core.layer.LayerOutput;
import org.recsys4j.core.layer.Shape;
import org.recsys4j.models.layers.StateVariable;
import org.recsys4j.models.layers.StatefulLayer;

/**
 * Checks a {@link HostKernel} against its layer's TRAINING graph: same outputs, batch statistics,
 * input gradients and parameter gradients for {@code loss = Σ_i Σ output_i ⊙ R_i} with random
 * {@code R}, random parameter values and the given inputs and mask. The kernel's {@link
 * HostStep#parallel} really runs on two threads.
 */
public final class HostKernelCheck {
  private HostKernelCheck() {}

  /**
   * Asserts that the kernel of {@code layer} matches its graph.
   *
   * @param layer the layer
   * @param inputShapes the inputs' shapes with a concrete batch dimension B
   * @param inputs the inputs, row-major
   * @param mask the mask {@code [B,T]} passed to the layer, or null
   * @param seed seeds the parameter values and R
   * @param tolerance allowed {@code |kernel − graph| ≤ tol·(1 + |graph|)} element-wise
   */
  public static void assertMatchesGraph(
      HostLayer layer,
      List<Shape> inputShapes,
      List<float[]> inputs,
      float[] mask,
      long seed,
      double tolerance) {
    int b = Math.toIntExact(inputShapes.get(0).dim(0));
    List<Shape> batched = new ArrayList<>();
    for (Shape s : inputShapes) {
      long[] rest = new long[s.rank() - 1];
      System.arraycopy(s.dims(), 1, rest, 0, rest.length);
      batched.add(Shape.batched(rest));
    }
    Optional<Shape> maskShape =
        mask == null ? Optional.empty() : Optional.of(Shape.batched(mask.length / b));
    HostKernel kernel =
        layer
            .hostKernel(batched, maskShape)
            .orElseThrow(() -> new AssertionError(layer + " offers no kernel for " + batched));

    SameDiff sd = SameDiff.create();
    DefineContext ctx = new DefineContext(DataType.FLOAT, seed, GraphMode.TRAINING);
    List<SDVariable> vars = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      vars.add(
          sd.var(
              "host_in" + i,
              Nd4j.createFromArray(inputs.get(i)).reshape(inputShapes.get(i).dims())));
    }
    Map<String, INDArray> feed = new HashMap<>();
    Optional<SDVariable> maskVar = Optional.empty();
    if (mask != null) {
      maskVar = Optional.of(sd.placeHolder("host_mask", DataType.FLOAT, -1, mask.length / b));
      feed.put("host_mask", Nd4j.createFromArray(mask).reshape(b, mask.length / b));
    }
    LayerOutput out = layer.define(sd, new LayerInput(vars, batched, maskVar, maskShape, ctx));
    List<Shape> outShapes = layer.outputShapes(batched);

    java.util.Set<String> state = new java.util.HashSet<>();
    List<String> stats = new ArrayList<>();
    if (layer instanceof StatefulLayer sl) {
      for (StateVariable v : sl.stateVariables()) {
        state.add(v.variable());
        stats.add(v.batchStatistic());
      }
    }
    SplittableRandom rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
    Map<String, float[]> params = new LinkedHashMap<>();
    for (SDVariable v : sd.variables()) {
      if (v.getVariableType() == VariableType.VARIABLE
          && !v.name().startsWith("host_in")
          && !state.contains(v.name())) {
        INDArray a = v.getArr();
        float[] values = new float[(int) a.length()];
        for (int k = 0; k < values.length; k++) {
          values[k] = (float) (rnd.nextDouble() - 0.5);
        }
        a.assign(Nd4j.createFromArray(values).reshape(a.shape()));
        params.put(v.name(), values);
      }
    }
    List<float[]> r = new ArrayList<>();
    SDVariable loss = null;
    for (int i = 0; i < out.values().size(); i++) {
      long[] shape = outShapes.get(i).withBatch(b);
      float[] ri = new float[(int) prod(shape)];
      for (int k = 0; k < ri.length; k++) {
        ri[k] = (float) (rnd.nextDouble() * 2 - 1);
      }
      r.add(ri);
      SDVariable term =
          out.values().get(i).mul(sd.constant(Nd4j.createFromArray(ri).reshape(shape))).sum();
      loss = loss == null ? term : loss.add(term);
    }
    sd.updateVariableNameAndReference(loss, "host_loss");
    sd.setLossVariables("host_loss");
    List<String> outNames = new ArrayList<>();
    for (SDVariable v : out.values()) {
      outNames.add(v.name());
    }
    List<String> wanted = new ArrayList<>(outNames);
    wanted.addAll(stats);
    List<String> gradNames = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      gradNames.add("host_in" + i);
    }
    gradNames.addAll(params.keySet());
    var og = sd.calculateGradientsAndOutputs(feed, wanted, gradNames);

    Map<String, float[]> paramGrads = new HashMap<>();
    for (Map.Entry<String, float[]> e : params.entrySet()) {
      paramGrads.put(e.getKey(), new float[e.getValue().length]);
    }
    List<float[]> outputs = new ArrayList<>();
    for (int i = 0; i < outShapes.size(); i++) {
      outputs.add(new float[(int) prod(outShapes.get(i).withBatch(b))]);
    }
    List<float[]> inputGrads = new ArrayList<>();
    for (float[] in : inputs) {
      inputGrads.add(new float[in.length]);
    }
    Map<String, float[]> reported = new HashMap<>();
    HostStep step = step(b, inputs, mask, outputs, r, inputGrads, params, paramGrads, reported);
    // first a step of B+1 other rows, other mask and other parameter values: what the kernel keeps
    // between steps must not leak into the next one
    warmUp(kernel, b + 1, inputs, mask, outputs, r, params, paramGrads, rnd);
    // twice: a kernel must give the same results when its buffers are reused
    for (int rep = 0; rep < 2; rep++) {
      for (float[] g : inputGrads) {
        java.util.Arrays.fill(g, 0f);
      }
      for (float[] g : paramGrads.values()) {
        java.util.Arrays.fill(g, 0f);
      }
      kernel.forward(step);
      kernel.backward(step);
    }
    for (int i = 0; i < outNames.size(); i++) {
      compare("output " + i, og.getOutputs().get(outNames.get(i)), outputs.get(i), tolerance);
    }
    for (String s : stats) {
      assertTrue(reported.containsKey(s), "kernel must report batch statistic " + s);
      compare("batch statistic " + s, og.getOutputs().get(s), reported.get(s), tolerance);
    }
    for (int i = 0; i < inputs.size(); i++) {
      compare(
          "gradient of input " + i,
          og.getGradients().get("host_in" + i),
          inputGrads.get(i),
          tolerance);
    }
    for (String p : params.keySet()) {
      compare("gradient of " + p, og.getGradients().get(p), paramGrads.get(p), tolerance);
    }
  }

  /** One step of {@code rows} random rows and perturbed parameters, its results discarded. */
  private static void warmUp(
      HostKernel kernel,
      int rows,
      List<float[]> inputs,
      float[] mask,
      List<float[]> outputs,
      List<float[]> r,
      Map<String, float[]> params,
      Map<String, float[]> paramGrads,
      SplittableRandom rnd) {
    int b = rows - 1;
    List<float[]> in = new ArrayList<>();
    for (float[] x : inputs) {
      in.add(random(x.length / b * rows, rnd));
    }
    float[] m = null;
    if (mask != null) {
      m = new float[mask.length / b * rows];
      for (int k = 0; k < m.length; k++) {
        m[k] = rnd.nextDouble() < 0.7 ? 1f : 0f;
      }
    }
    List<float[]> outs = new ArrayList<>();
    List<float[]> rs = new ArrayList<>();
    for (int i = 0; i < outputs.size(); i++) {
      outs.add(new float[outputs.get(i).length / b * rows]);
      rs.add(random(r.get(i).length / b * rows, rnd));
    }
    List<float[]> grads = new ArrayList<>();
    for (float[] x : in) {
      grads.add(new float[x.length]);
    }
    Map<String, float[]> other = new LinkedHashMap<>();
    for (Map.Entry<String, float[]> e : params.entrySet()) {
      other.put(e.getKey(), random(e.getValue().length, rnd));
    }
    Map<String, float[]> otherGrads = new HashMap<>();
    for (Map.Entry<String, float[]> e : paramGrads.entrySet()) {
      otherGrads.put(e.getKey(), new float[e.getValue().length]);
    }
    HostStep s = step(rows, in, m, outs, rs, grads, other, otherGrads, new HashMap<>());
    kernel.forward(s);
    kernel.backward(s);
  }

  private static float[] random(int n, SplittableRandom rnd) {
    float[] x = new float[n];
    for (int k = 0; k < n; k++) {
      x[k] = (float) (rnd.nextDouble() - 0.5);
    }
    return x;
  }

  private static HostStep step(
      int b,
      List<float[]> inputs,
      float[] mask,
      List<float[]> outputs,
      List<float[]> r,
      List<float[]> inputGrads,
      Map<String, float[]> params,
      Map<String, float[]> paramGrads,
      Map<String, float[]> reported) {
    return new ArrayHostStep(
        b, inputs, mask, outputs, r, inputGrads, params, paramGrads, reported, true);
  }

  private static long prod(long[] s) {
    long p = 1;
    for (long x : s) {
      p *= x;
    }
    return p;
  }

  private static void compare(String what, INDArray graph, float[] kernel, double tol) {
    float[] g =
        graph == null
            ? new float[kernel.length]
            : graph.castTo(DataType.FLOAT).dup('c').data().asFloat();
    assertEquals(g.length, kernel.length, what + ": length");
    for (int k = 0; k < g.length; k++) {
      double diff = Math.abs(g[k] - kernel[k]);
      if (!(diff <= tol * (1 + Math.abs(g[k])))) {
        throw new AssertionError(
            what
                + "["
                + k
                + "]: kernel "
                + kernel[k]
                + ", graph "
                + g[k]
                + " (tolerance "
                + tol
                + ")");
      }
    }
  }
}
