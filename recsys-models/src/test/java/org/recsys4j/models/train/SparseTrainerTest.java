package org.recsys4j.models.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.recsys4j.models.layers.embedding.Embedding;
import org.recsys4j.models.models.FactorizationMachine;
import org.recsys4j.models.models.LogisticRegression;

class SparseTrainerTest {
  private static final int ROWS = 500;
  private static final int FIELDS = 4;

  private static FactorizationMachine fm(int fields) {
    return FactorizationMachine.builder().numRows(ROWS).numFields(fields).embeddingDim(4)
        .initStd(0.1).build();
  }

  private static TrainerConfig config(int batch) {
    return TrainerConfig.builder().batchSize(batch).seed(3)
        .embeddingOptimizer(Optimizer.Adagrad.of(0.1)).denseOptimizer(Optimizer.Adam.of(0.01))
        .build();
  }

  /** A planted FM problem: label = 1 when two latent groups of field 0 and 1 match. */
  private static List<SparseBatch> data(int batches, int batch, int fields, int padded,
      long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<SparseBatch> out = new ArrayList<>();
    int width = fields + padded;
    for (int k = 0; k < batches; k++) {
      int[] ids = new int[batch * width];
      float[] y = new float[batch];
      for (int i = 0; i < batch; i++) {
        int a = 1 + r.nextInt(40);
        int b = 41 + r.nextInt(40);
        ids[i * width] = a;
        ids[i * width + 1] = b;
        for (int f = 2; f < fields; f++) {
          ids[i * width + f] = 81 + r.nextInt(ROWS - 81);
        }
        double p = ((a % 2) == (b % 2)) ? 0.8 : 0.1;
        y[i] = r.nextDouble() < p ? 1f : 0f;
      }
      out.add(SparseBatch.of("features", ids, y));
    }
    return out;
  }

  @Test
  void onlyTouchedRowsChangeAfterOneStep() {
    SparseTrainer t = new SparseTrainer(fm(FIELDS), config(8));
    EmbeddingTable emb = t.table("fm_embedding");
    float[][] before = new float[ROWS][];
    for (int r = 0; r < ROWS; r++) {
      before[r] = emb.row(r);
    }
    SparseBatch b = data(1, 8, FIELDS, 0, 1).get(0);
    Set<Integer> touched = new HashSet<>();
    for (int id : b.ids("features")) {
      touched.add(id);
    }
    t.fit(b);
    int changed = 0;
    for (int r = 0; r < ROWS; r++) {
      boolean same = java.util.Arrays.equals(before[r], emb.row(r));
      if (touched.contains(r)) {
        assertTrue(!same, "touched row " + r + " must change");
        changed++;
      } else {
        assertTrue(same, "untouched row " + r + " must not change");
      }
    }
    assertEquals(touched.size(), changed);
  }

  @Test
  void sameSeedGivesBitIdenticalParameters() {
    List<SparseBatch> batches = data(20, 32, FIELDS, 0, 5);
    SparseTrainer a = new SparseTrainer(fm(FIELDS), config(32));
    SparseTrainer b = new SparseTrainer(fm(FIELDS), config(32));
    for (SparseBatch batch : batches) {
      assertEquals(Float.floatToIntBits(a.fit(batch)), Float.floatToIntBits(b.fit(batch)));
    }
    for (String name : a.tables().keySet()) {
      for (int r = 0; r < ROWS; r++) {
        assertArrayEquals(a.table(name).row(r), b.table(name).row(r), name + " row " + r);
      }
    }
    Map<String, float[]> da = a.denseParameters();
    Map<String, float[]> db = b.denseParameters();
    assertEquals(da.keySet(), db.keySet());
    for (String k : da.keySet()) {
      assertArrayEquals(da.get(k), db.get(k), k);
    }
    SparseTrainer other = new SparseTrainer(fm(FIELDS), TrainerConfig.builder().batchSize(32)
        .seed(4).build());
    assertNotEquals(a.table("fm_embedding").row(1)[0], other.table("fm_embedding").row(1)[0]);
  }

  /** Splitting the Java side of a step over two threads changes no bit of the result. */
  @Test
  void oneAndTwoJavaThreadsGiveBitIdenticalParameters() {
    List<SparseBatch> batches = data(6, 1024, FIELDS, 0, 8);
    TrainerConfig.Builder cb = TrainerConfig.builder().batchSize(1024).seed(9)
        .embeddingOptimizer(Optimizer.Adam.of(0.01));
    SparseTrainer one = new SparseTrainer(fm(FIELDS), cb.javaThreads(1).build());
    SparseTrainer two = new SparseTrainer(fm(FIELDS), cb.javaThreads(2).build());
    for (SparseBatch b : batches) {
      assertEquals(Float.floatToIntBits(one.fit(b)), Float.floatToIntBits(two.fit(b)));
    }
    for (String name : one.tables().keySet()) {
      for (int r = 0; r < ROWS; r++) {
        assertArrayEquals(one.table(name).row(r), two.table(name).row(r), name + " row " + r);
      }
    }
  }

