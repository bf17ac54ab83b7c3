package org.recsys4j.models.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.models.train.Trainer;
import org.recsys4j.models.zoo.ZooModel;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Every zoo model's SavedModel export scores in TensorFlow Java, through the {@code
 * serving_default} signature, as the trainer's forward pass does. Runs in its own surefire
 * execution ({@code tensorflow-parity}, tag {@code tensorflow}: TensorFlow Java needs javacpp
 * 1.5.11).
 */
@Tag("tensorflow")
class SavedModelTensorFlowTest {
  /** Scores {@code batch} with the SavedModel in {@code versionDir}: probabilities by head. */
  static Map<String, float[]> score(Path versionDir, ExportProgram p, EncodedBatch batch) {
    try (SavedModelBundle b =
        SavedModelBundle.load(versionDir.toString(), SavedModelExporter.TAG)) {
      Map<String, Tensor> feeds = new HashMap<>();
      try {
        for (ExportInput in : p.inputs()) {
          Shape shape = Shape.of(batch.size(), in.width());
          if (in.type() == ValueType.INT64) {
            int[] ids = batch.ints(in.name());
            long[] l = new long[ids.length];
            for (int i = 0; i < ids.length; i++) {
              l[i] = ids[i];
            }
            feeds.put(in.name(), TInt64.tensorOf(shape, DataBuffers.of(l, true, false)));
          } else {
            feeds.put(
                in.name(),
                TFloat32.tensorOf(shape, DataBuffers.of(batch.floats(in.name()), true, false)));
          }
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        try (Result r = b.function(SavedModelExporter.SIGNATURE).call(feeds)) {
          for (String head : p.outputs().keySet()) {
            TFloat32 t = (TFloat32) r.get(head).orElseThrow();
            assertEquals(Shape.of(batch.size(), 1), t.shape(), head + " must be [N,1]");
            float[] col = new float[batch.size()];
            for (int i = 0; i < col.length; i++) {
              col[i] = t.getFloat(i, 0);
            }
            out.put(head, col);
          }
        }
        return out;
      } finally {
        feeds.values().forEach(Tensor::close);
      }
    }
  }

  @Test
  void everyZooModelScoresTheSameInTensorFlow(@TempDir Path dir) throws Exception {
    for (ZooModel m : ExportFixtures.zoo()) {
      String key = ExportFixtures.key(m);
      try (Trainer t = ExportFixtures.trained(m)) {
        ExportProgram p = ExportPrograms.of(t.snapshot());
        Path version = dir.resolve(key).resolve("1");
        SavedModelExporter.write(p, version);
        EncodedBatch batch = ExportFixtures.scoringBatch(64, 11);
        Map<String, float[]> expected = t.predict(batch);
        Map<String, float[]> actual = score(version, p, batch);
        for (String head : expected.keySet()) {
          float[] e = expected.get(head);
          float[] a = actual.get(head);
          for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], OnnxParityTest.TOLERANCE, key + " " + head + " row " + i);
          }
        }
      }
    }
  }

  @Test
  void everyMappedOpFamilyScoresTheSameInTensorFlow(@TempDir Path dir) throws Exception {
    OpCoverage c = new OpCoverage();
    ExportProgram p = c.program();
    Path version = dir.resolve("ops").resolve("1");
    SavedModelExporter.write(p, version);
    Map<String, float[]> actual = score(version, p, c.batch());
    c.expected()
        .forEach(
            (name, e) -> {
              for (int i = 0; i < e.length; i++) {
                assertEquals(
                    e[i], actual.get(name)[i], OnnxParityTest.TOLERANCE, name + " row " + i);
              }
            });
  }
}
