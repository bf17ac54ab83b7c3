package org.recsys4j.models.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.core.data.TrainingBatch;
import org.recsys4j.models.spec.ModelSpec;
import org.recsys4j.models.zoo.FactorizationMachine;

/** Issue 7's trainer defects, each test named after its number. */
class TrainerDefectsTest {
  private static final ModelSpec FM =
      new FactorizationMachine("click", 0.1, 3).build(TrainerFixtures.schema());

  private static Map<String, float[][]> allRows(Trainer t) {
    Map<String, float[][]> out = new java.util.LinkedHashMap<>();
    for (String name : t.tables().keySet()) {
      SparseTable tab = t.table(name);
      float[][] rows = new float[tab.numRows()][];
      for (int r = 0; r < rows.length; r++) {
        rows[r] = tab.row(r);
      }
      out.put(name, rows);
    }
    return out;
  }

  private static void assertSameParameters(
      Map<String, float[][]> a,
      Map<String, float[][]> b,
      Map<String, float[]> da,
      Map<String, float[]> db) {
    assertEquals(a.keySet(), b.keySet());
    for (String k : a.keySet()) {
      assertArrayEquals(a.get(k), b.get(k), k);
    }
    assertEquals(da.keySet(), db.keySet());
    for (String k : da.keySet()) {
      assertArrayEquals(da.get(k), db.get(k), k);
    }
  }

