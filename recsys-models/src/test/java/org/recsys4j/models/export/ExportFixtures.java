package org.recsys4j.models.export;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.core.data.TrainingBatch;
import org.recsys4j.core.spec.CategoricalSpec;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.core.spec.NumericSpec;
import org.recsys4j.core.spec.SequenceSpec;
import org.recsys4j.models.layers.interaction.CrossNetworkV2;
import org.recsys4j.models.layers.sequence.AttentionNormalization;
import org.recsys4j.models.params.ModelSnapshot;
import org.recsys4j.models.train.Trainer;
import org.recsys4j.models.train.TrainerConfig;
import org.recsys4j.models.zoo.Dcn;
import org.recsys4j.models.zoo.DcnV2;
import org.recsys4j.models.zoo.DeepFm;
import org.recsys4j.models.zoo.Dien;
import org.recsys4j.models.zoo.Din;
import org.recsys4j.models.zoo.Esmm;
import org.recsys4j.models.zoo.FactorizationMachine;
import org.recsys4j.models.zoo.LogisticRegression;
import org.recsys4j.models.zoo.Mmoe;
import org.recsys4j.models.zoo.Ple;
import org.recsys4j.models.zoo.SequenceMean;
import org.recsys4j.models.zoo.SharedBottom;
import org.recsys4j.models.zoo.WideAndDeep;
import org.recsys4j.models.zoo.XDeepFm;
import org.recsys4j.models.zoo.ZooModel;

/**
 * Small trained zoo models and random scoring batches for the export tests: tiny tables, a few
 * training steps on ids from the lower half of each table, so the upper half stays unseen.
 */
final class ExportFixtures {
  static final int USERS = 40;
  static final int ITEMS = 30;
  static final int CATS = 8;
  static final String HISTORY = "history";
  static final int HISTORY_LEN = 5;

  private ExportFixtures() {}

  static FeatureSchema schema() {
    return FeatureSchema.builder()
        .add(CategoricalSpec.hashed("user").space(USERS).embeddingDim(4).build())
        .add(CategoricalSpec.hashed("item").space(ITEMS).embeddingDim(4).build())
        .add(CategoricalSpec.hashed("cat").space(CATS).embeddingDim(4).build())
        .add(NumericSpec.normalized("price").mean(0).std(1).build())
        .add(NumericSpec.normalized("age").mean(0).std(1).build())
        .add(
            SequenceSpec.builder(HISTORY)
                .space(ITEMS)
                .maxLen(HISTORY_LEN)
                .table("item") // the history shares the candidate item's table
                .embeddingDim(4)
                .build())
        .build();
  }

