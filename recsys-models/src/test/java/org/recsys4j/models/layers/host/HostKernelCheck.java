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
 *
 * <p>The graph runs three times: in DOUBLE, the reference; in FLOAT; and in DOUBLE again with every
 * input and parameter moved by up to one float ulp. The last two show how far float arithmetic
 * alone can move each value. A kernel value {@code k} passes when {@code |k − ref| ≤ tol·(1 +
 * |ref|) + 4·max(|graph32 − ref|, |nudged − ref|)}: where the math is ill-conditioned (Dice over
 * two nearly equal steps divides by a tiny standard deviation, and a weight's gradient sums
 * per-step terms that nearly cancel) a float kernel cannot do better, and the bound widens with it;
 * elsewhere the bound is the tolerance.
 */
public final class HostKernelCheck {
  /** How much further from the DOUBLE reference than the FLOAT graph a kernel value may be. */
  private static final double FLOAT_ERROR_FACTOR = 4;

  private HostKernelCheck() {}

  /**
   * Asserts that the kernel of {@code layer} matches its graph.
   *
   * @param layer the layer
   * @param inputShapes the inputs' shapes with a concrete batch dimension B
   * @param inputs the inputs, row-major
   * @param mask the mask {@code [B,T]} passed to the layer, or null
   * @param seed seeds the parameter values and R
   * @param tolerance allowed {@code |kernel − ref| ≤ tol·(1 + |ref|) + 4·(float error)}
   *     element-wise, ref being the graph in DOUBLE (see the class comment)
   */
  public static void assertMatchesGraph(
      HostLayer layer,
      List<Shape> inputShapes,
      List<float[]> inputs,
      float[] mask,
      long seed,
      double tolerance) {
    int b = Math.toIntExact(inputShapes.get(0).dim(0));
    List<Shape> batched = batched(inputShapes);
    Optional<Shape> maskShape =
        mask == null ? Optional.empty() : Optional.of(Shape.batched(mask.length / b));
    HostKernel kernel =
        layer
            .hostKernel(batched, maskShape)
            .orElseThrow(() -> new AssertionError(layer + " offers no kernel for " + batched));

    Map<String, float[]> params = new LinkedHashMap<>();
    List<float[]> r = new ArrayList<>();
    List<String> stats = new ArrayList<>();
    Map<String, double[]> f32 =
        runGraph(layer, DataType.FLOAT, inputShapes, inputs, mask, seed, params, r, stats, null);
    Map<String, double[]> f64 =
        runGraph(layer, DataType.DOUBLE, inputShapes, inputs, mask, seed, params, r, stats, null);
    Map<String, double[]> nudged =
        runGraph(
            layer,
            DataType.DOUBLE,
            inputShapes,
            inputs,
            mask,
            seed,
            params,
            r,
            stats,
            new SplittableRandom(seed ^ 0x2545F4914F6CDD1DL));
    List<Shape> outShapes = layer.outputShapes(batched);

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
    SplittableRandom rnd = new SplittableRandom(seed ^ 0x5DEECE66DL ^ 0x9E3779B97F4A7C15L);
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
    Map<String, float[]> kernelValues = new LinkedHashMap<>();
    for (int i = 0; i < outputs.size(); i++) {
      kernelValues.put("output " + i, outputs.get(i));
    }
    for (String s : stats) {
      assertTrue(reported.containsKey(s), "kernel must report batch statistic " + s);
      kernelValues.put("batch statistic " + s, reported.get(s));
    }
    for (int i = 0; i < inputs.size(); i++) {
      kernelValues.put("gradient of input " + i, inputGrads.get(i));
    }
    for (String p : params.keySet()) {
      kernelValues.put("gradient of " + p, paramGrads.get(p));
    }
    for (Map.Entry<String, float[]> e : kernelValues.entrySet()) {
      compare(
          e.getKey(),
          f64.get(e.getKey()),
          f32.get(e.getKey()),
          nudged.get(e.getKey()),
          e.getValue(),
          tolerance);
    }
  }

  /**
   * Builds the layer's TRAINING graph in {@code type} and evaluates outputs, batch statistics and
   * gradients, by what the check compares ("output 0", "gradient of W"). The first run draws the
   * parameter values and {@code R} into {@code params} and {@code r} and lists the statistics; a
   * later run reuses them.
   */
  private static Map<String, double[]> runGraph(
      HostLayer layer,
      DataType type,
      List<Shape> inputShapes,
      List<float[]> inputs,
      float[] mask,
      long seed,
      Map<String, float[]> params,
      List<float[]> r,
      List<String> stats,
      SplittableRandom nudge) {
    boolean first = params.isEmpty() && r.isEmpty();
    int b = Math.toIntExact(inputShapes.get(0).dim(0));
    List<Shape> batched = batched(inputShapes);
    Optional<Shape> maskShape =
        mask == null ? Optional.empty() : Optional.of(Shape.batched(mask.length / b));
    SameDiff sd = SameDiff.create();
    DefineContext ctx = new DefineContext(type, seed, GraphMode.TRAINING);
    List<SDVariable> vars = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      vars.add(
          sd.var(
              "host_in" + i, array(nudged(inputs.get(i), nudge), type, inputShapes.get(i).dims())));
    }
    Map<String, INDArray> feed = new HashMap<>();
    Optional<SDVariable> maskVar = Optional.empty();
    if (mask != null) {
      maskVar = Optional.of(sd.placeHolder("host_mask", type, -1, mask.length / b));
      feed.put("host_mask", array(mask, type, b, mask.length / b));
    }
    LayerOutput out = layer.define(sd, new LayerInput(vars, batched, maskVar, maskShape, ctx));
    List<Shape> outShapes = layer.outputShapes(batched);

