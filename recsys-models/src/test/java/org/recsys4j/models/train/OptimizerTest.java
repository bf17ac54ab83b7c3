package org.recsys4j.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** One step of each optimizer against the formula computed by hand in double. */
class OptimizerTest {
  private static final float W = 0.5f;
  private static final float G = 0.2f;

  @Test
  void sgdStep() {
    float[] w = {W};
    new Optimizer.Sgd(0.1, 0.01).update(w, 0, new float[0][], new float[] {G}, 0, 1, 1);
    assertEquals(W - 0.1 * (G + 0.01 * W), w[0], 1e-7);
  }

  @Test
  void adagradStep() {
    float[] w = {W};
    float[][] s = {{0.1f}};
    new Optimizer.Adagrad(0.1, 0.1, 1e-8, 0.01).update(w, 0, s, new float[] {G}, 0, 1, 1);
    double g = G + 0.01 * W;
    double acc = 0.1 + g * g;
    assertEquals(acc, s[0][0], 1e-7);
    assertEquals(W - 0.1 * g / (Math.sqrt(acc) + 1e-8), w[0], 1e-7);
  }

  @Test
  void adamTwoSteps() {
    float[] w = {W};
    float[][] s = {{0f}, {0f}};
    Optimizer.Adam adam = Optimizer.Adam.of(0.01);
    adam.update(w, 0, s, new float[] {G}, 0, 1, 1);
    adam.update(w, 0, s, new float[] {-G}, 0, 1, 2);
    double m = 0;
    double v = 0;
    double x = W;
    double[] gs = {G, -G};
    for (int t = 1; t <= 2; t++) {
      double g = gs[t - 1];
      m = 0.9 * m + 0.1 * g;
      v = 0.999 * v + 0.001 * g * g;
      x -= 0.01 * (m / (1 - Math.pow(0.9, t))) / (Math.sqrt(v / (1 - Math.pow(0.999, t))) + 1e-8);
    }
    assertEquals(x, w[0], 1e-6);
    assertEquals(m, s[0][0], 1e-7);
  }
}
