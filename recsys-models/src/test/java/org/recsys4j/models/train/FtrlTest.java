package org.recsys4j.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.recsys4j.core.data.TrainingBatch;
import org.recsys4j.models.spec.ModelSpec;
import org.recsys4j.models.zoo.LogisticRegression;

/** FTRL-Proximal against the paper's per-coordinate update, L1 zeros, and per-table overrides. */
class FtrlTest {

  /** 200 steps of random gradients on 5 coordinates follow the reference within float error. */
  @Test
  void followsThePapersUpdate() {
    Optimizer.Ftrl ftrl = new Optimizer.Ftrl(0.1, 1.0, 2.0, 0.01);
    int d = 5;
    float[] w = new float[d];
    float[][] state = {new float[d], new float[d]};
    FtrlReference ref = new FtrlReference(0.1, 1.0, 2.0, 0.01, d);
    SplittableRandom r = new SplittableRandom(7);
    float[] g = new float[d];
    for (int t = 1; t <= 200; t++) {
      for (int i = 0; i < d; i++) {
        // coordinate i sees a gradient of mean (i - 2) * 0.1 plus noise
        g[i] = (float) ((i - 2) * 0.1 + 0.1 * (r.nextDouble() - 0.5));
        ref.step(i, g[i], ref.weight(i));
      }
      ftrl.update(w, 0, state, 0, 0, g, 0, d, t, 1f);
      for (int i = 0; i < d; i++) {
        assertEquals(ref.weight(i), w[i], 1e-5 + 1e-4 * Math.abs(ref.weight(i)), "w[" + i + "]");
        assertEquals(ref.z[i], state[0][i], 1e-4 * (1 + Math.abs(ref.z[i])), "z[" + i + "]");
        assertEquals(ref.n[i], state[1][i], 1e-4 * (1 + ref.n[i]), "n[" + i + "]");
      }
    }
    // the middle coordinate has a zero-mean gradient: L1 keeps it at exactly zero
    assertEquals(0f, w[2]);
    assertTrue(w[0] > 0 && w[4] < 0, "w=" + java.util.Arrays.toString(w));
  }

  /** With L1 above every accumulated |z|, every weight is exactly 0, whatever its start. */
  @Test
  void largeL1GivesExactZeros() {
    Optimizer.Ftrl ftrl = new Optimizer.Ftrl(0.1, 1.0, 10.0, 0.0);
    float[] w = {0.3f, -0.2f, 0.1f};
    float[][] state = {new float[3], new float[3]};
    for (int t = 1; t <= 20; t++) {
      ftrl.update(w, 0, state, 0, 0, new float[] {0.1f, -0.1f, 0.05f}, 0, 3, t, 1f);
    }
    for (float v : w) {
      assertEquals(0f, v);
    }
  }

  /** The learning-rate scale multiplies alpha: scale s on alpha a equals alpha s·a. */
  @Test
  void learningRateScaleMultipliesAlpha() {
    float[] w1 = {0f};
    float[][] s1 = {{0f}, {0f}};
    float[] w2 = {0f};
    float[][] s2 = {{0f}, {0f}};
    new Optimizer.Ftrl(0.2, 1, 0, 0.1).update(w1, 0, s1, 0, 0, new float[] {0.3f}, 0, 1, 1, 0.5f);
    new Optimizer.Ftrl(0.1, 1, 0, 0.1).update(w2, 0, s2, 0, 0, new float[] {0.3f}, 0, 1, 1, 1f);
    assertEquals(w2[0], w1[0], 1e-7);
    assertTrue(w1[0] < 0);
  }

  /** A per-table override trains that table with FTRL, the other tables with the default. */
  @Test
  void perTableOverride() {
    ModelSpec lr = new LogisticRegression("click", 3).build(TrainerFixtures.schema());
    String first = lr.tables().get(0).name();
    TrainerConfig c =
        TrainerFixtures.config(64).withTableOptimizer(first, new Optimizer.Ftrl(0.1, 1, 0.5, 0));
    try (Trainer t = new Trainer(lr, c)) {
      assertTrue(t.table(first).optimizer() instanceof Optimizer.Ftrl);
      String other = lr.tables().get(1).name();
      assertTrue(t.table(other).optimizer() instanceof Optimizer.Adagrad);
      for (TrainingBatch b : TrainerFixtures.data(20, 64, 1)) {
        t.fit(b);
      }
      int zeros = 0;
      for (int id = 1; id < TrainerFixtures.SPACE; id++) {
        if (t.table(first).isInitialised(id) && t.table(first).row(id)[0] == 0f) {
          zeros++;
        }
      }
      assertTrue(zeros > 0, "L1=0.5 must zero some weights of " + first);
    }
  }

  @Test
  void unknownTableOverrideIsANamedError() {
    ModelSpec lr = new LogisticRegression("click", 3).build(TrainerFixtures.schema());
    TrainerConfig c = TrainerFixtures.config(64).withTableOptimizer("nope", Optimizer.Ftrl.of(0.1));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Trainer(lr, c));
    assertTrue(e.getMessage().contains("trainer.tableOptimizers='nope'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Optimizer.Ftrl(0, 1, 0, 0));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new TrainerConfig(
                8,
                Optimizer.Ftrl.of(1),
                Optimizer.Adam.of(1),
                1,
                1,
                Map.of("1x", Optimizer.Ftrl.of(1))));
    assertEquals(List.of(), List.copyOf(TrainerFixtures.config(8).tableOptimizers().keySet()));
  }
}
