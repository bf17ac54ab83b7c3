package org.recsys4j.models.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.core.data.TrainingBatch;
import org.recsys4j.core.spec.CategoricalSpec;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.core.spec.NumericSpec;
import org.recsys4j.models.params.Tensor;
import org.recsys4j.models.train.TableState;
import org.recsys4j.models.train.TrainerState;

/** Fixtures and a bit-wise comparison of trainer states for the checkpoint tests. */
final class States {
  static final int USERS = 200;

  private States() {}

  static FeatureSchema schema() {
    return FeatureSchema.builder()
        .add(CategoricalSpec.hashed("user").space(USERS).embeddingDim(4).build())
        .add(CategoricalSpec.hashed("item").space(30).embeddingDim(4).build())
        .add(NumericSpec.normalized("price").mean(0).std(1).build())
        .build();
  }

  /**
   * {@code count} batches of {@code n} examples whose user ids are drawn from {@code [userFrom,
   * userTo)}; the label depends on the parity of user and item.
   */
  static List<TrainingBatch> day(int count, int n, int userFrom, int userTo, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<TrainingBatch> out = new java.util.ArrayList<>();
    for (int b = 0; b < count; b++) {
      int[] ids = new int[n * 2];
      float[] dense = new float[n];
      float[] y = new float[n];
      for (int i = 0; i < n; i++) {
        ids[2 * i] = userFrom + r.nextInt(userTo - userFrom);
        ids[2 * i + 1] = r.nextInt(15);
        dense[i] = (float) r.nextGaussian();
        y[i] = r.nextDouble() < (ids[2 * i] % 2 == ids[2 * i + 1] % 2 ? 0.7 : 0.2) ? 1 : 0;
      }
      Map<String, int[]> ints = new LinkedHashMap<>();
      ints.put("ids", ids);
      Map<String, float[]> floats = new LinkedHashMap<>();
      floats.put("dense", dense);
      out.add(TrainingBatch.of(EncodedBatch.of(n, ints, floats), "click", y));
    }
    return out;
  }

  /** Asserts that two states hold bit-identical values everywhere. */
  static void assertSame(TrainerState a, TrainerState b) {
    assertEquals(a.spec(), b.spec());
    assertEquals(a.step(), b.step(), "step");
    assertEquals(a.dense().keySet(), b.dense().keySet());
    for (Map.Entry<String, Tensor> e : a.dense().entrySet()) {
      assertTrue(e.getValue().sameAs(b.dense().get(e.getKey())), "dense " + e.getKey());
    }
    assertEquals(a.denseSlots().keySet(), b.denseSlots().keySet());
    for (String k : a.denseSlots().keySet()) {
      assertArrayEquals(a.denseSlots().get(k), b.denseSlots().get(k), "slots of " + k);
    }
    assertEquals(a.tables().keySet(), b.tables().keySet());
    for (String k : a.tables().keySet()) {
      TableState x = a.tables().get(k);
      TableState y = b.tables().get(k);
      assertArrayEquals(x.ids(), y.ids(), "used rows of " + k);
      assertArrayEquals(x.rows(), y.rows(), "rows and slots of " + k);
    }
  }
}
