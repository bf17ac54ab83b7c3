package org.recsys4j.models.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.core.data.TrainingBatch;
import org.recsys4j.core.spec.CategoricalSpec;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.core.spec.SequenceSpec;
import org.recsys4j.models.graph.ModelGraph;
import org.recsys4j.models.layers.sequence.AttentionNormalization;
import org.recsys4j.models.spec.Head;
import org.recsys4j.models.spec.ModelJson;
import org.recsys4j.models.spec.ModelSpec;
import org.recsys4j.models.train.Trainer;
import org.recsys4j.models.train.TrainerConfig;

/**
 * DIN, DIEN and the mean-pooling baseline build, round-trip through JSON, train (bit-identically
 * from their JSON, negatives included) and predict; DIEN's auxiliary loss and negatives exist in
 * the training graph only; bad histories fail with named errors.
 */
class SequenceZooTest {
  private static final int T = 5;

  static FeatureSchema schema() {
    return FeatureSchema.builder()
        .add(CategoricalSpec.hashed("user").space(40).embeddingDim(4).build())
        .add(CategoricalSpec.hashed("item").space(30).embeddingDim(4).build())
        .add(CategoricalSpec.hashed("cat").space(8).embeddingDim(4).build())
        .add(
            SequenceSpec.builder("history_item")
                .space(30)
                .maxLen(T)
                .table("item")
                .embeddingDim(4)
                .build())
        .build();
  }

  static List<ZooModel> models() {
    List<Integer> h = List.of(8);
    return List.of(
        new SequenceMean("click", "history_item", h, 1.0, 1),
        Din.of(
            "click", "history_item", "item", List.of(4), AttentionNormalization.SOFTMAX, h, 1.0, 1),
        new Dien("click", "history_item", "item", List.of(4), h, 1.0, 1.0, 1));
  }

