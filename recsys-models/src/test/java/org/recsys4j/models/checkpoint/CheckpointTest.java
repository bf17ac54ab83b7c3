package org.recsys4j.models.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recsys4j.core.data.TrainingBatch;
import org.recsys4j.core.spec.EncodedLayout;
import org.recsys4j.models.builder.ModelBuilder;
import org.recsys4j.models.builder.Ref;
import org.recsys4j.models.layers.dense.Activation;
import org.recsys4j.models.layers.dense.BatchNorm;
import org.recsys4j.models.layers.dense.Mlp;
import org.recsys4j.models.layers.structure.Flatten;
import org.recsys4j.models.params.ModelSnapshot;
import org.recsys4j.models.spec.ModelSpec;
import org.recsys4j.models.train.Optimizer;
import org.recsys4j.models.train.TableState;
import org.recsys4j.models.train.Trainer;
import org.recsys4j.models.train.TrainerConfig;
import org.recsys4j.models.train.TrainerState;
import org.recsys4j.models.zoo.DeepFm;
import org.recsys4j.models.zoo.FactorizationMachine;

/** Checkpoints resume bit-identically, warm-start a new day, and name every bad directory. */
class CheckpointTest {
  @TempDir Path dir;

  private static final ModelSpec FM = FactorizationMachine.of("click").build(States.schema());

  /** DeepFM with dropout (keep 0.7): the noise of a step depends on the step only. */
  private static final ModelSpec DEEP =
      new DeepFm("click", List.of(8, 8), 0.7, 3).build(States.schema());

  /** Embeddings, a hidden layer, batch norm (moving statistics are state variables), a logit. */
  private static final ModelSpec BATCH_NORM = batchNormModel();

  private static ModelSpec batchNormModel() {
    ModelBuilder b = ModelBuilder.forSchema(States.schema()).name("bn_mlp").seed(5);
    Ref flat = b.apply(Flatten.of("flat"), b.embed(EncodedLayout.IDS).withoutMask());
    Ref h = b.apply(Mlp.of("deep", 8).withOutputActivation(Activation.RELU), flat);
    Ref logit = b.apply(Mlp.of("out", 1), b.apply(BatchNorm.of("bn"), h));
    return b.head("ctr", logit, "click").build();
  }

  private static final TrainerConfig ADAGRAD = TrainerConfig.defaults().withBatchSize(16);
  private static final TrainerConfig ADAM =
      TrainerConfig.defaults()
          .withBatchSize(16)
          .withTableOptimizer(Optimizer.Adam.of(0.01))
          .withDenseOptimizer(Optimizer.Adam.of(0.01));

  private static void epoch(Trainer t, List<TrainingBatch> data) {
    for (TrainingBatch b : data) {
      t.fit(b);
    }
  }

  private Checkpoint assertResumeIsBitIdentical(ModelSpec spec, TrainerConfig cfg)
      throws IOException {
    List<TrainingBatch> data = States.day(6, 16, 1, States.USERS, 7);
    Path ckpt = dir.resolve(spec.name() + "-epoch1");
    TrainerState straight;
    try (Trainer a = new Trainer(spec, cfg)) {
      epoch(a, data);
      epoch(a, data);
      straight = a.state();
    }
    try (Trainer b = new Trainer(spec, cfg)) {
      epoch(b, data);
      Checkpoint.of(b, States.schema()).write(ckpt);
    }
    Checkpoint back = Checkpoint.read(ckpt);
    assertEquals(States.schema(), back.schema().orElseThrow());
    assertEquals(cfg, back.config());
    assertEquals(6, back.step());
    try (Trainer c = back.newTrainer()) {
      epoch(c, data);
      States.assertSame(straight, c.state());
    }
    return back;
  }

  @Test
  void oneEpochCheckpointLoadOneEpochEqualsTwoEpochsBitForBitForFm() throws IOException {
    assertResumeIsBitIdentical(FM, ADAGRAD);
  }

