package org.recsys4j.models.checkpoint;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.core.data.TrainingBatch;
import org.recsys4j.models.spec.ModelSpec;
import org.recsys4j.models.train.Optimizer;
import org.recsys4j.models.train.Trainer;
import org.recsys4j.models.train.TrainerConfig;
import org.recsys4j.models.train.TrainerState;
import org.recsys4j.models.zoo.FactorizationMachine;

/**
 * A step on bad input (a label outside [0,1], a batch of the wrong shape, a loss that is not
 * finite) is a named error that leaves the whole training state as it was: parameters, optimizer
 * slots, which rows are used, the step.
 */
class BadInputTest {
  private static final ModelSpec FM = FactorizationMachine.of("click").build(States.schema());

  private static TrainerState trainedThenRejected(
      TrainerConfig cfg, TrainingBatch bad, Class<? extends RuntimeException> type, String text) {
    try (Trainer t = new Trainer(FM, cfg)) {
      for (TrainingBatch b : States.day(3, 16, 1, 60, 8)) {
        t.fit(b);
      }
      TrainerState before = t.state();
      RuntimeException e = assertThrows(type, () -> t.fit(bad));
      assertTrue(e.getMessage().contains(text), e.getMessage());
      States.assertSame(before, t.state());
      return before;
    }
  }

  private static TrainingBatch withLabel(int i, float y) {
    TrainingBatch b = States.day(1, 16, 61, 120, 9).get(0); // rows 61.. unused before
    float[] labels = b.labels().get("click").clone();
    labels[i] = y;
    return TrainingBatch.of(b.inputs(), "click", labels);
  }

  @Test
  void aLabelOutsideZeroOneIsNamedAndChangesNothing() {
    TrainerConfig cfg = TrainerConfig.defaults().withBatchSize(16);
    trainedThenRejected(
        cfg,
        withLabel(5, 1.5f),
        IllegalArgumentException.class,
        "batch.labels[click][5]=1.5 must be in [0, 1]");
    trainedThenRejected(
        cfg,
        withLabel(0, Float.NaN),
        IllegalArgumentException.class,
        "batch.labels[click][0]=NaN must be in [0, 1]");
  }

  @Test
  void aBatchOfTheWrongShapeIsNamedAndChangesNothing() {
    TrainerConfig cfg = TrainerConfig.defaults().withBatchSize(16);
    EncodedBatch good = States.day(1, 16, 61, 120, 10).get(0).inputs();
    Map<String, int[]> ints = new LinkedHashMap<>();
    ints.put("ids", java.util.Arrays.copyOf(good.ints().get("ids"), 16 * 3));
    TrainingBatch wide =
        TrainingBatch.of(EncodedBatch.of(16, ints, good.floats()), "click", new float[16]);
    trainedThenRejected(
        cfg,
        wide,
        IllegalArgumentException.class,
        "batch.ids.length=48 must equal batch.size*width=16*2");
    Map<String, float[]> floats = new LinkedHashMap<>();
    floats.put("dense", new float[15]);
    TrainingBatch shortDense =
        TrainingBatch.of(EncodedBatch.of(16, good.ints(), floats), "click", new float[16]);
    trainedThenRejected(
        cfg,
        shortDense,
        IllegalArgumentException.class,
        "batch.dense.length=15 must equal batch.size*width=16*1");
    TrainingBatch big = States.day(1, 17, 1, 60, 11).get(0);
    trainedThenRejected(
        cfg, big, IllegalArgumentException.class, "batch.size=17 must be <= trainer.batchSize=16");
  }

  @Test
  void aLossThatIsNotFiniteIsCaughtBeforeAnyUpdate() {
    // learning rates of 1e30 blow the parameters up within a few steps
    TrainerConfig explosive =
        TrainerConfig.defaults()
            .withBatchSize(16)
            .withTableOptimizer(Optimizer.Adagrad.of(1e30))
            .withDenseOptimizer(Optimizer.Adam.of(1e30));
    try (Trainer t = new Trainer(FM, explosive)) {
      IllegalStateException failure = null;
      for (TrainingBatch b : States.day(20, 16, 1, States.USERS, 12)) {
        TrainerState before = t.state();
        try {
          t.fit(b);
        } catch (IllegalStateException e) {
          failure = e;
          States.assertSame(before, t.state());
          break;
        }
      }
      assertTrue(failure != null, "learning rates of 1e30 must end in a non-finite step");
      assertTrue(failure.getMessage().contains("no parameter was changed"), failure.getMessage());
    }
  }
}
