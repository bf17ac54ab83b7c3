package org.recsys4j.models.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.recsys4j.core.data.BatchSource;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.core.data.MemoryBatchSource;
import org.recsys4j.core.data.Shuffle;
import org.recsys4j.core.data.TrainingBatch;
import org.recsys4j.core.data.ValidationSplit;
import org.recsys4j.core.spec.CategoricalSpec;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.models.spec.ModelSpec;
import org.recsys4j.models.train.Optimizer;
import org.recsys4j.models.train.Trainer;
import org.recsys4j.models.train.TrainerConfig;
import org.recsys4j.models.zoo.FactorizationMachine;

/**
 * The loop on a planted problem: the label depends on whether features a and b share parity, which
 * an FM learns in a few epochs. Column 0 ({@code a}) doubles as GAUC's group.
 */
class FitLoopTest {
  private static final int SPACE = 40;

  static FeatureSchema schema() {
    FeatureSchema.Builder b = FeatureSchema.builder();
    for (String f : List.of("a", "b", "c")) {
      b.add(CategoricalSpec.hashed(f).space(SPACE).embeddingDim(4).build());
    }
    return b.build();
  }

  /** {@code days} days of {@code batches} batches of 64 rows. */
  static List<List<TrainingBatch>> days(int days, int batches, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<List<TrainingBatch>> out = new ArrayList<>();
    for (int d = 0; d < days; d++) {
      List<TrainingBatch> day = new ArrayList<>();
      for (int k = 0; k < batches; k++) {
        int n = 64;
        int[] ids = new int[n * 3];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
          int a = 1 + r.nextInt(SPACE - 1);
          int b = 1 + r.nextInt(SPACE - 1);
          ids[i * 3] = a;
          ids[i * 3 + 1] = b;
          ids[i * 3 + 2] = 1 + r.nextInt(SPACE - 1);
          y[i] = r.nextDouble() < ((a % 2) == (b % 2) ? 0.8 : 0.1) ? 1f : 0f;
        }
        day.add(TrainingBatch.of(EncodedBatch.of(n, Map.of("ids", ids), Map.of()), "click", y));
      }
      out.add(day);
    }
    return out;
  }

  static Trainer trainer() {
    ModelSpec fm = new FactorizationMachine("click", 0.1, 3).build(schema());
    return new Trainer(
        fm,
        TrainerConfig.defaults()
            .withBatchSize(64)
            .withJavaThreads(1)
            .withTableOptimizer(Optimizer.Adagrad.of(0.1))
            .withDenseOptimizer(Optimizer.Adam.of(0.01)));
  }

  static ValidationSplit split() {
    return MemoryBatchSource.ofDays(days(4, 6, 11), 64, Shuffle.WITHIN_DAY, 5).lastByTime(0.25);
  }

  @Test
  void trainsValidatesAndCallsListeners() {
    ValidationSplit s = split();
    int[] calls = new int[5];
    try (Trainer t = trainer()) {
      History h =
          FitLoop.of(t)
              .listener(
                  new FitListener() {
                    @Override
                    public void onEpochStart(int epoch) {
                      calls[0]++;
                    }

                    @Override
                    public void onBatchEnd(long step, int rows, float loss) {
                      calls[1]++;
                    }

                    @Override
                    public void onProgress(Progress p) {
                      calls[2]++;
                      assertEquals(s.train().rows(), p.totalRows());
                    }

                    @Override
                    public void onEpochEnd(EpochRecord r) {
                      calls[3]++;
                    }

                    @Override
                    public void onFitEnd(History history) {
                      calls[4]++;
                    }
                  })
              .fit(
                  s.train(),
                  s.validation(),
                  FitOptions.epochs(4)
                      .withGaucGroup(new GroupKey("ids", 0))
                      .withProgressSeconds(1e-9));
      assertEquals(4, h.epochs().size());
      assertArrayEquals(new int[] {4, 72, 72, 4, 1}, calls);
      assertEquals(18 * 64, h.last().rows());
      assertEquals(72, t.step());
      double[] loss = h.trainLoss();
      assertTrue(loss[3] < loss[0], "loss falls: " + java.util.Arrays.toString(loss));
      assertTrue(h.last().metric(ValidationMetric.AUC) > 0.75, "auc " + h.last());
      assertTrue(h.has(ValidationMetric.GAUC) && h.has(ValidationMetric.LOGLOSS));
      assertEquals(
          h.last().metric(ValidationMetric.AUC),
          FitLoop.of(t).evaluate(s.validation(), FitOptions.epochs(1)).get(ValidationMetric.AUC));
      assertEquals(0, h.bestEpoch());
      assertFalse(h.stoppedEarly());
    }
  }

  /**
   * No epoch can beat the first by 1 in AUC: training stops after patience and restores epoch 1.
   */
  @Test
  void earlyStoppingRestoresTheBestEpoch() {
    ValidationSplit s = split();
    float[] afterOne;
    try (Trainer once = trainer()) {
      FitLoop.of(once).fit(s.train(), null, FitOptions.epochs(1));
      afterOne = once.predict(s.validation().open(0).next().inputs(), "ctr");
    }
    try (Trainer t = trainer()) {
      History h =
          FitLoop.of(t)
              .fit(
                  s.train(),
                  s.validation(),
                  FitOptions.epochs(5)
                      .withEarlyStopping(new EarlyStopping(ValidationMetric.AUC, 2, 1.0, true)));
      assertEquals(3, h.epochs().size());
      assertEquals(1, h.bestEpoch());
      assertTrue(h.stoppedEarly() && h.restoredBest());
      assertArrayEquals(afterOne, t.predict(s.validation().open(0).next().inputs(), "ctr"));
    }
  }

  @Test
  void scheduleDrivesTheTrainersLearningRate() {
    LearningRateSchedule warm = LearningRateSchedule.constant().withWarmup(4);
    assertEquals(0.25, warm.scale(1));
    assertEquals(1.0, warm.scale(4));
    assertEquals(1.0, warm.scale(100));
    LearningRateSchedule exp = warm.withExponentialDecay(0.5, 10);
    assertEquals(0.5, exp.scale(14), 1e-12);
    LearningRateSchedule cos = LearningRateSchedule.constant().withCosineDecay(10, 0.1);
    assertEquals(0.55, cos.scale(5), 1e-12);
    assertEquals(0.1, cos.scale(50), 1e-12);
    ValidationSplit s = split();
    List<Double> seen = new ArrayList<>();
    try (Trainer t = trainer()) {
      FitLoop.of(t)
          .listener(
              new FitListener() {
                @Override
                public void onBatchEnd(long step, int rows, float loss) {
                  seen.add(t.learningRateScale());
                }
              })
          .fit(s.train(), null, FitOptions.epochs(1).withSchedule(exp).withPrefetch(0));
      assertEquals(List.of(0.25, 0.5, 0.75, 1.0, exp.scale(5)), seen.subList(0, 5));
      assertEquals(exp.scale(18), t.learningRateScale(), 1e-12);
    }
  }

  /** SameDiff's "Added differentiated op" lines never reach System.out through the loop. */
  @Test
  void nd4jConsoleChatterStaysOut() {
    java.io.PrintStream old = System.out;
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    System.setOut(new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8));
    try (Trainer t = trainer()) {
      FitLoop.of(t).fit(split().train(), split().validation(), FitOptions.epochs(1));
    } finally {
      System.setOut(old);
    }
    String out = buf.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertFalse(out.contains("Added differentiated op"), out);
  }

  @Test
  void badInputIsANamedErrorAndChangesNothing() {
    List<List<TrainingBatch>> d = days(1, 2, 3);
    int[] ids = d.get(0).get(1).inputs().ints("ids");
    ids[5] = SPACE + 7; // outside table b
    BatchSource bad = MemoryBatchSource.ofDays(d, 64, Shuffle.NONE, 0);
    try (Trainer t = trainer()) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> FitLoop.of(t).fit(bad, null, FitOptions.epochs(1)));
      assertTrue(e.getMessage().contains(Integer.toString(SPACE + 7)), e.getMessage());
      assertEquals(1, t.step(), "the first batch trained, the bad one changed nothing");
    }
    IllegalArgumentException noValidation =
        assertThrows(
            IllegalArgumentException.class,
            () -> {
              try (Trainer t = trainer()) {
                FitLoop.of(t)
                    .fit(
                        MemoryBatchSource.ofDays(days(1, 1, 1), 64, Shuffle.NONE, 0),
                        null,
                        FitOptions.epochs(2)
                            .withEarlyStopping(EarlyStopping.on(ValidationMetric.AUC, 1)));
              }
            });
    assertTrue(noValidation.getMessage().contains("needs a validation source"));
    assertThrows(
        IllegalArgumentException.class,
        () -> FitOptions.epochs(1).withEarlyStopping(EarlyStopping.on(ValidationMetric.GAUC, 1)));
  }
}
