package org.recsys4j.models.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.models.params.ModelSnapshot;
import org.recsys4j.models.train.Trainer;
import org.recsys4j.models.zoo.ZooModel;

/** Every zoo model's ONNX export scores in ONNX Runtime as the trainer's forward pass does. */
class OnnxParityTest {
  static final double TOLERANCE = 1e-5;

  /** Scores {@code batch} with the ONNX model at {@code file}: probabilities by head. */
  static Map<String, float[]> score(Path file, ExportProgram p, EncodedBatch batch)
      throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession s = env.createSession(file.toString(), new OrtSession.SessionOptions())) {
      Map<String, OnnxTensor> feeds = new HashMap<>();
      try {
        for (ExportInput in : p.inputs()) {
          long[] shape = {batch.size(), in.width()};
          if (in.type() == ValueType.INT64) {
            int[] ids = batch.ints(in.name());
            long[] l = new long[ids.length];
            for (int i = 0; i < ids.length; i++) {
              l[i] = ids[i];
            }
            feeds.put(in.name(), OnnxTensor.createTensor(env, LongBuffer.wrap(l), shape));
          } else {
            feeds.put(
                in.name(),
                OnnxTensor.createTensor(env, FloatBuffer.wrap(batch.floats(in.name())), shape));
          }
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        try (OrtSession.Result r = s.run(feeds)) {
          for (String head : p.outputs().keySet()) {
            OnnxValue v = r.get(head).orElseThrow();
            float[][] m = (float[][]) v.getValue();
            float[] col = new float[m.length];
            for (int i = 0; i < m.length; i++) {
              assertEquals(1, m[i].length, head + " must be [N,1]");
              col[i] = m[i][0];
            }
            out.put(head, col);
          }
        }
        return out;
      } finally {
        for (OnnxTensor t : feeds.values()) {
          t.close();
        }
      }
    }
  }

  @Test
  void everyZooModelScoresTheSameInOnnxRuntime(@TempDir Path dir) throws Exception {
    for (ZooModel m : ExportFixtures.zoo()) {
      String key = ExportFixtures.key(m);
      try (Trainer t = ExportFixtures.trained(m)) {
        ModelSnapshot snap = t.snapshot();
        ExportProgram p = ExportPrograms.of(snap);
        Path file = dir.resolve(key + ".onnx");
        OnnxExporter.defaults().write(p, file);
        EncodedBatch batch = ExportFixtures.scoringBatch(64, 7);
        Map<String, float[]> expected = t.predict(batch);
        Map<String, float[]> actual = score(file, p, batch);
        for (String head : expected.keySet()) {
          float[] e = expected.get(head);
          float[] a = actual.get(head);
          assertEquals(e.length, a.length, key);
          for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], TOLERANCE, key + " " + head + " row " + i);
          }
        }
      }
    }
  }

  @Test
  void everyMappedOpFamilyScoresTheSameInOnnxRuntime(@TempDir Path dir) throws Exception {
    OpCoverage c = new OpCoverage();
    ExportProgram p = c.program();
    Path file = dir.resolve("ops.onnx");
    OnnxExporter.defaults().write(p, file);
    Map<String, float[]> actual = score(file, p, c.batch());
    c.expected()
        .forEach(
            (name, e) -> {
              for (int i = 0; i < e.length; i++) {
                assertEquals(e[i], actual.get(name)[i], TOLERANCE, name + " row " + i);
              }
            });
  }
}
