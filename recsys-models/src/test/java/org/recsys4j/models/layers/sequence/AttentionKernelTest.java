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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.recsys4j.core.layer.Shape;
import org.recsys4j.models.layers.dense.Activation;
import org.recsys4j.models.layers.host.HostKernel;
import org.recsys4j.models.layers.host.HostStep;

/**
 * The kernel's own contract beyond one step against the graph: a kernel reused across steps of
 * other sizes, masks and parameters gives what a fresh kernel gives (nothing stale survives a
 * step), one or two threads give bit-identical results, and its float sigmoid and tanh are within
 * their stated error.
 */
class AttentionKernelTest {
  private static final ExecutorService HELPER =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "attention-kernel-test");
            t.setDaemon(true);
            return t;
          });

  @AfterAll
  static void stop() {
    HELPER.shutdown();
  }

  /** A step over Java arrays: random inputs, mask, parameters and output gradients. */
  private static final class ArrayStep implements HostStep {
    final int b;
    final List<float[]> inputs;
    final float[] mask;
    final Map<String, float[]> params = new TreeMap<>();
    final Map<String, float[]> paramGrads = new TreeMap<>();
    final Map<String, float[]> stats = new TreeMap<>();
    final List<float[]> outputs;
    final List<float[]> outputGrads;
    final List<float[]> inputGrads;
    final boolean twoThreads;

    ArrayStep(AttentionPooling layer, int b, int t, int d, long seed, boolean twoThreads) {
      SplittableRandom r = new SplittableRandom(seed);
      this.b = b;
      this.twoThreads = twoThreads;
      this.inputs = List.of(uniform(r, b * t * d), uniform(r, b * d));
      this.mask = new float[b * t];
      for (int i = 1; i < b; i++) { // row 0 fully masked
        for (int s = 0; s < t; s++) {
          mask[i * t + s] = r.nextInt(3) > 0 ? 1f : 0f;
        }
      }
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
      params.forEach((k, v) -> paramGrads.put(k, new float[v.length]));
      this.outputs = List.of(new float[b * d], new float[b * t]);
      this.outputGrads = List.of(uniform(r, b * d), uniform(r, b * t));
      this.inputGrads = List.of(new float[b * t * d], new float[b * d]);
    }

    private static float[] uniform(SplittableRandom r, int n) {
      float[] v = new float[n];
      for (int i = 0; i < n; i++) {
        v[i] = (float) (r.nextDouble() - 0.5);
      }
      return v;
    }

    void run(HostKernel k) {
      k.forward(this);
      k.backward(this);
    }

    /** Everything the kernel wrote, by name. */
    Map<String, float[]> results() {
      Map<String, float[]> out = new HashMap<>();
      out.put("pooled", outputs.get(0));
      out.put("weights", outputs.get(1));
      out.put("d keys", inputGrads.get(0));
      out.put("d query", inputGrads.get(1));
      paramGrads.forEach((k, v) -> out.put("d " + k, v));
      stats.forEach(out::put);
      return out;
    }

    @Override
    public int rows() {
      return b;
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
      return params.get(name);
    }

    @Override
    public float[] parameterGradient(String name) {
      return paramGrads.get(name);
    }

    @Override
    public void batchStatistic(String name, float[] value) {
      stats.put(name, value.clone());
    }

    @Override
    public void parallel(int tasks, IntConsumer task) {
      if (!twoThreads) {
        for (int i = 0; i < tasks; i++) {
          task.accept(i);
        }
        return;
      }
      Future<?> f =
          HELPER.submit(
              () -> {
                for (int i = tasks / 2; i < tasks; i++) {
                  task.accept(i);
                }
              });
      for (int i = 0; i < tasks / 2; i++) {
        task.accept(i);
      }
      try {
        f.get();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
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
      new ArrayStep(layer, 40, 6, 3, 1, true).run(reused);
      ArrayStep second = new ArrayStep(layer, 9, 6, 3, 2, true);
      second.run(reused);
      ArrayStep fresh = new ArrayStep(layer, 9, 6, 3, 2, true);
      fresh.run(kernel(layer, 6, 3));
      assertSame(fresh.results(), second.results());
    }
  }

  /** The blocks and their order are fixed, so the number of threads changes no bit. */
  @Test
  void oneAndTwoThreadsGiveTheSameBits() {
    AttentionPooling layer = AttentionPooling.of("att", 12, 6).withRecencyBias(true);
    ArrayStep one = new ArrayStep(layer, 64, 9, 4, 3, false);
    one.run(kernel(layer, 9, 4));
    ArrayStep two = new ArrayStep(layer, 64, 9, 4, 3, true);
    two.run(kernel(layer, 9, 4));
    assertSame(one.results(), two.results());
    assertTrue(one.stats.containsKey("att/dice1_batch_var"), "Dice statistics reported");
    assertTrue(one.results().containsKey("d att/recency"), "recency gradient reported");
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
