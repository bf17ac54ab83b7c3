package org.recsys4j.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.core.data.TrainingBatch;
import org.recsys4j.core.spec.CategoricalSpec;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.eval.Auc;
import org.recsys4j.features.encode.FeatureEncoder;
import org.recsys4j.models.spec.ModelSpec;
import org.recsys4j.models.train.Trainer;
import org.recsys4j.models.train.TrainerConfig;
import org.recsys4j.models.zoo.FactorizationMachine;

/**
 * The README's quick start: describe three features, encode raw rows, train a factorization
 * machine, score, evaluate. Labels depend on a user×item-group interaction that only the
 * second-order term can learn. Prints {@code train_auc} and {@code test_auc}.
 */
public final class QuickStart {
  private QuickStart() {}

  /** Runs the quick start. */
  public static void main(String[] args) {
    // --- README snippet begins ---
    FeatureSchema schema =
        FeatureSchema.builder()
            .add(CategoricalSpec.hashed("user").space(1 << 12).embeddingDim(8).build())
            .add(CategoricalSpec.hashed("item").space(1 << 10).embeddingDim(8).build())
            .add(CategoricalSpec.hashed("item_group").space(16).embeddingDim(8).build())
            .build();
    FeatureEncoder encoder = FeatureEncoder.of(schema);
    SplittableRandom rnd = new SplittableRandom(1);
    List<TrainingBatch> batches = new ArrayList<>();
    for (int b = 0; b < 160; b++) { // 160 batches of 250 raw rows
      List<Map<String, Object>> rows = new ArrayList<>();
      float[] clicks = new float[250];
      for (int i = 0; i < 250; i++) {
        int user = rnd.nextInt(300);
        int item = rnd.nextInt(100);
        rows.add(Map.of("user", user, "item", item, "item_group", item % 4));
        clicks[i] = rnd.nextDouble() < (user % 4 == item % 4 ? 0.4 : 0.05) ? 1f : 0f;
      }
      batches.add(TrainingBatch.of(encoder.encodeMaps(rows), "click", clicks));
    }
    ModelSpec fm = FactorizationMachine.of("click").build(schema);
    List<TrainingBatch> train = batches.subList(0, 120);
    try (Trainer trainer = new Trainer(fm, TrainerConfig.defaults().withBatchSize(250))) {
      for (int epoch = 0; epoch < 3; epoch++) {
        for (TrainingBatch batch : train) {
          trainer.fit(batch);
        }
      }
      EncodedBatch request = batches.get(150).inputs();
      float[] pClick = trainer.predict(request, "ctr"); // one probability per row
      // --- README snippet ends ---
      System.out.println("scored " + pClick.length + " rows of one batch");
      System.out.println(
          "train_auc="
              + String.format(
                  java.util.Locale.ROOT, "%.4f", auc(trainer, batches.subList(0, 120))));
      System.out.println(
          "test_auc="
              + String.format(
                  java.util.Locale.ROOT, "%.4f", auc(trainer, batches.subList(120, 160))));
    }
  }

  static double auc(Trainer trainer, List<TrainingBatch> batches) {
    int n = batches.stream().mapToInt(TrainingBatch::size).sum();
    double[] s = new double[n];
    int[] l = new int[n];
    int at = 0;
    for (TrainingBatch b : batches) {
      float[] p = trainer.predict(b.inputs(), "ctr");
      float[] y = b.labels().get("click");
      for (int i = 0; i < p.length; i++, at++) {
        s[at] = p[i];
        l[at] = (int) y[i];
      }
    }
    return Auc.exact(s, l);
  }
}
