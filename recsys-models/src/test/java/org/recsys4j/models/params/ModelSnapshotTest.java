package org.recsys4j.models.params;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.core.data.TrainingBatch;
import org.recsys4j.core.spec.CategoricalSpec;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.core.spec.NumericSpec;
import org.recsys4j.models.spec.ModelSpec;
import org.recsys4j.models.train.Trainer;
import org.recsys4j.models.train.TrainerConfig;
import org.recsys4j.models.zoo.DeepFm;
import org.recsys4j.models.zoo.FactorizationMachine;

/** Snapshots copy, write, read and restore a trained model exactly; bad files are named. */
class ModelSnapshotTest {
  @TempDir Path dir;

  private static FeatureSchema schema() {
    return FeatureSchema.builder()
        .add(CategoricalSpec.hashed("user").space(40).embeddingDim(4).build())
        .add(CategoricalSpec.hashed("item").space(30).embeddingDim(4).build())
        .add(NumericSpec.normalized("price").mean(0).std(1).build())
        .build();
  }

  private static TrainingBatch batch(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] ids = new int[n * 2];
    float[] dense = new float[n];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      ids[2 * i] = 1 + r.nextInt(20);
      ids[2 * i + 1] = r.nextInt(15);
      dense[i] = (float) r.nextGaussian();
      y[i] = r.nextDouble() < (ids[2 * i] % 2 == ids[2 * i + 1] % 2 ? 0.7 : 0.2) ? 1 : 0;
    }
    Map<String, int[]> ints = new LinkedHashMap<>();
    ints.put("ids", ids);
    Map<String, float[]> floats = new LinkedHashMap<>();
    floats.put("dense", dense);
    return TrainingBatch.of(EncodedBatch.of(n, ints, floats), "click", y);
  }

  @Test
  void aWrittenSnapshotRestoresAFreshTrainerToIdenticalPredictionsAndNextSteps() throws Exception {
    for (ModelSpec spec :
        List.of(
            FactorizationMachine.of("click").build(schema()),
            new DeepFm("click", List.of(8), 0.9, 1).build(schema()))) {
      TrainerConfig cfg = TrainerConfig.defaults().withBatchSize(16);
      try (Trainer a = new Trainer(spec, cfg);
          Trainer b = new Trainer(spec, cfg)) {
        for (int s = 0; s < 5; s++) {
          a.fit(batch(16, s));
        }
        ModelSnapshot snap = a.snapshot();
        assertEquals(5, snap.step());
        Path f = dir.resolve(spec.name() + ".r4j");
        snap.write(f);
        ModelSnapshot back = ModelSnapshot.read(f);
        assertEquals(spec, back.spec());
        for (Map.Entry<String, Tensor> e : snap.dense().entrySet()) {
          assertTrue(e.getValue().sameAs(back.denseTensor(e.getKey())), e.getKey());
        }
        for (TableValues t : snap.tables().values()) {
          assertArrayEquals(t.values(), back.table(t.name()).values(), t.name());
          assertArrayEquals(t.used(), back.table(t.name()).used(), t.name());
        }
        // rows 21.. of the user table were never used: unused in the snapshot too
        assertFalse(back.tables().values().iterator().next().isUsed(39));
        b.restore(back);
        EncodedBatch probe = batch(40, 77).inputs();
        assertArrayEquals(a.predict(probe, "ctr"), b.predict(probe, "ctr"), spec.name());
        assertEquals(a.step(), b.step());
        // the table values of a and b agree; a fresh trainer's dense optimizer state differs,
        // so only the first step's forward (the loss) must agree bit for bit
        TrainingBatch next = batch(16, 99);
        assertEquals(
            Float.floatToIntBits(a.fit(next)), Float.floatToIntBits(b.fit(next)), spec.name());
      }
    }
  }

  @Test
  void truncatedCorruptForeignAndNewerFilesAreNamedErrors() throws Exception {
    ModelSpec spec = FactorizationMachine.of("click").build(schema());
    Path f = dir.resolve("fm.r4j");
    try (Trainer a = new Trainer(spec, TrainerConfig.defaults().withBatchSize(16))) {
      a.fit(batch(16, 1));
      a.snapshot().write(f);
    }
    byte[] ok = Files.readAllBytes(f);
    assertEquals(List.of(), leftovers());

    Path cut = dir.resolve("cut.r4j");
    Files.write(cut, java.util.Arrays.copyOf(ok, ok.length - 10));
    assertMessage(cut, "truncated");

    Path flip = dir.resolve("flip.r4j");
    byte[] bad = ok.clone();
    bad[bad.length - 5] ^= 1;
    Files.write(flip, bad);
    assertMessage(flip, "CRC32C");

    Path foreign = dir.resolve("foreign.r4j");
    Files.write(foreign, "{\"not\": \"ours\"}".getBytes(StandardCharsets.UTF_8));
    assertMessage(foreign, "not a recsys4j tensor file");

    Path other = dir.resolve("other.r4j");
    TensorFile.write(
        other,
        new TensorFile.Contents(
            "checkpoint_state",
            org.recsys4j.core.json.TypedJson.mapper().createObjectNode(),
            Map.of(),
            Map.of()));
    assertMessage(other, "not a 'model_snapshot'");

    Path newer = dir.resolve("newer.r4j");
    String text = new String(ok, StandardCharsets.ISO_8859_1);
    String bumped = text.replaceFirst("\"version\":1", "\"version\":9");
    byte[] nb = bumped.getBytes(StandardCharsets.ISO_8859_1);
    // re-checksum the header so only the version differs
    int headLen =
        java.nio.ByteBuffer.wrap(nb, 8, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(nb, 12, headLen);
    java.nio.ByteBuffer.wrap(nb, 12 + headLen, 4)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN)
        .putInt((int) crc.getValue());
    Files.write(newer, nb);
    assertMessage(newer, "newer than this library reads");
  }

  @Test
  void restoringAnotherModelsSnapshotFailsAndChangesNothing() {
    ModelSpec fm = FactorizationMachine.of("click").build(schema());
    ModelSpec deep = new DeepFm("click", List.of(8), 0.9, 1).build(schema());
    try (Trainer a = new Trainer(fm, TrainerConfig.defaults().withBatchSize(16));
        Trainer b = new Trainer(deep, TrainerConfig.defaults().withBatchSize(16))) {
      a.fit(batch(16, 3));
      float[] before = a.predict(batch(10, 5).inputs(), "ctr");
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> a.restore(b.snapshot()));
      assertTrue(e.getMessage().contains("snapshot.spec"), e.getMessage());
      assertArrayEquals(before, a.predict(batch(10, 5).inputs(), "ctr"));
    }
  }

  private List<Path> leftovers() throws IOException {
    try (var s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
    }
  }

  private static void assertMessage(Path f, String part) {
    IOException e = assertThrows(IOException.class, () -> ModelSnapshot.read(f));
    assertTrue(e.getMessage().contains(part), e.getMessage());
    assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
  }
}
