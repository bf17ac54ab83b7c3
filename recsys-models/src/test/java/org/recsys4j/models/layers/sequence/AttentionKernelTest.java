package org.recsys4j.models.layers.sequence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.recsys4j.core.layer.Shape;
import org.recsys4j.models.layers.dense.Activation;
import org.recsys4j.models.layers.host.ArrayHostStep;
import org.recsys4j.models.layers.host.HostKernel;

/**
 * The kernel's own contract beyond one step against the graph: a kernel reused across steps of
 * other sizes, masks and parameters gives what a fresh kernel gives (nothing stale survives a
 * step), one or two threads give bit-identical results, and its float sigmoid and tanh are within
 * their stated error.
 */
class AttentionKernelTest {
  /** A step of random inputs, mask (row 0 fully masked), parameters and output gradients. */
  private static ArrayHostStep step(
      AttentionPooling layer, int b, int t, int d, long seed, boolean twoThreads) {
    SplittableRandom r = new SplittableRandom(seed);
    List<float[]> inputs = List.of(uniform(r, b * t * d), uniform(r, b * d));
    float[] mask = new float[b * t];
    for (int i = 1; i < b; i++) { // row 0 fully masked
      for (int s = 0; s < t; s++) {
        mask[i * t + s] = r.nextInt(3) > 0 ? 1f : 0f;
      }
    }
    Map<String, float[]> params = new TreeMap<>();
    List<Integer> u = layer.units();
    String n = layer.name() + "/";
    for (String w : List.of("Wq", "Wk", "Wd", "Wp")) {
      params.put(n + w, uniform(r, d * u.get(0)));
    }
    for (int l = 0; l < u.size(); l++) {
      params.put(n + "b" + l, uniform(r, u.get(l)));
      if (l > 0) {
        params.put(n + "W" + l, uniform(r, u.get(l - 1) * u.get(l)));
      }
      if (layer.activation().isParametric()) {
        params.put(n + "alpha" + l, uniform(r, u.get(l)));
      }
    }
    params.put(n + "Wout", uniform(r, u.get(u.size() - 1)));
    params.put(n + "bout", uniform(r, 1));
    if (layer.recencyBias()) {
      params.put(n + "recency", uniform(r, t));
    }
    Map<String, float[]> paramGrads = new TreeMap<>();
    params.forEach((k, v) -> paramGrads.put(k, new float[v.length]));
    return new ArrayHostStep(
        b,
        inputs,
        mask,
        List.of(new float[b * d], new float[b * t]),
        List.of(uniform(r, b * d), uniform(r, b * t)),
        List.of(new float[b * t * d], new float[b * d]),
        params,
        paramGrads,
        new TreeMap<>(),
        twoThreads);
  }

  private static float[] uniform(SplittableRandom r, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (r.nextDouble() - 0.5);
    }
    return v;
  }

  /** Everything the kernel wrote, by name. */
  private static Map<String, float[]> results(ArrayHostStep s) {
    Map<String, float[]> out = new HashMap<>();
    out.put("pooled", s.outputs().get(0));
    out.put("weights", s.outputs().get(1));
    out.put("d keys", s.inputGradients().get(0));
    out.put("d query", s.inputGradients().get(1));
    s.parameterGradients().forEach((k, v) -> out.put("d " + k, v));
    s.statistics().forEach(out::put);
    return out;
  }

  private static HostKernel kernel(AttentionPooling layer, int t, int d) {
    return layer
        .hostKernel(List.of(Shape.batched(t, d), Shape.batched(d)), Optional.of(Shape.batched(t)))
        .orElseThrow();
  }

  private static void assertSame(Map<String, float[]> want, Map<String, float[]> got) {
    assertEquals(want.keySet(), got.keySet());
    for (String k : want.keySet()) {
      assertArrayEquals(want.get(k), got.get(k), k);
    }
  }

  /**
   * A kernel that ran a bigger step (other rows, mask, parameters) gives on the next step exactly
   * what a fresh kernel gives: buffers grown for the big step and state of the step before change
   * nothing.
   */
  @Test
  void reusedKernelEqualsFreshKernel() {
    for (Activation a : List.of(Activation.DICE, Activation.PRELU, Activation.SIGMOID)) {
      AttentionPooling layer =
          new AttentionPooling("att", List.of(7, 5), a, AttentionNormalization.SOFTMAX, false);
      HostKernel reused = kernel(layer, 6, 3);
      step(layer, 40, 6, 3, 1, true).run(reused);
      ArrayHostStep second = step(layer, 9, 6, 3, 2, true);
      second.run(reused);
      ArrayHostStep fresh = step(layer, 9, 6, 3, 2, true);
      fresh.run(kernel(layer, 6, 3));
      assertSame(results(fresh), results(second));
    }
  }

  /** The blocks and their order are fixed, so the number of threads changes no bit. */
  @Test
  void oneAndTwoThreadsGiveTheSameBits() {
    AttentionPooling layer = AttentionPooling.of("att", 12, 6).withRecencyBias(true);
    ArrayHostStep one = step(layer, 64, 9, 4, 3, false);
    one.run(kernel(layer, 9, 4));
    ArrayHostStep two = step(layer, 64, 9, 4, 3, true);
    two.run(kernel(layer, 9, 4));
    assertSame(results(one), results(two));
    assertTrue(one.statistics().containsKey("att/dice1_batch_var"), "Dice statistics reported");
    assertTrue(results(one).containsKey("d att/recency"), "recency gradient reported");
  }

  /** The rational sigmoid and tanh against Math over [-40, 40] and at the clamp. */
  @Test
  void sigmoidAndTanhAreWithinTheirStatedError() {
    double worstSigmoid = 0;
    double worstTanh = 0;
    List<Float> xs = new ArrayList<>();
    for (int i = -40_000; i <= 40_000; i++) {
      xs.add(i / 1000f);
    }
    xs.add(7.90531110763549805f);
    xs.add(-7.90531110763549805f);
    for (float x : xs) {
      worstSigmoid =
          Math.max(worstSigmoid, Math.abs(FloatMath.sigmoid(x) - 1 / (1 + Math.exp(-x))));
      double t = Math.tanh(x);
      worstTanh =
          Math.max(worstTanh, Math.abs(FloatMath.tanh(x) - t) / Math.max(Math.abs(t), 1e-3));
    }
    assertTrue(worstSigmoid < 2e-7, "sigmoid error " + worstSigmoid);
    assertTrue(worstTanh < 4e-7, "tanh relative error " + worstTanh);
  }
}