  @Test
  void fmLearnsAPlantedInteractionThatLogisticRegressionCannot() {
    List<SparseBatch> train = data(150, 64, FIELDS, 0, 11);
    SparseBatch test = data(1, 2000, FIELDS, 0, 12).get(0);
    TrainerConfig fast = TrainerConfig.builder().batchSize(64).seed(3)
        .embeddingOptimizer(Optimizer.Adagrad.of(0.5)).denseOptimizer(Optimizer.Adam.of(0.01))
        .build();
    SparseTrainer fm = new SparseTrainer(fm(FIELDS), fast);
    SparseTrainer lr = new SparseTrainer(LogisticRegression.builder().numRows(ROWS)
        .numFields(FIELDS).build(), fast);
    for (int epoch = 0; epoch < 4; epoch++) {
      for (SparseBatch b : train) {
        fm.fit(b);
        lr.fit(b);
      }
    }
    double fmAuc = auc(fm.predict(test), test.labels().orElseThrow());
    double lrAuc = auc(lr.predict(test), test.labels().orElseThrow());
    assertTrue(fmAuc > 0.75, "fm auc " + fmAuc);
    assertTrue(lrAuc < 0.6, "lr auc " + lrAuc);
  }

  /** Appending padded fields (id 0) changes neither predictions nor training. */
  @Test
  void paddedFieldsChangeNothing() {
    List<SparseBatch> plain = data(10, 16, FIELDS, 0, 21);
    List<SparseBatch> padded = data(10, 16, FIELDS, 3, 21);
    SparseTrainer a = new SparseTrainer(fm(FIELDS), config(16));
    SparseTrainer b = new SparseTrainer(fm(FIELDS + 3), config(16));
    for (int k = 0; k < plain.size(); k++) {
      assertEquals(a.fit(plain.get(k)), b.fit(padded.get(k)), 1e-6);
    }
    float[] pa = a.predict(plain.get(0));
    float[] pb = b.predict(padded.get(0));
    assertArrayEquals(pa, pb, 1e-6f);
    float[] zero = b.table("fm_embedding").row(Embedding.PADDING_ID);
    assertArrayEquals(new float[zero.length], zero, "padding row stays zero");
  }

  @Test
  void predictHandlesAnySizeAndMatchesItself() {
    SparseTrainer t = new SparseTrainer(fm(FIELDS), config(16));
    SparseBatch big = data(1, 37, FIELDS, 0, 2).get(0);
    float[] all = t.predict(big);
    assertEquals(37, all.length);
    int[] first = java.util.Arrays.copyOf(big.ids("features"), FIELDS);
    float[] one = t.predict(SparseBatch.unlabelled("features", 1, first));
    assertEquals(all[0], one[0], 1e-7f);
  }

  @Test
  void outOfRangeIdIsNamed() {
    SparseTrainer t = new SparseTrainer(fm(FIELDS), config(4));
    int[] ids = {1, 2, 3, 4, 5, 6, ROWS, 8};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> t.fit(SparseBatch.of("features", ids, new float[] {0, 1})));
    assertTrue(e.getMessage().startsWith("features.ids[1][2]=500 must be in [0, 500)"),
        e.getMessage());
    int[] neg = {1, 2, 3, -4, 5, 6, 7, 8};
    e = assertThrows(IllegalArgumentException.class,
        () -> t.predict(SparseBatch.unlabelled("features", 2, neg)));
    assertTrue(e.getMessage().startsWith("features.ids[0][3]=-4"), e.getMessage());
  }

  @Test
  void nanLabelIsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SparseBatch.of("features", new int[] {1, 2, 3, 4, 1, 2, 3, 4},
            new float[] {1, Float.NaN}));
    assertEquals("batch.labels[1]=NaN must be a finite value in [0, 1]", e.getMessage());
  }

  @Test
  void mismatchedSizesAreNamed() {
    SparseTrainer t = new SparseTrainer(fm(FIELDS), config(4));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> t.fit(SparseBatch.of("features", new int[] {1, 2, 3, 4, 5}, new float[] {1, 0})));
    assertEquals("features.ids.length=5 must equal batch.size*numFields=2*4", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> SparseBatch.of(3, Map.of("features", new int[12]), new float[] {1, 0}, null));
    assertEquals("batch.labels.length=2 must equal batch.size=3", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> t.fit(SparseBatch.of("features", new int[20], new float[5])));
    assertEquals("batch.size=5 must be <= trainer.batchSize=4", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> t.fit(SparseBatch.of("other", new int[8], new float[2])));
    assertTrue(e.getMessage().startsWith("batch.ids='features' is missing"), e.getMessage());
  }

  @Test
  void invalidBuilderValuesAreNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Embedding.builder().name("item").numRows(1).numFields(2).embeddingDim(8).build());
    assertEquals("item.numRows=1 must be >= 2 (row 0 is padding)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> TrainerConfig.builder().batchSize(0).build());
    assertEquals("trainer.batchSize=0 must be > 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Optimizer.Adam.of(-1));
    assertEquals("adam.learningRate=-1.0 must be finite and > 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> FactorizationMachine.builder().numRows(100).numFields(3).embeddingDim(0).build());
    assertEquals("fm_embedding.embeddingDim=0 must be > 0", e.getMessage());
  }

  static double auc(float[] p, float[] y) {
    long pos = 0;
    long neg = 0;
    double wins = 0;
    for (int i = 0; i < p.length; i++) {
      for (int j = 0; j < p.length; j++) {
        if (y[i] == 1 && y[j] == 0) {
          wins += p[i] > p[j] ? 1 : p[i] == p[j] ? 0.5 : 0;
        }
      }
      if (y[i] == 1) {
        pos++;
      } else {
        neg++;
      }
    }
    return wins / (pos * neg);
  }
}