    java.util.Set<String> state = new java.util.HashSet<>();
    List<String> statNames = new ArrayList<>();
    if (layer instanceof StatefulLayer sl) {
      for (StateVariable v : sl.stateVariables()) {
        state.add(v.variable());
        statNames.add(v.batchStatistic());
      }
    }
    if (first) {
      stats.addAll(statNames);
    }
    SplittableRandom rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
    List<String> paramNames = new ArrayList<>();
    for (SDVariable v : sd.variables()) {
      if (v.getVariableType() == VariableType.VARIABLE
          && !v.name().startsWith("host_in")
          && !state.contains(v.name())) {
        INDArray a = v.getArr();
        float[] values;
        if (first) {
          values = new float[(int) a.length()];
          for (int k = 0; k < values.length; k++) {
            values[k] = (float) (rnd.nextDouble() - 0.5);
          }
          params.put(v.name(), values);
        } else {
          values = params.get(v.name());
          assertTrue(values != null, "the graph in " + type + " has another parameter " + v.name());
        }
        a.assign(array(nudged(values, nudge), type, a.shape()));
        paramNames.add(v.name());
      }
    }
    assertEquals(params.keySet(), new java.util.LinkedHashSet<>(paramNames), "parameters");
    SDVariable loss = null;
    for (int i = 0; i < out.values().size(); i++) {
      long[] shape = outShapes.get(i).withBatch(b);
      if (first) {
        float[] ri = new float[(int) prod(shape)];
        for (int k = 0; k < ri.length; k++) {
          ri[k] = (float) (rnd.nextDouble() * 2 - 1);
        }
        r.add(ri);
      }
      SDVariable term = out.values().get(i).mul(sd.constant(array(r.get(i), type, shape))).sum();
      loss = loss == null ? term : loss.add(term);
    }
    sd.updateVariableNameAndReference(loss, "host_loss");
    sd.setLossVariables("host_loss");
    List<String> outNames = new ArrayList<>();
    for (SDVariable v : out.values()) {
      outNames.add(v.name());
    }
    List<String> wanted = new ArrayList<>(outNames);
    wanted.addAll(statNames);
    List<String> gradNames = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      gradNames.add("host_in" + i);
    }
    gradNames.addAll(params.keySet());
    var og = sd.calculateGradientsAndOutputs(feed, wanted, gradNames);

    Map<String, double[]> values = new HashMap<>();
    for (int i = 0; i < outNames.size(); i++) {
      values.put("output " + i, doubles(og.getOutputs().get(outNames.get(i))));
    }
    for (String s : statNames) {
      values.put("batch statistic " + s, doubles(og.getOutputs().get(s)));
    }
    for (int i = 0; i < inputs.size(); i++) {
      values.put("gradient of input " + i, doubles(og.getGradients().get("host_in" + i)));
    }
    for (String p : params.keySet()) {
      values.put("gradient of " + p, doubles(og.getGradients().get(p)));
    }
    return values;
  }

  /** The shapes with their batch dimension left open. */
  private static List<Shape> batched(List<Shape> inputShapes) {
    List<Shape> batched = new ArrayList<>();
    for (Shape s : inputShapes) {
      long[] rest = new long[s.rank() - 1];
      System.arraycopy(s.dims(), 1, rest, 0, rest.length);
      batched.add(Shape.batched(rest));
    }
    return batched;
  }

  private static INDArray array(float[] values, DataType type, long... shape) {
    return Nd4j.createFromArray(values).reshape(shape).castTo(type);
  }

  private static INDArray array(double[] values, DataType type, long... shape) {
    return Nd4j.createFromArray(values).reshape(shape).castTo(type);
  }

  /**
   * {@code values} in double, each moved by a random relative amount of at most one float ulp
   * (2^-23) when {@code nudge} is given: inputs as uncertain as float rounding makes them.
   */
  private static double[] nudged(float[] values, SplittableRandom nudge) {
    double[] v = new double[values.length];
    for (int k = 0; k < v.length; k++) {
      v[k] = values[k];
      if (nudge != null) {
        v[k] *= 1 + nudge.nextDouble(-1, 1) * 0x1p-23;
      }
    }
    return v;
  }

  /** The values of {@code a} in row-major order; null (no gradient reached) stays null. */
  private static double[] doubles(INDArray a) {
    return a == null ? null : a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
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

  private static void compare(
      String what,
      double[] reference,
      double[] graph32,
      double[] nudged,
      float[] kernel,
      double tol) {
    double[] ref = reference == null ? new double[kernel.length] : reference;
    double[] g32 = graph32 == null ? new double[kernel.length] : graph32;
    double[] ndg = nudged == null ? new double[kernel.length] : nudged;
    assertEquals(ref.length, kernel.length, what + ": length");
    for (int k = 0; k < ref.length; k++) {
      double floatError = Math.max(Math.abs(g32[k] - ref[k]), Math.abs(ndg[k] - ref[k]));
      double allowed = tol * (1 + Math.abs(ref[k])) + FLOAT_ERROR_FACTOR * floatError;
      double diff = Math.abs(ref[k] - kernel[k]);
      if (!(diff <= allowed)) {
        throw new AssertionError(
            what
                + "["
                + k
                + "]: kernel "
                + kernel[k]
                + ", graph in DOUBLE "
                + ref[k]
                + ", in FLOAT "
                + g32[k]
                + ", in DOUBLE from inputs nudged by an ulp "
                + ndg[k]
                + " (tolerance "
                + tol
                + ")");
      }
    }
  }
}