  /** Clicks are likely when the candidate is in the history. */
  static TrainingBatch batch(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] ids = new int[n * 3];
    int[] hist = new int[n * T];
    float[] mask = new float[n * T];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      ids[3 * i] = 1 + r.nextInt(39);
      ids[3 * i + 1] = 1 + r.nextInt(29);
      ids[3 * i + 2] = 1 + r.nextInt(7);
      int len = r.nextInt(T + 1);
      boolean in = false;
      for (int t = 0; t < len; t++) {
        hist[i * T + t] = 1 + r.nextInt(29);
        mask[i * T + t] = 1;
        in |= hist[i * T + t] == ids[3 * i + 1];
      }
      y[i] = r.nextDouble() < (in ? 0.8 : 0.2) ? 1 : 0;
    }
    Map<String, int[]> ints = new LinkedHashMap<>();
    ints.put("ids", ids);
    ints.put("history_item", hist);
    Map<String, float[]> floats = new LinkedHashMap<>();
    floats.put("history_item.mask", mask);
    return TrainingBatch.of(EncodedBatch.of(n, ints, floats), "click", y);
  }

  @Test
  void sequenceModelsRoundTripTrainAndPredictFromTheirJsonAlike() {
    for (ZooModel m : models()) {
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
        assertTrue(last < first, m.name() + ": loss must fall, " + first + " -> " + last);
        Map<String, float[]> pa = a.predict(batch(50, 99).inputs());
        assertEquals(List.of("ctr"), List.copyOf(pa.keySet()), m.name() + " scored heads");
        assertArrayEquals(pa.get("ctr"), b.predict(batch(50, 99).inputs(), "ctr"), m.name());
        for (float p : pa.get("ctr")) {
          assertTrue(p > 0 && p < 1, m.name() + " p=" + p);
        }
      }
    }
  }

  @Test
  void dienAuxiliaryLossAndNegativesAreTrainingOnly() {
    ModelSpec spec = models().get(2).build(schema());
    assertEquals(java.util.Set.of("history_item_neg_emb", "aux_loss"), spec.trainingOnlyValues());
    ModelGraph train = ModelGraph.training(spec, 8, DataType.FLOAT);
    ModelGraph infer = ModelGraph.inference(spec, DataType.FLOAT);
    assertTrue(train.sameDiff().hasVariable("history_item_neg_emb/rows"));
    assertTrue(train.sameDiff().hasVariable("aux_loss/out"));
    assertFalse(infer.sameDiff().hasVariable("history_item_neg_emb/rows"));
    assertFalse(infer.sameDiff().hasVariable("aux_loss/out"));
    assertFalse(infer.sameDiff().hasVariable(ModelGraph.probName("aux")));
    // the serving batch needs no input beyond the schema's
    try (Trainer t = new Trainer(spec, TrainerConfig.defaults().withBatchSize(16))) {
      t.fit(batch(16, 1));
      assertEquals(20, t.predict(batch(20, 2).inputs(), "ctr").length);
    }
  }

  @Test
  void theAuxiliaryLossAddsToTheTrainingLoss() {
    Dien with = (Dien) models().get(2);
    Dien without = new Dien("click", "history_item", "item", List.of(4), List.of(8), 1.0, 0.0, 1);
    TrainingBatch tb = batch(16, 3);
    try (Trainer a = new Trainer(with.build(schema()), TrainerConfig.defaults().withBatchSize(16));
        Trainer b =
            new Trainer(without.build(schema()), TrainerConfig.defaults().withBatchSize(16))) {
      float la = a.fit(tb);
      float lb = b.fit(tb);
      // the auxiliary loss is a positive sum of softplus terms: at least log(2)/2 per pair at start
      assertTrue(la > lb + 0.3, la + " vs " + lb);
    }
  }

  @Test
  void aScoredHeadMayNotReadNegatives() {
    ModelSpec spec = models().get(2).build(schema());
    List<Head> heads = new java.util.ArrayList<>(spec.heads());
    heads.add(Head.logit("bad", "aux_loss", "click"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new ModelSpec(
                    spec.name(),
                    spec.seed(),
                    spec.inputs(),
                    spec.tables(),
                    spec.lookups(),
                    spec.nodes(),
                    heads));
    assertEquals(
        "head[bad].output='aux_loss' must not read a training-only value (it depends on sampled"
            + " NEGATIVES); only an AUX_LOSS head may",
        e.getMessage());
  }

  @Test
  void aHistoryMaskThatDisagreesWithItsIdsIsNamed() {
    TrainingBatch tb = batch(8, 4);
    int[] hist = tb.inputs().ints().get("history_item");
    float[] mask = tb.inputs().floats().get("history_item.mask");
    int i = 0;
    while (hist[i] == 0) {
      i++;
    }
    mask[i] = 0;
    try (Trainer t = new Trainer(models().get(1).build(schema()), TrainerConfig.defaults())) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.fit(tb));
      assertTrue(
          e.getMessage().startsWith("batch.history_item.mask[" + i / T + "][" + i % T + "]=0.0"),
          e.getMessage());
    }
  }

  @Test
  void aHistoryIdOutOfRangeIsNamed() {
    TrainingBatch tb = batch(8, 5);
    int[] hist = tb.inputs().ints().get("history_item");
    float[] mask = tb.inputs().floats().get("history_item.mask");
    hist[T + 1] = 1000;
    mask[T + 1] = 1;
    try (Trainer t = new Trainer(models().get(2).build(schema()), TrainerConfig.defaults())) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.fit(tb));
      assertTrue(
          e.getMessage().startsWith("batch.history_item[1][history_item[1]]=1000 must be < "),
          e.getMessage());
    }
  }

  @Test
  void aHistoryOnAnotherTableIsNamed() {
    FeatureSchema s =
        FeatureSchema.builder()
            .add(CategoricalSpec.hashed("item").space(30).embeddingDim(4).build())
            .add(SequenceSpec.builder("history_item").space(30).maxLen(T).embeddingDim(4).build())
            .build();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> models().get(1).build(s));
    assertEquals(
        "din.history='history_item (table history_item)' must share the table item of the query"
            + " feature item",
        e.getMessage());
  }
}
