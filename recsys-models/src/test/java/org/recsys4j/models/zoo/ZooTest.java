package org.recsys4j.models.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.core.data.TrainingBatch;
import org.recsys4j.core.spec.CategoricalSpec;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.core.spec.NumericSpec;
import org.recsys4j.models.layers.interaction.CrossNetworkV2;
import org.recsys4j.models.spec.ModelJson;
import org.recsys4j.models.spec.ModelSpec;
import org.recsys4j.models.train.Trainer;
import org.recsys4j.models.train.TrainerConfig;

/** Every zoo model builds, round-trips through JSON, trains and predicts. */
class ZooTest {
  private static FeatureSchema schema() {
    return FeatureSchema.builder()
        .add(CategoricalSpec.hashed("user").space(40).embeddingDim(4).build())
        .add(CategoricalSpec.hashed("item").space(30).embeddingDim(4).build())
        .add(CategoricalSpec.hashed("cat").space(8).embeddingDim(4).build())
        .add(NumericSpec.normalized("price").mean(0).std(1).build())
        .add(NumericSpec.normalized("age").mean(0).std(1).build())
        .build();
  }

  static List<ZooModel> small() {
    List<Integer> h = List.of(8, 8);
    return List.of(
        LogisticRegression.of("click"),
        FactorizationMachine.of("click"),
        new WideAndDeep("click", h, 0.9, 1),
        new DeepFm("click", h, 0.9, 1),
        new Dcn("click", 2, h, 1.0, 1),
        new DcnV2("click", CrossNetworkV2.full("cross", 2), DcnV2.Structure.STACKED, h, 1.0, 1),
        new DcnV2(
            "click", CrossNetworkV2.mixture("cross", 2, 2, 2), DcnV2.Structure.PARALLEL, h, 1.0, 1),
        new XDeepFm("click", List.of(4, 4), true, h, 1.0, 1));
  }

  private static TrainingBatch batch(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] ids = new int[n * 3];
    float[] dense = new float[n * 2];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      ids[3 * i] = 1 + r.nextInt(40);
      ids[3 * i + 1] = 1 + r.nextInt(30);
      ids[3 * i + 2] = r.nextInt(9);
      dense[2 * i] = (float) r.nextGaussian();
      dense[2 * i + 1] = (float) r.nextGaussian();
      y[i] = r.nextDouble() < (ids[3 * i] % 2 == ids[3 * i + 1] % 2 ? 0.7 : 0.2) ? 1 : 0;
    }
    Map<String, int[]> ints = new LinkedHashMap<>();
    ints.put("ids", ids);
    Map<String, float[]> floats = new LinkedHashMap<>();
    floats.put("dense", dense);
    return TrainingBatch.of(EncodedBatch.of(n, ints, floats), "click", y);
  }

  @Test
  void everyZooModelRoundTripsTrainsAndPredictsFromItsJsonAlike() {
    for (ZooModel m : small()) {
      ModelSpec spec = m.build(schema());
      ModelSpec back = ModelJson.fromJson(ModelJson.toJson(spec));
      assertEquals(spec, back, m.name());
      try (Trainer a = new Trainer(spec, TrainerConfig.defaults().withBatchSize(32));
          Trainer b = new Trainer(back, TrainerConfig.defaults().withBatchSize(32))) {
        double first = 0;
        double last = 0;
        for (int s = 0; s < 30; s++) {
          TrainingBatch tb = batch(32, s % 6);
          float la = a.fit(tb);
          assertEquals(Float.floatToIntBits(la), Float.floatToIntBits(b.fit(tb)), m.name());
          if (s < 6) {
            first += la;
          } else if (s >= 24) {
            last += la;
          }
        }
        assertTrue(
            last < first, m.name() + ": loss must fall on repeated data, " + first + " -> " + last);
        float[] pa = a.predict(batch(50, 99).inputs(), "ctr");
        assertArrayEquals(pa, b.predict(batch(50, 99).inputs(), "ctr"), m.name());
        for (float p : pa) {
          assertTrue(p > 0 && p < 1, m.name() + " p=" + p);
        }
      }
    }
  }
}