  @Test
  void defect02_theMissingIdFitsTheTableAndATooLargeIdNamesTheRealCause() {
    try (Trainer t = new Trainer(FM, TrainerFixtures.config(4))) {
      int missing = TrainerFixtures.SPACE; // CategoricalSpec's dedicated missing id
      int[] ids = {missing, 1, 2, 3, 4, missing, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4};
      t.fit(TrainingBatch.of(TrainerFixtures.ids(4, ids), "click", new float[] {1, 0, 1, 0}));
      ids[0] = missing + 1;
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> t.fit(TrainingBatch.of(TrainerFixtures.ids(4, ids), "click", new float[4])));
      assertEquals(
          "batch.ids[0][a]=61 must be < 61, the rows of table a_w: the table is smaller"
              + " than the feature's id space (declare tables from the schema, whose rows count the"
              + " missing id)",
          e.getMessage());
      ids[0] = -1;
      assertEquals(
          "batch.ids[0][a]=-1 must be >= 0 (0 is padding)",
          assertThrows(
                  IllegalArgumentException.class,
                  () -> t.fit(TrainingBatch.of(TrainerFixtures.ids(4, ids), "click", new float[4])))
              .getMessage());
    }
  }

  @Test
  void defect06_aStepWhoseLossIsNotFiniteThrowsAndChangesNothing() {
    TrainerConfig explosive =
        TrainerFixtures.config(16)
            .withTableOptimizer(new Optimizer.Sgd(1e30, 0))
            .withDenseOptimizer(new Optimizer.Sgd(1e30, 0));
    try (Trainer t = new Trainer(FM, explosive)) {
      List<TrainingBatch> data = TrainerFixtures.data(6, 16, 11);
      IllegalStateException failure = null;
      for (TrainingBatch b : data) {
        Map<String, float[][]> before = allRows(t);
        Map<String, float[]> denseBefore = t.denseParameters();
        long stepBefore = t.step();
        try {
          t.fit(b);
        } catch (IllegalStateException e) {
          failure = e;
          assertSameParameters(before, allRows(t), denseBefore, t.denseParameters());
          assertEquals(stepBefore, t.step());
          break;
        }
      }
      assertTrue(failure != null, "a learning rate of 1e30 must end in a non-finite step");
      assertTrue(failure.getMessage().contains("no parameter was changed"), failure.getMessage());
    }
  }

  @Test
  void defect07_aStepLeavesNoLiveNativeArraysInTheSessionsAndTheirCacheIsOff() {
    try (Trainer t = new Trainer(FM, TrainerFixtures.config(16), false)) {
      for (TrainingBatch b : TrainerFixtures.data(3, 16, 17)) {
        t.fit(b);
        t.predict(b.inputs());
      }
      org.nd4j.autodiff.samediff.SameDiff grad = t.graphForInspection().getFunction("grad");
      java.util.Set<Long> variables = new java.util.HashSet<>();
      for (org.nd4j.autodiff.samediff.SameDiff g : List.of(t.graphForInspection(), grad)) {
        for (org.nd4j.autodiff.samediff.SDVariable v : g.variables()) {
          if (v.getVariableType() != org.nd4j.autodiff.samediff.VariableType.ARRAY
              && v.getArr() != null) {
            variables.add(v.getArr().data().address());
          }
        }
      }
      int sessions = 0;
      for (var s : grad.getSessions().values()) {
        sessions++;
        assertTrue(
            s.getMmgr() instanceof org.nd4j.autodiff.samediff.internal.memory.ArrayCacheMemoryMgr m
                && !m.isEnableCache(),
            "the session's array cache is off");
        for (var entry : s.getNodeValueOutputs().entrySet()) {
          var value = entry.getValue();
          String name = entry.getKey().getVariable();
          if (grad.hasVariable(name) && grad.getVariable(name).isPlaceHolder()) {
            continue; // the trainer's reused input arrays
          }
          org.nd4j.linalg.api.ndarray.INDArray a = value == null ? null : value.getTensorValue();
          if (a != null && a.closeable() && !a.wasClosed()) {
            assertTrue(
                variables.contains(a.data().address()),
                "an intermediate array outlived its step: " + java.util.Arrays.toString(a.shape()));
          }
        }
      }
      assertTrue(sessions > 0, "the gradient function ran in a session");
    }
  }

  @Test
  void defect08_eightThreadsPredictExactlyWhatOneThreadPredicts() throws Exception {
    try (Trainer t = new Trainer(FM, TrainerFixtures.config(32))) {
      for (TrainingBatch b : TrainerFixtures.data(10, 32, 12)) {
        t.fit(b);
      }
      List<TrainingBatch> requests = TrainerFixtures.data(16, 50, 13);
      List<float[]> expected = new ArrayList<>();
      for (TrainingBatch r : requests) {
        expected.add(t.predict(r.inputs(), "ctr"));
      }
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<Integer>> wrong = new ArrayList<>();
        for (int th = 0; th < 8; th++) {
          final int offset = th;
          wrong.add(
              pool.submit(
                  () -> {
                    int bad = 0;
                    for (int rep = 0; rep < 20; rep++) {
                      int k = (offset + rep) % requests.size();
                      float[] p = t.predict(requests.get(k).inputs(), "ctr");
                      bad += java.util.Arrays.equals(p, expected.get(k)) ? 0 : 1;
                    }
                    return bad;
                  }));
        }
        int total = 0;
        for (Future<Integer> f : wrong) {
          total += f.get();
        }
        assertEquals(0, total, "responses that differ from single-threaded predict");
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void defect09_predictOnUnseenIdsChangesNoState() {
    try (Trainer t = new Trainer(FM, TrainerFixtures.config(8))) {
      t.fit(TrainerFixtures.data(1, 8, 14).get(0));
      long[] used = t.tables().values().stream().mapToLong(SparseTable::usedRows).toArray();
      int[] unseen = {55, 56, 57, 58};
      List<Boolean> initialisedBefore = new ArrayList<>();
      for (SparseTable tab : t.tables().values()) {
        for (int id : unseen) {
          initialisedBefore.add(tab.isInitialised(id));
        }
      }
      float[] p1 = t.predict(TrainerFixtures.ids(1, unseen), "ctr");
      float[] p2 = t.predict(TrainerFixtures.ids(1, unseen), "ctr");
      assertArrayEquals(p1, p2);
      assertArrayEquals(
          used, t.tables().values().stream().mapToLong(SparseTable::usedRows).toArray());
      List<Boolean> initialisedAfter = new ArrayList<>();
      for (SparseTable tab : t.tables().values()) {
        for (int id : unseen) {
          initialisedAfter.add(tab.isInitialised(id));
        }
      }
      assertEquals(initialisedBefore, initialisedAfter);
      assertTrue(initialisedAfter.contains(false), "the fixture must hold unseen ids");
    }
  }

  @Test
  void defect10_weightsAreValidatedAndNullIsNamed() {
    try (Trainer t = new Trainer(FM, TrainerFixtures.config(8))) {
      TrainingBatch b = TrainerFixtures.data(1, 8, 15).get(0);
      assertEquals(
          "batch.weights.sum=0.0 must be > 0: a step whose weights are all 0 learns" + " nothing",
          assertThrows(IllegalArgumentException.class, () -> t.fit(b.withWeights(new float[8])))
              .getMessage());
      float[] huge = new float[8];
      java.util.Arrays.fill(huge, Float.MAX_VALUE / 2);
      assertTrue(
          assertThrows(IllegalArgumentException.class, () -> t.fit(b.withWeights(huge)))
              .getMessage()
              .startsWith("batch.weights.sum="));
      float[] negative = new float[8];
      negative[3] = -1;
      assertEquals(
          "batch.weights[3]=-1.0 must be finite and >= 0",
          assertThrows(IllegalArgumentException.class, () -> t.fit(b.withWeights(negative)))
              .getMessage());
      Exception e = assertThrows(RuntimeException.class, () -> t.fit(null));
      assertTrue(e.getMessage() != null && e.getMessage().startsWith("batch"), e.getMessage());
      assertEquals(0, t.step());
    }
  }

  @Test
  void labelsOutsideZeroOneAndMissingLabelColumnsAreNamed() {
    try (Trainer t = new Trainer(FM, TrainerFixtures.config(8))) {
      EncodedBatch x = TrainerFixtures.data(1, 8, 16).get(0).inputs();
      float[] y = new float[8];
      y[2] = 2f;
      assertEquals(
          "batch.labels[click][2]=2.0 must be in [0, 1]",
          assertThrows(IllegalArgumentException.class, () -> t.fit(TrainingBatch.of(x, "click", y)))
              .getMessage());
      assertTrue(
          assertThrows(
                  IllegalArgumentException.class,
                  () -> t.fit(TrainingBatch.of(x, "order", new float[8])))
              .getMessage()
              .contains("must include 'click'"));
    }
  }
}
