package org.recsys4j.models.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.core.data.TrainingBatch;
import org.recsys4j.core.spec.CategoricalSpec;
import org.recsys4j.core.spec.FeatureSchema;

/** A small planted problem for trainer tests: label depends on the parity match of a and b. */
final class TrainerFixtures {
  static final int SPACE = 60;

  private TrainerFixtures() {}

  /** Four hashed features a, b, c, d of space {@link #SPACE}, dim 4. */
  static FeatureSchema schema() {
    FeatureSchema.Builder b = FeatureSchema.builder();
    for (String f : List.of("a", "b", "c", "d")) {
      b.add(CategoricalSpec.hashed(f).space(SPACE).embeddingDim(4).build());
    }
    return b.build();
  }

  /** {@code batches} batches of {@code size}: p(click)=0.8 when a and b share parity, else 0.1. */
  static List<TrainingBatch> data(int batches, int size, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<TrainingBatch> out = new ArrayList<>();
    for (int k = 0; k < batches; k++) {
      int[] ids = new int[size * 4];
      float[] y = new float[size];
      for (int i = 0; i < size; i++) {
        int a = 1 + r.nextInt(SPACE - 1);
        int b = 1 + r.nextInt(SPACE - 1);
        ids[i * 4] = a;
        ids[i * 4 + 1] = b;
        ids[i * 4 + 2] = 1 + r.nextInt(SPACE - 1);
        ids[i * 4 + 3] = r.nextInt(4) == 0 ? 0 : 1 + r.nextInt(SPACE - 1);
        y[i] = r.nextDouble() < ((a % 2) == (b % 2) ? 0.8 : 0.1) ? 1f : 0f;
      }
      out.add(TrainingBatch.of(ids(size, ids), "click", y));
    }
    return out;
  }

  /** An encoded batch whose only input is {@code "ids"}. */
  static EncodedBatch ids(int size, int[] ids) {
    Map<String, int[]> ints = new LinkedHashMap<>();
    ints.put("ids", ids);
    return EncodedBatch.of(size, ints, new LinkedHashMap<>());
  }

  static TrainerConfig config(int batch) {
    return TrainerConfig.defaults()
        .withBatchSize(batch)
        .withTableOptimizer(Optimizer.Adagrad.of(0.1))
        .withDenseOptimizer(Optimizer.Adam.of(0.01));
  }
}
