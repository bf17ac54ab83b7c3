package org.recsys4j.models.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.recsys4j.core.data.TrainingBatch;
import org.recsys4j.models.spec.ModelSpec;
import org.recsys4j.models.zoo.FactorizationMachine;
import org.recsys4j.models.zoo.LogisticRegression;

class TrainerTest {
  private static final ModelSpec FM =
      new FactorizationMachine("click", 0.1, 3).build(TrainerFixtures.schema());

  @Test
  void onlyTouchedRowsChangeAfterOneStep() {
    try (Trainer t = new Trainer(FM, TrainerFixtures.config(8))) {
      TrainingBatch b = TrainerFixtures.data(1, 8, 1).get(0);
      Map<String, float[][]> before = new java.util.LinkedHashMap<>();
      for (String name : t.tables().keySet()) {
        before.put(name, rows(t.table(name)));
      }
      t.fit(b);
      int[] ids = b.inputs().ints("ids");
      for (String name : t.tables().keySet()) {
        int f = List.of("a", "b", "c", "d").indexOf(name.replace("_w", ""));
        Set<Integer> touched = new HashSet<>();
        for (int i = 0; i < 8; i++) {
          if (ids[i * 4 + f] != 0) {
            touched.add(ids[i * 4 + f]);
          }
        }
        float[][] after = rows(t.table(name));
        for (int r = 0; r < after.length; r++) {
          boolean same = java.util.Arrays.equals(before.get(name)[r], after[r]);
          assertEquals(!touched.contains(r), same, name + " row " + r);
        }
      }
    }
  }

  private static float[][] rows(SparseTable t) {
    float[][] out = new float[t.numRows()][];
    for (int r = 0; r < t.numRows(); r++) {
      out[r] = t.row(r);
    }
    return out;
  }

  @Test
  void sameSpecAndDataGiveBitIdenticalParametersWithOneOrTwoJavaThreads() {
    List<TrainingBatch> data = TrainerFixtures.data(20, 32, 5);
    try (Trainer a = new Trainer(FM, TrainerFixtures.config(32));
        Trainer b = new Trainer(FM, TrainerFixtures.config(32).withJavaThreads(1))) {
      for (TrainingBatch batch : data) {
        assertEquals(Float.floatToIntBits(a.fit(batch)), Float.floatToIntBits(b.fit(batch)));
      }
      for (String name : a.tables().keySet()) {
        assertArrayEquals(rows(a.table(name)), rows(b.table(name)), name);
      }
      Map<String, float[]> da = a.denseParameters();
      Map<String, float[]> db = b.denseParameters();
      assertEquals(da.keySet(), db.keySet());
      for (String k : da.keySet()) {
        assertArrayEquals(da.get(k), db.get(k), k);
      }
    }
  }

  @Test
  void fmLearnsAPlantedInteractionThatLogisticRegressionCannot() {
    List<TrainingBatch> train = TrainerFixtures.data(150, 64, 7);
    List<TrainingBatch> test = TrainerFixtures.data(10, 64, 8);
    double fmLoss = trainAndTest(FM, train, test);
    double lrLoss =
        trainAndTest(
            new LogisticRegression("click", 3).build(TrainerFixtures.schema()), train, test);
    assertTrue(fmLoss < lrLoss - 0.05, "fm " + fmLoss + " must beat lr " + lrLoss);
  }

  private static double trainAndTest(
      ModelSpec spec, List<TrainingBatch> train, List<TrainingBatch> test) {
    try (Trainer t = new Trainer(spec, TrainerFixtures.config(64))) {
      for (int e = 0; e < 3; e++) {
        for (TrainingBatch b : train) {
          t.fit(b);
        }
      }
      double loss = 0;
      int n = 0;
      for (TrainingBatch b : test) {
        float[] p = t.predict(b.inputs(), "ctr");
        float[] y = b.labels().get("click");
        for (int i = 0; i < p.length; i++) {
          double q = Math.min(1 - 1e-7, Math.max(1e-7, p[i]));
          loss -= y[i] * Math.log(q) + (1 - y[i]) * Math.log(1 - q);
          n++;
        }
      }
      return loss / n;
    }
  }

  @Test
  void predictAnySizeEqualsRowAloneAndChangesNothing() {
    try (Trainer t = new Trainer(FM, TrainerFixtures.config(16))) {
      for (TrainingBatch b : TrainerFixtures.data(5, 16, 9)) {
        t.fit(b);
      }
      TrainingBatch big = TrainerFixtures.data(1, 37, 10).get(0);
      float[][] before = rows(t.table("a"));
      float[] all = t.predict(big.inputs(), "ctr");
      int[] ids = big.inputs().ints("ids");
      for (int i = 0; i < 37; i += 9) {
        float[] one =
            t.predict(
                TrainerFixtures.ids(1, java.util.Arrays.copyOfRange(ids, i * 4, i * 4 + 4)), "ctr");
        assertEquals(all[i], one[0], 1e-6, "row " + i);
      }
      assertArrayEquals(before, rows(t.table("a")));
    }
  }
}
