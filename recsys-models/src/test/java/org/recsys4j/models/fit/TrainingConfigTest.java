package org.recsys4j.models.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.recsys4j.core.data.Shuffle;
import org.recsys4j.models.train.Optimizer;
import org.recsys4j.models.train.TrainerConfig;
import org.recsys4j.models.zoo.FactorizationMachine;

/** The training config's JSON: round trip, every optimizer, unknown keys, versions. */
class TrainingConfigTest {

  static TrainingConfig config() {
    var schema = FitLoopTest.schema();
    var model = new FactorizationMachine("click", 0.05, 9).build(schema);
    String table = model.tables().get(0).name();
    TrainerConfig trainer =
        TrainerConfig.defaults()
            .withBatchSize(32)
            .withJavaThreads(1)
            .withTableOptimizer(new Optimizer.Adagrad(0.1, 1e-6, 1e-8, 1e-5))
            .withTableOptimizer(table, new Optimizer.Ftrl(0.1, 1, 0.5, 0.01))
            .withDenseOptimizer(new Optimizer.Adam(0.01, 0.9, 0.99, 1e-7, 0));
    FitOptions fit =
        FitOptions.epochs(3)
            .withHead("ctr")
            .withEarlyStopping(new EarlyStopping(ValidationMetric.LOGLOSS, 2, 1e-4, true))
            .withSchedule(LearningRateSchedule.constant().withWarmup(10).withCosineDecay(100, 0.1))
            .withGaucGroup(new GroupKey("ids", 0))
            .withProgressSeconds(5)
            .withPrefetch(1);
    return new TrainingConfig(model, schema, trainer, fit, Shuffle.WITHIN_DAY, 77);
  }

  @Test
  void roundTrips() {
    TrainingConfig c = config();
    String json = c.toJson();
    TrainingConfig back = TrainingConfig.fromJson(json);
    assertEquals(c, back);
    assertEquals(json, back.toJson());
    TrainingConfig plain =
        new TrainingConfig(
            c.model(),
            c.schema(),
            TrainerConfig.defaults().withTableOptimizer(new Optimizer.Sgd(0.1, 0)),
            FitOptions.epochs(1),
            Shuffle.NONE,
            1);
    assertEquals(plain, TrainingConfig.fromJson(plain.toJson()));
  }

  /** A version-1 file (trainer in its own form, written before the one form) reads the same. */
  @Test
  void readsVersionOne() throws IOException {
    String v1 = Files.readString(Path.of("src", "test", "resources", "training", "v1.json"));
    assertTrue(v1.contains("\"tableOverrides\""), "fixture is the version-1 form");
    TrainingConfig back = TrainingConfig.fromJson(v1);
    assertEquals(config(), back);
    assertTrue(back.toJson().contains("\"tableOptimizers\""));
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class,
            () -> TrainingConfig.fromJson(v1.replace("\"dense\"", "\"densee\"")));
    assertTrue(unknown.getMessage().startsWith("training.trainer.densee="), unknown.getMessage());
  }

  @Test
  void badJsonIsANamedError() {
    String json = config().toJson();
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class,
            () -> TrainingConfig.fromJson(json.replace("\"prefetch\"", "\"prefetchh\"")));
    assertTrue(unknown.getMessage().startsWith("training.fit.prefetchh="), unknown.getMessage());
    IllegalArgumentException newer =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                TrainingConfig.fromJson(
                    json.replaceFirst(
                        "\"version\" : " + TrainingConfigJson.VERSION,
                        "\"version\" : " + (TrainingConfigJson.VERSION + 1))));
    assertTrue(newer.getMessage().contains("is newer than this library reads"), newer.getMessage());
    IllegalArgumentException opt =
        assertThrows(
            IllegalArgumentException.class,
            () -> TrainingConfig.fromJson(json.replace("\"ftrl\"", "\"lion\"")));
    assertTrue(opt.getMessage().contains("type='lion' must be one of"), opt.getMessage());
    IllegalArgumentException value =
        assertThrows(
            IllegalArgumentException.class,
            () -> TrainingConfig.fromJson(json.replace("\"batchSize\" : 32", "\"batchSize\" : 0")));
    assertTrue(value.getMessage().startsWith("trainer.batchSize=0"), value.getMessage());
  }
}
