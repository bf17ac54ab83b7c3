package org.recsys4j.examples.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.core.data.TrainingBatch;
import org.recsys4j.core.spec.CategoricalSpec;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.core.spec.SequenceSpec;
import org.recsys4j.models.layers.sequence.AttentionNormalization;
import org.recsys4j.models.train.Trainer;
import org.recsys4j.models.train.TrainerConfig;
import org.recsys4j.models.zoo.Dien;
import org.recsys4j.models.zoo.Din;
import org.recsys4j.models.zoo.ZooModel;

/**
 * Training speed of DIN and DIEN for {@link ZooSpeedBench}: 8 hashed fields × 16 dims (user and
 * item 2^16 rows, the others small) and a clicked-item history of T = 50 steps sharing the item
 * table, each row's history 10–50 steps long; attention unit 80-40 with Dice, tower 200-80; DIEN
 * with its GRU, AUGRU and auxiliary loss (weight 1).
 */
final class SequenceSpeed {
  static final int T = 50;
  private static final int DIM = 16;
  private static final String[] FIELDS = {
    "user", "item", "category", "price_bucket", "position", "hour", "device", "segment"
  };
  private static final int[] SPACES = {1 << 16, 1 << 16, 1 << 10, 16, 16, 32, 8, 8};

  private SequenceSpeed() {}

  /** The schema: the fields and {@code history_item} on the item table. */
  static FeatureSchema schema() {
    FeatureSchema.Builder b = FeatureSchema.builder();
    for (int f = 0; f < FIELDS.length; f++) {
      b.add(CategoricalSpec.hashed(FIELDS[f]).space(SPACES[f]).embeddingDim(DIM).build());
    }
    b.add(
        SequenceSpec.builder("history_item")
            .space(SPACES[1])
            .maxLen(T)
            .table("item")
            .embeddingDim(DIM)
            .build());
    return b.build();
  }

  /** DIN and DIEN as benchmarked. */
  static Map<String, ZooModel> models() {
    List<Integer> att = List.of(80, 40);
    List<Integer> tower = List.of(200, 80);
    Map<String, ZooModel> m = new LinkedHashMap<>();
    m.put(
        "din",
        Din.of(
            "click", "history_item", "item", att, AttentionNormalization.SOFTMAX, tower, 1.0, 42));
    m.put("dien", new Dien("click", "history_item", "item", att, tower, 1.0, 1.0, 42));
    return m;
  }

  /** Samples/s of each model, printing the step breakdown. */
  static Map<String, Double> rates(int steps, int warmup, TrainerConfig config) {
    FeatureSchema schema = schema();
    List<TrainingBatch> data = batches(8, config.batchSize(), 5);
    Map<String, Double> rate = new LinkedHashMap<>();
    for (Map.Entry<String, ZooModel> e : models().entrySet()) {
      try (Trainer t = new Trainer(e.getValue().build(schema), config)) {
        for (int s = 0; s < warmup; s++) {
          t.fit(data.get(s % data.size()));
        }
        t.resetTimings();
        long t0 = System.nanoTime();
        for (int s = 0; s < steps; s++) {
          t.fit(data.get(s % data.size()));
        }
        double sec = (System.nanoTime() - t0) / 1e9;
        rate.put(e.getKey(), steps * (double) config.batchSize() / sec);
        var tm = t.timings();
        System.out.printf(
            Locale.ROOT,
            "  %s (T=%d): step %.1f ms (prepare %.1f, graph %.1f, update %.1f)%n",
            e.getKey(),
            T,
            sec * 1e3 / steps,
            tm.prepareSeconds() * 1e3 / steps,
            tm.graphSeconds() * 1e3 / steps,
            tm.updateSeconds() * 1e3 / steps);
      }
    }
    return rate;
  }

  private static List<TrainingBatch> batches(int count, int batch, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<TrainingBatch> out = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      int[] ids = new int[batch * FIELDS.length];
      int[] hist = new int[batch * T];
      float[] mask = new float[batch * T];
      float[] y = new float[batch];
      for (int i = 0; i < batch; i++) {
        for (int f = 0; f < FIELDS.length; f++) {
          ids[i * FIELDS.length + f] = 1 + rnd.nextInt(Math.min(SPACES[f] - 1, 5000));
        }
        int len = 10 + rnd.nextInt(T - 9);
        for (int s = 0; s < len; s++) {
          hist[i * T + s] = 1 + rnd.nextInt(5000);
          mask[i * T + s] = 1f;
        }
        y[i] = rnd.nextDouble() < 0.1 ? 1f : 0f;
      }
      out.add(
          TrainingBatch.of(
              EncodedBatch.of(
                  batch,
                  Map.of("ids", ids, "history_item", hist),
                  Map.of("history_item.mask", mask)),
              "click",
              y));
    }
    return out;
  }
}
