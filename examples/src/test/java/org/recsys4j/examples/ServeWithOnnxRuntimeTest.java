package org.recsys4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recsys4j.models.export.ModelPackage;

/** The ONNX Runtime example scores a raw request as the trainer does, from a valid package. */
class ServeWithOnnxRuntimeTest {
  @Test
  void onnxRuntimeScoresTheRequestAsTheTrainerDoes(@TempDir Path dir) throws Exception {
    Map<String, Double> f =
        ExamplesTest.run(
            () -> {
              try {
                ServeWithOnnxRuntime.main(
                    new String[] {
                      "--days", "2", "--users", "150", "--candidates", "50", "--out", dir.toString()
                    });
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    assertEquals(50, f.get("candidates"));
    assertTrue(f.get("max_abs_diff") < 1e-5, "max_abs_diff=" + f.get("max_abs_diff"));
    assertTrue(f.get("test_auc") > 0.5, "test_auc=" + f.get("test_auc"));
    ModelPackage p = ModelPackage.read(dir.resolve("packages").resolve("deepfm").resolve("1"));
    assertEquals("deepfm", p.spec().name());
  }
}
