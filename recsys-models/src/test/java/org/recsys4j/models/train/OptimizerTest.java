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
    new Optimizer.Sgd(0.1, 0.01).update(w, 0, new float[0][], 0, 0, new float[] {G}, 0, 1, 1, 1f);
    assertEquals(W - 0.1 * (G + 0.01 * W), w[0], 1e-7);
  }

  @Test
  void adagradStep() {
    float[] w = {W};
    float[][] s = {{0.1f}};
    new Optimizer.Adagrad(0.1, 0.1, 1e-8, 0.01).update(w, 0, s, 0, 0, new float[] {G}, 0, 1, 1, 1f);
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
    adam.update(w, 0, s, 0, 0, new float[] {G}, 0, 1, 1, 1f);
    adam.update(w, 0, s, 0, 0, new float[] {-G}, 0, 1, 2, 1f);
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

  /** State right after the weights in one array (the table layout) gives the same numbers. */
  @Test
  void interleavedStateEqualsSeparateArrays() {
    for (Optimizer o :
        new Optimizer[] {
          Optimizer.Adam.of(0.01), Optimizer.Adagrad.of(0.1), new Optimizer.Sgd(0.1, 0.001)
        }) {
      int d = 3;
      float[] w = {0.1f, -0.2f, 0.3f};
      float[][] sep = new float[o.slots()][d];
      for (int s = 0; s < o.slots(); s++) {
        java.util.Arrays.fill(sep[s], o.initialSlotValue(s));
      }
      float[] row = new float[d * (1 + o.slots())];
      System.arraycopy(w, 0, row, 0, d);
      for (int s = 0; s < o.slots(); s++) {
        java.util.Arrays.fill(row, d * (1 + s), d * (2 + s), o.initialSlotValue(s));
      }
      float[][] views = new float[o.slots()][];
      java.util.Arrays.fill(views, row);
      float[] g = {0.5f, -0.25f, 0.125f};
      for (long step = 1; step <= 3; step++) {
        o.update(w, 0, sep, 0, 0, g, 0, d, step, 1f);
        o.update(row, 0, views, d, d, g, 0, d, step, 1f);
      }
      for (int i = 0; i < d; i++) {
        assertEquals(w[i], row[i], 0f, o + " weight " + i);
        for (int s = 0; s < o.slots(); s++) {
          assertEquals(sep[s][i], row[d * (1 + s) + i], 0f, o + " slot " + s);
        }
      }
    }
  }
}