  /** A per-table FTRL override (two slots where the other tables have one) survives the save. */
  @Test
  void resumeIsBitIdenticalWithAPerTableFtrlOverride() throws IOException {
    TrainerConfig ftrl =
        ADAGRAD.withTableOptimizer(
            FM.tables().get(0).name(), new Optimizer.Ftrl(0.05, 1, 0.001, 0.01));
    assertEquals(ftrl, assertResumeIsBitIdentical(FM, ftrl).config());
  }

  @Test
  void resumeIsBitIdenticalForADeepModelWithDropoutAndAdam() throws IOException {
    assertResumeIsBitIdentical(DEEP, ADAM);
  }

  @Test
  void resumeIsBitIdenticalWithBatchNormMovingStatistics() throws IOException {
    Checkpoint c = assertResumeIsBitIdentical(BATCH_NORM, ADAM);
    float[] movingVar = c.state().dense().get(BatchNorm.of("bn").movingVar()).values();
    assertNotEquals(1f, movingVar[0], "the moving variance moved away from its start");
  }

  @Test
  void aWarmStartKeepsOptimizerStateAndStartsNewIdsFromTheirLazyInitialValue() throws IOException {
    List<TrainingBatch> day1 = States.day(5, 16, 1, 100, 1);
    List<TrainingBatch> day2 = States.day(5, 16, 50, States.USERS, 2); // users 100.. are new
    Path ckpt = dir.resolve("day1");
    TrainerState continued;
    try (Trainer base = new Trainer(FM, ADAGRAD)) {
      epoch(base, day1);
      Checkpoint.of(base).write(ckpt);
      epoch(base, day2);
      continued = base.state();
    }
    Checkpoint c = Checkpoint.read(ckpt);
    try (Trainer warm = c.newTrainer();
        Trainer fresh = new Trainer(FM, ADAGRAD)) {
      String users = FM.tables().get(0).name();
      for (int id = 100; id < States.USERS; id++) {
        assertFalse(warm.table(users).isInitialised(id), "id " + id + " was never seen");
        assertArrayEquals(fresh.table(users).row(id), warm.table(users).row(id), "row " + id);
      }
      TableState saved = c.state().tables().get(users);
      assertArrayEquals(saved.rows(), warm.state().tables().get(users).rows());
      assertTrue(saved.rows()[saved.dim()] > 1e-5f, "Adagrad's accumulator of a trained row");
      epoch(warm, day2);
      States.assertSame(continued, warm.state());
      Checkpoint.of(warm).write(dir.resolve("day2"));
      assertEquals(10, Checkpoint.read(dir.resolve("day2")).step());
    }
    // without the optimizer state (parameters only), the same day trains to other values
    try (Trainer paramsOnly = new Trainer(FM, ADAGRAD)) {
      paramsOnly.restore(snapshotOf(c));
      epoch(paramsOnly, day2);
      assertNotEquals(
          continued.dense().get(continued.dense().keySet().iterator().next()).values()[0],
          paramsOnly.state().dense().get(continued.dense().keySet().iterator().next()).values()[0]);
    }
  }

  private static ModelSnapshot snapshotOf(Checkpoint c) {
    try (Trainer t = c.newTrainer()) {
      return t.snapshot();
    }
  }

  private Path trainedCheckpoint(String name) throws IOException {
    Path p = dir.resolve(name);
    try (Trainer t = new Trainer(FM, ADAGRAD)) {
      epoch(t, States.day(2, 16, 1, States.USERS, 3));
      Checkpoint.of(t).write(p);
    }
    return p;
  }

  private static String readError(Path p) {
    return assertThrows(IOException.class, () -> Checkpoint.read(p)).getMessage();
  }

  @Test
  void aTruncatedFileIsNamed() throws IOException {
    Path p = trainedCheckpoint("t");
    Path state = p.resolve(Checkpoint.STATE);
    try (FileChannel ch = FileChannel.open(state, StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() - 7);
    }
    String m = readError(p);
    assertTrue(m.contains("state.r4j is truncated"), m);
  }

