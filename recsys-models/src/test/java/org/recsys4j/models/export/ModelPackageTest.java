package org.recsys4j.models.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.models.params.ModelSnapshot;
import org.recsys4j.models.train.Trainer;
import org.recsys4j.models.zoo.DeepFm;

/** Model packages: complete, atomic, verified, and loud about damage. */
class ModelPackageTest {
  private static ModelSnapshot snapshot;
  private static Map<String, float[]> expected;
  private static final EncodedBatch BATCH = ExportFixtures.scoringBatch(20, 5);
  private static final PackageMetadata META =
      PackageMetadata.of("2026-11-01", "2026-11-28", Map.of("auc", 0.71, "logloss", 0.52));

  @BeforeAll
  static void train() {
    try (Trainer t = ExportFixtures.trained(new DeepFm("click", List.of(8), 1.0, 1))) {
      snapshot = t.snapshot();
      expected = t.predict(BATCH);
    }
  }

  private static ModelPackage write(Path dir, int version) throws Exception {
    return ModelPackage.write(
        dir.resolve("deepfm"),
        version,
        snapshot,
        ExportFixtures.schema(),
        META,
        OnnxExporter.defaults());
  }

  @Test
  void aPackageReadsBackWhole(@TempDir Path dir) throws Exception {
    ModelPackage w = write(dir, 3);
    assertEquals(dir.resolve("deepfm").resolve("3"), w.dir());
    ModelPackage r = ModelPackage.read(w.dir());
    assertEquals(snapshot.spec(), r.spec());
    assertEquals(ExportFixtures.schema(), r.schema());
    assertEquals(META, r.metadata());
    assertEquals(snapshot.step(), r.snapshot().step());
    snapshot.dense().forEach((k, v) -> assertTrue(v.sameAs(r.snapshot().dense().get(k)), k));
    List<String> listed =
        Files.readAllLines(w.dir().resolve(ModelPackage.CHECKSUMS)).stream()
            .map(l -> l.substring(66))
            .toList();
    assertEquals(
        List.of(
            "metadata.json",
            "model.json",
            "model.onnx",
            "saved_model/1/saved_model.pb",
            "schema.json",
            "snapshot.bin"),
        listed);
    try (Stream<Path> s = Files.list(dir.resolve("deepfm"))) {
      assertEquals(List.of(w.dir()), s.toList(), "no temporary folder is left");
    }
    Map<String, float[]> onnx =
        OnnxParityTest.score(r.onnxFile(), ExportPrograms.of(r.snapshot()), BATCH);
    for (int i = 0; i < BATCH.size(); i++) {
      assertEquals(expected.get("ctr")[i], onnx.get("ctr")[i], OnnxParityTest.TOLERANCE);
    }
    assertEquals(w.dir(), ModelPackage.latestVersion(dir.resolve("deepfm")).orElseThrow());
  }

  @Test
  void aVersionIsNeverOverwritten(@TempDir Path dir) throws Exception {
    write(dir, 1);
    PackageException e = assertThrows(PackageException.class, () -> write(dir, 1));
    assertEquals(PackageException.Reason.VERSION_EXISTS, e.reason());
  }

  @Test
  void aChangedByteFailsItsChecksumNamingTheFile(@TempDir Path dir) throws Exception {
    Path onnx = write(dir, 1).onnxFile();
    byte[] b = Files.readAllBytes(onnx);
    b[b.length / 2] ^= 1;
    Files.write(onnx, b);
    PackageException e =
        assertThrows(PackageException.class, () -> ModelPackage.read(onnx.getParent()));
    assertEquals(PackageException.Reason.CHECKSUM_MISMATCH, e.reason());
    assertEquals(onnx, e.file());
  }

  @Test
  void aMissingFileIsNamed(@TempDir Path dir) throws Exception {
    Path v = write(dir, 1).dir();
    Files.delete(v.resolve(ModelPackage.SNAPSHOT));
    PackageException e = assertThrows(PackageException.class, () -> ModelPackage.read(v));
    assertEquals(PackageException.Reason.MISSING_FILE, e.reason());
    assertEquals(v.resolve(ModelPackage.SNAPSHOT), e.file());
  }

  @Test
  void truncatedAndForeignModelFilesAreUnreadableEvenWithMatchingChecksums(@TempDir Path dir)
      throws Exception {
    Path v = write(dir, 1).dir();
    Path snap = v.resolve(ModelPackage.SNAPSHOT);
    byte[] b = Files.readAllBytes(snap);
    Files.write(snap, java.util.Arrays.copyOf(b, b.length / 2));
    rewriteChecksums(v);
    PackageException e = assertThrows(PackageException.class, () -> ModelPackage.read(v));
    assertEquals(PackageException.Reason.UNREADABLE, e.reason());
    assertEquals(snap, e.file());

    Path w = write(dir, 2).dir();
    Files.writeString(w.resolve(ModelPackage.ONNX), "{\"not\": \"an onnx model\"}");
    rewriteChecksums(w);
    PackageException f = assertThrows(PackageException.class, () -> ModelPackage.read(w));
    assertEquals(PackageException.Reason.UNREADABLE, f.reason());
    assertEquals(w.resolve(ModelPackage.ONNX), f.file());
  }

  private static void rewriteChecksums(Path v) throws Exception {
    StringBuilder sb = new StringBuilder();
    for (String line : Files.readAllLines(v.resolve(ModelPackage.CHECKSUMS))) {
      String rel = line.substring(66);
      sb.append(ModelPackage.sha256(v.resolve(rel))).append("  ").append(rel).append('\n');
    }
    Files.write(v.resolve(ModelPackage.CHECKSUMS), sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void largeConstantsGoToAnExternalDataFileThatOnnxRuntimeReads(@TempDir Path dir)
      throws Exception {
    ModelPackage p =
        ModelPackage.write(
            dir.resolve("deepfm"),
            1,
            snapshot,
            ExportFixtures.schema(),
            META,
            new OnnxExporter(256));
    Path data = p.dir().resolve(ModelPackage.ONNX + ".data");
    assertTrue(Files.size(data) > 0);
    assertTrue(
        Files.readString(p.dir().resolve(ModelPackage.CHECKSUMS)).contains("model.onnx.data"));
    onnx.Onnx.ModelProto m = onnx.Onnx.ModelProto.parseFrom(Files.readAllBytes(p.onnxFile()));
    assertTrue(
        m.getGraph().getInitializerList().stream()
            .anyMatch(
                t ->
                    t.getName().equals("ids_emb/table")
                        && t.getDataLocation() == onnx.Onnx.TensorProto.DataLocation.EXTERNAL),
        "the table lives outside model.onnx");
    Map<String, float[]> scores =
        OnnxParityTest.score(p.onnxFile(), ExportPrograms.of(snapshot), BATCH);
    assertArrayEquals(
        OnnxParityTest.score(
                ModelPackage.write(
                        dir.resolve("inline"),
                        1,
                        snapshot,
                        ExportFixtures.schema(),
                        META,
                        OnnxExporter.defaults())
                    .onnxFile(),
                ExportPrograms.of(snapshot),
                BATCH)
            .get("ctr"),
        scores.get("ctr"));
  }
}