  /** Every zoo model, small; a model added to the zoo joins the export tests by one line here. */
  static List<ZooModel> zoo() {
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
        new XDeepFm("click", List.of(4, 4), true, h, 1.0, 1),
        new PooledHistory(),
        Esmm.of("click", "order"),
        new SharedBottom(List.of("click", "order"), List.of(8), List.of(4), 1),
        new Mmoe(List.of("click", "order"), 2, List.of(8), List.of(4), 1),
        new Ple(List.of("click", "order"), 2, 1, 1, List.of(8), List.of(4), 1),
        new BiasedFm(false),
        new BiasedFm(true),
        new SequenceMean("click", HISTORY, h, 1.0, 1),
        Din.of("click", HISTORY, "item", List.of(4), AttentionNormalization.SOFTMAX, h, 1.0, 1),
        Din.of("click", HISTORY, "item", List.of(4), AttentionNormalization.NONE, h, 1.0, 2),
        new Din(
            "click",
            List.of(HISTORY),
            List.of("item"),
            List.of(4),
            AttentionNormalization.SOFTMAX,
            h,
            1.0,
            3,
            true),
        new Dien("click", HISTORY, "item", List.of(4), h, 1.0, 1.0, 1));
  }

  /** The model's name, unique over {@link #zoo()}: its golden folder. */
  static String key(ZooModel m) {
    if (m instanceof Din d && d.recencyBias()) {
      return "din_recency";
    }
    if (m instanceof Din d && d.normalization() == AttentionNormalization.NONE) {
      return "din_unnormalised";
    }
    return m.name();
  }

  /** A trainer of {@code m} after a few steps on seen ids; close it. */
  static Trainer trained(ZooModel m) {
    Trainer t = new Trainer(m.build(schema()), TrainerConfig.defaults().withBatchSize(32));
    for (int s = 0; s < 8; s++) {
      t.fit(trainingBatch(32, s));
    }
    return t;
  }

  static ModelSnapshot snapshot(ZooModel m) {
    try (Trainer t = trained(m)) {
      return t.snapshot();
    }
  }

  private static TrainingBatch trainingBatch(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] ids = new int[n * 3];
    float[] dense = new float[n * 2];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      ids[3 * i] = 1 + r.nextInt(USERS / 2);
      ids[3 * i + 1] = 1 + r.nextInt(ITEMS / 2);
      ids[3 * i + 2] = 1 + r.nextInt(CATS / 2);
      dense[2 * i] = (float) r.nextGaussian();
      dense[2 * i + 1] = (float) r.nextGaussian();
      y[i] = r.nextDouble() < (ids[3 * i] % 2 == ids[3 * i + 1] % 2 ? 0.7 : 0.2) ? 1 : 0;
    }
    float[] order = new float[n];
    for (int i = 0; i < n; i++) {
      order[i] = y[i] > 0 && r.nextDouble() < 0.4 ? 1 : 0;
    }
    Map<String, float[]> labels = new LinkedHashMap<>();
    labels.put("click", y);
    labels.put("order", order);
    return TrainingBatch.of(batch(n, ids, dense, history(r, n, (ITEMS - 1) / 2, false)), labels);
  }

  /**
   * A scoring batch of {@code n} rows: ids over the whole tables (so unseen ids too), about a
   * quarter of the ids padding (0), and row 0 fully padded (its history too); histories of random
   * lengths 0..T, most recent last.
   */
  static EncodedBatch scoringBatch(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] ids = new int[n * 3];
    float[] dense = new float[n * 2];
    int[] rows = {USERS + 1, ITEMS + 1, CATS + 1};
    for (int i = 0; i < n; i++) {
      for (int f = 0; f < 3; f++) {
        ids[3 * i + f] = i == 0 || r.nextInt(4) == 0 ? 0 : r.nextInt(rows[f]);
      }
      dense[2 * i] = (float) r.nextGaussian();
      dense[2 * i + 1] = (float) r.nextGaussian();
    }
    return batch(n, ids, dense, history(r, n, ITEMS - 1, true));
  }

  /** Histories {@code [n,T]} of ids in {@code 1..maxId}, left-padded; row 0 empty if asked. */
  private static int[] history(SplittableRandom r, int n, int maxId, boolean firstEmpty) {
    int[] h = new int[n * HISTORY_LEN];
    for (int i = 0; i < n; i++) {
      int len = firstEmpty && i == 0 ? 0 : r.nextInt(HISTORY_LEN + 1);
      for (int t = HISTORY_LEN - len; t < HISTORY_LEN; t++) {
        h[i * HISTORY_LEN + t] = 1 + r.nextInt(maxId);
      }
    }
    return h;
  }

  private static EncodedBatch batch(int n, int[] ids, float[] dense, int[] history) {
    Map<String, int[]> ints = new LinkedHashMap<>();
    ints.put("ids", ids);
    ints.put(HISTORY, history);
    Map<String, float[]> floats = new LinkedHashMap<>();
    floats.put("dense", dense);
    float[] mask = new float[history.length];
    for (int i = 0; i < mask.length; i++) {
      mask[i] = history[i] != 0 ? 1f : 0f;
    }
    floats.put(HISTORY + ".mask", mask);
    return EncodedBatch.of(n, ints, floats);
  }
}