  @Test
  void aFlippedByteIsNamedAsCorrupt() throws IOException {
    Path p = trainedCheckpoint("c");
    Path state = p.resolve(Checkpoint.STATE);
    byte[] b = Files.readAllBytes(state);
    b[b.length - 3] ^= 0x10;
    Files.write(state, b);
    String m = readError(p);
    assertTrue(m.contains("state.r4j is corrupt: its CRC32C differs"), m);
  }

  @Test
  void aNewerVersionAndAnIncompleteDirectoryAreNamed() throws IOException {
    Path p = trainedCheckpoint("v");
    Path manifest = p.resolve(Checkpoint.MANIFEST);
    String json = Files.readString(manifest, StandardCharsets.UTF_8);
    Files.writeString(manifest, json.replace("\"version\":1", "\"version\":2"));
    String m = readError(p);
    assertTrue(m.contains("checkpoint version 2 is newer than this library reads (1)"), m);
    Files.delete(manifest);
    m = readError(p);
    assertTrue(m.contains("is not a complete checkpoint: checkpoint.json is missing"), m);
  }

  @Test
  void replacingACheckpointLeavesOnlyTheNewOne() throws IOException {
    Path p = trainedCheckpoint("r");
    try (Trainer t = new Trainer(FM, ADAGRAD)) {
      epoch(t, States.day(3, 16, 1, States.USERS, 4));
      Checkpoint.of(t).write(p);
    }
    assertEquals(3, Checkpoint.read(p).step());
    try (var s = Files.list(dir)) {
      assertEquals(List.of(p), s.toList(), "no temporary or set-aside directory is left");
    }
  }

  @Test
  void aCheckpointOfAnotherModelOrOptimizerIsNamedAndChangesNothing() throws IOException {
    Checkpoint fm = Checkpoint.read(trainedCheckpoint("fm"));
    ModelSpec other = new FactorizationMachine("click", 0.01, 99).build(States.schema());
    try (Trainer t = new Trainer(other, ADAGRAD)) {
      epoch(t, States.day(1, 16, 1, States.USERS, 5));
      TrainerState before = t.state();
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> fm.restore(t));
      assertTrue(e.getMessage().contains("(the state is of another model)"), e.getMessage());
      States.assertSame(before, t.state());
    }
    try (Trainer t = new Trainer(FM, ADAM)) {
      TrainerState before = t.state();
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> fm.restore(t));
      assertTrue(e.getMessage().startsWith("state.config.tableOptimizer=Adagrad["), e.getMessage());
      States.assertSame(before, t.state());
    }
  }

  @Test
  void aReplacementInterruptedBetweenItsRenamesNamesTheSetAsideCheckpoint() throws IOException {
    Path p = trainedCheckpoint("s");
    Path aside = dir.resolve(".s.old-123");
    Files.move(p, aside); // what a kill between the two renames of a replacement leaves
    String m = readError(p);
    assertTrue(m.contains("the previous checkpoint is at " + aside), m);
    assertEquals(2, Checkpoint.read(aside).step());
  }

  /**
   * A checkpoint written before the one trainer JSON form (trainer.json version 1, optimizers by
   * {@code kind}; FM, three batches, an FTRL table) reads, and holds the state a fresh run of the
   * same three batches reaches, bit for bit.
   */
  @Test
  void readsCheckpointWithVersionOneTrainer() throws IOException {
    Path v1 = Path.of("src", "test", "resources", "checkpoint", "v1");
    assertTrue(Files.readString(v1.resolve("trainer.json")).contains("\"kind\" : \"Ftrl\""));
    TrainerConfig cfg =
        TrainerConfig.defaults()
            .withBatchSize(16)
            .withJavaThreads(1)
            .withTableOptimizer("user", new Optimizer.Ftrl(0.1, 1, 0.001, 0.01));
    Checkpoint c = Checkpoint.read(v1);
    assertEquals(cfg, c.config());
    assertEquals(3, c.step());
    try (Trainer t = new Trainer(FM, cfg)) {
      epoch(t, States.day(3, 16, 1, States.USERS, 7));
      States.assertSame(t.state(), c.state());
    }
  }
}
