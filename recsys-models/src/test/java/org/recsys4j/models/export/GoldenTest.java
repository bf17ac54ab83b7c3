package org.recsys4j.models.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.core.json.TypedJson;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.models.params.ModelSnapshot;
import org.recsys4j.models.spec.ModelJson;
import org.recsys4j.models.spec.ModelSpec;
import org.recsys4j.models.train.Trainer;
import org.recsys4j.models.train.TrainerConfig;
import org.recsys4j.models.zoo.ZooModel;

/**
 * Golden files per zoo model under {@code src/test/resources/golden/<model>/v<N>/}: {@code
 * config.json} (the model), {@code schema.json}, {@code snapshot.bin} (trained parameters, tiny
 * tables), {@code inputs.json}, {@code expected.json} (probabilities by head) and {@code
 * meta.json}. Every version present is checked: the current code loads it, predicts its expected
 * outputs within 1e-6 and exports it to ONNX scoring within 1e-5. Run with {@code
 * -Dgolden.update=true} to write the current version ({@value #CURRENT}) afresh; older versions are
 * never rewritten.
 */
class GoldenTest {
  static final String CURRENT = "v1";
  static final double LOAD_TOLERANCE = 1e-6;
  private static final Path ROOT = Path.of("src", "test", "resources", "golden");
  private static final ObjectMapper JSON = TypedJson.mapper();

  @Test
  void everyGoldenLoadsPredictsAndExportsAsRecorded(@TempDir Path tmp) throws Exception {
    if (Boolean.getBoolean("golden.update")) {
      for (ZooModel m : ExportFixtures.zoo()) {
        regenerate(m, ROOT.resolve(ExportFixtures.key(m)).resolve(CURRENT));
      }
    }
    List<Path> versions = new ArrayList<>();
    for (ZooModel m : ExportFixtures.zoo()) {
      Path dir = ROOT.resolve(ExportFixtures.key(m));
      assertTrue(
          Files.isDirectory(dir.resolve(CURRENT)),
          "golden " + dir + "/" + CURRENT + " missing: run with -Dgolden.update=true");
      try (Stream<Path> s = Files.list(dir)) {
        versions.addAll(
            s.filter(p -> p.getFileName().toString().matches("v[0-9]+")).sorted().toList());
      }
    }
    assertFalse(versions.isEmpty());
    for (Path v : versions) {
      check(v, tmp);
    }
  }

  private static void check(Path v, Path tmp) throws Exception {
    ModelSpec spec = ModelJson.read(v.resolve("config.json"));
    FeatureSchema.read(v.resolve("schema.json"));
    ModelSnapshot snap = ModelSnapshot.read(v.resolve("snapshot.bin"));
    assertEquals(spec, snap.spec(), v + ": snapshot and config describe one model");
    EncodedBatch batch = inputs(JSON.readTree(v.resolve("inputs.json").toFile()));
    JsonNode expected = JSON.readTree(v.resolve("expected.json").toFile());
    try (Trainer t = new Trainer(spec, TrainerConfig.defaults().withBatchSize(8))) {
      t.restore(snap);
      compare(v + " in-JVM", expected, t.predict(batch), LOAD_TOLERANCE);
    }
    ExportProgram p = ExportPrograms.of(snap);
    Path onnx = tmp.resolve(v.getParent().getFileName() + "_" + v.getFileName() + ".onnx");
    OnnxExporter.defaults().write(p, onnx);
    compare(v + " ONNX", expected, OnnxParityTest.score(onnx, p, batch), OnnxParityTest.TOLERANCE);
  }

  private static void compare(
      String what, JsonNode expected, Map<String, float[]> actual, double tol) {
    expected
        .fields()
        .forEachRemaining(
            e -> {
              float[] a = actual.get(e.getKey());
              assertEquals(e.getValue().size(), a.length, what + " " + e.getKey());
              for (int i = 0; i < a.length; i++) {
                assertEquals(
                    e.getValue().get(i).floatValue(),
                    a[i],
                    tol,
                    what + " " + e.getKey() + " row " + i);
              }
            });
  }

  private static EncodedBatch inputs(JsonNode n) {
    Map<String, int[]> ints = new LinkedHashMap<>();
    Map<String, float[]> floats = new LinkedHashMap<>();
    n.get("ints")
        .fields()
        .forEachRemaining(
            e -> {
              int[] a = new int[e.getValue().size()];
              for (int i = 0; i < a.length; i++) {
                a[i] = e.getValue().get(i).intValue();
              }
              ints.put(e.getKey(), a);
            });
    n.get("floats")
        .fields()
        .forEachRemaining(
            e -> {
              float[] a = new float[e.getValue().size()];
              for (int i = 0; i < a.length; i++) {
                a[i] = e.getValue().get(i).floatValue();
              }
              floats.put(e.getKey(), a);
            });
    return EncodedBatch.of(n.get("size").intValue(), ints, floats);
  }

  private static void regenerate(ZooModel m, Path v) throws Exception {
    Files.createDirectories(v);
    EncodedBatch batch = ExportFixtures.scoringBatch(16, 2026);
    try (Trainer t = ExportFixtures.trained(m)) {
      ModelSnapshot snap = t.snapshot();
      ModelJson.write(snap.spec(), v.resolve("config.json"));
      Files.writeString(v.resolve("schema.json"), ExportFixtures.schema().toJson());
      snap.write(v.resolve("snapshot.bin"));
      ObjectNode in = JSON.createObjectNode();
      in.put("size", batch.size());
      in.set("ints", JSON.valueToTree(batch.ints()));
      in.set("floats", JSON.valueToTree(batch.floats()));
      JSON.writerWithDefaultPrettyPrinter().writeValue(v.resolve("inputs.json").toFile(), in);
      JSON.writerWithDefaultPrettyPrinter()
          .writeValue(v.resolve("expected.json").toFile(), t.predict(batch));
      ObjectNode meta = JSON.createObjectNode();
      meta.put("model", ExportFixtures.key(m));
      meta.put("libraryVersion", PackageMetadata.LIBRARY_VERSION);
      meta.put("modelJsonVersion", ModelJson.VERSION);
      meta.put("snapshotKind", ModelSnapshot.KIND);
      meta.put("onnxOpset", OnnxExporter.OPSET);
      meta.put("os.arch", System.getProperty("os.arch"));
      meta.put("java.version", System.getProperty("java.version"));
      meta.put("step", snap.step());
      JSON.writerWithDefaultPrettyPrinter().writeValue(v.resolve("meta.json").toFile(), meta);
    }
  }
}
