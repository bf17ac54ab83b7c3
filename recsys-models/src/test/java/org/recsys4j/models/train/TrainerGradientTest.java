package org.recsys4j.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.recsys4j.core.data.TrainingBatch;
import org.recsys4j.core.spec.CategoricalSpec;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.models.spec.ModelSpec;
import org.recsys4j.models.zoo.FactorizationMachine;

/** One SGD step of the trainer equals a plain-Java FM step computed by hand. */
class TrainerGradientTest {
  @Test
  void oneSgdStepOfFmMatchesAPlainJavaGradient() {
    FeatureSchema schema =
        FeatureSchema.builder()
            .add(CategoricalSpec.hashed("a").space(10).embeddingDim(3).build())
            .add(CategoricalSpec.hashed("b").space(10).embeddingDim(3).build())
            .add(CategoricalSpec.hashed("c").space(10).embeddingDim(3).build())
            .build();
    ModelSpec fm = new FactorizationMachine("click", 0.3, 5).build(schema);
    double lr = 0.5;
    TrainerConfig cfg =
        TrainerConfig.defaults()
            .withBatchSize(4)
            .withTableOptimizer(new Optimizer.Sgd(lr, 0))
            .withDenseOptimizer(new Optimizer.Sgd(lr, 0));
    int[] ids = {1, 2, 3, 1, 4, 5, 6, 2, 0, 7, 2, 3}; // 4 rows x 3 fields; row 2 has a padded c
    float[] y = {1, 0, 1, 0};
    int n = 3; // the batch holds 3 rows; the graph pads the 4th
    try (Trainer t = new Trainer(fm, cfg)) {
      List<String> tabs = List.of("a", "b", "c");
      double[][][] v = new double[3][11][3];
      double[][] w = new double[3][11];
      for (int f = 0; f < 3; f++) {
        for (int id = 0; id < 11; id++) {
          float[] r = t.table(tabs.get(f)).row(id);
          for (int k = 0; k < 3; k++) {
            v[f][id][k] = r[k];
          }
          w[f][id] = t.table(tabs.get(f) + "_w").row(id)[0];
        }
      }
      double bias = t.denseParameters().get("ids_linear/bias")[0];
      double[][][] gv = new double[3][11][3];
      double[][] gw = new double[3][11];
      double gb = 0;
      double expectedLoss = 0;
      for (int i = 0; i < n; i++) {
        double z = bias;
        double[] sum = new double[3];
        double sq = 0;
        for (int f = 0; f < 3; f++) {
          int id = ids[i * 3 + f];
          z += w[f][id];
          for (int k = 0; k < 3; k++) {
            sum[k] += v[f][id][k];
            sq += v[f][id][k] * v[f][id][k];
          }
        }
        for (int k = 0; k < 3; k++) {
          z += 0.5 * sum[k] * sum[k];
        }
        z -= 0.5 * sq;
        double pz = 1 / (1 + Math.exp(-z));
        expectedLoss -= (y[i] * Math.log(pz) + (1 - y[i]) * Math.log(1 - pz)) / n;
        double g = (pz - y[i]) / n;
        gb += g;
        for (int f = 0; f < 3; f++) {
          int id = ids[i * 3 + f];
          gw[f][id] += g;
          for (int k = 0; k < 3; k++) {
            gv[f][id][k] += g * (sum[k] - v[f][id][k]);
          }
        }
      }
      int[] batchIds = java.util.Arrays.copyOf(ids, n * 3);
      float loss =
          t.fit(
              TrainingBatch.of(
                  TrainerFixtures.ids(n, batchIds), "click", java.util.Arrays.copyOf(y, n)));
      assertEquals(expectedLoss, loss, 1e-5, "loss");
      assertEquals(bias - lr * gb, t.denseParameters().get("ids_linear/bias")[0], 1e-6, "bias");
      for (int f = 0; f < 3; f++) {
        for (int id = 1; id < 11; id++) {
          assertEquals(
              w[f][id] - lr * gw[f][id],
              t.table(tabs.get(f) + "_w").row(id)[0],
              1e-6,
              "w " + f + " " + id);
          for (int k = 0; k < 3; k++) {
            assertEquals(
                v[f][id][k] - lr * gv[f][id][k],
                t.table(tabs.get(f)).row(id)[k],
                1e-6,
                "v " + f + " " + id + " " + k);
          }
        }
      }
    }
  }
}
