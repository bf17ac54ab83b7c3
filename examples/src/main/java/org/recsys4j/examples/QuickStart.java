package org.recsys4j.examples;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.recsys4j.eval.Auc;
import org.recsys4j.features.hash.FeatureHasher;
import org.recsys4j.models.models.FactorizationMachine;
import org.recsys4j.models.train.SparseBatch;
import org.recsys4j.models.train.SparseTrainer;
import org.recsys4j.models.train.TrainerConfig;

/**
 * The README's quick start: hash three fields, train a factorization machine, score, evaluate.
 * Labels depend on a user×item-group interaction that only the second-order term can learn.
 * Prints {@code train_auc} and {@code test_auc}.
 */
public final class QuickStart {
  private QuickStart() {}

  /** Runs the quick start. */
  public static void main(String[] args) {
    // --- README snippet begins ---
    int space = 1 << 18; // hashed id space shared by all fields; id 0 is padding
    int fields = 3;
    int n = 40_000;
    int[] ids = new int[n * fields];
    float[] labels = new float[n];
    SplittableRandom rnd = new SplittableRandom(1);
    for (int i = 0; i < n; i++) {
      int user = rnd.nextInt(300);
      int item = rnd.nextInt(100);
      ids[i * fields] = FeatureHasher.index("user", user, space);
      ids[i * fields + 1] = FeatureHasher.index("item", item, space);
      ids[i * fields + 2] = FeatureHasher.index("item_group", item % 4, space);
      labels[i] = rnd.nextDouble() < (user % 4 == item % 4 ? 0.4 : 0.05) ? 1f : 0f;
    }
    FactorizationMachine fm =
        FactorizationMachine.builder().numRows(space).numFields(fields).embeddingDim(8).build();
    SparseTrainer trainer = new SparseTrainer(fm, TrainerConfig.builder().batchSize(256).build());
    int train = n * 3 / 4;
    for (int epoch = 0; epoch < 3; epoch++) {
      for (int s = 0; s + 256 <= train; s += 256) {
        trainer.fit(SparseBatch.of("features",
            Arrays.copyOfRange(ids, s * fields, (s + 256) * fields),
            Arrays.copyOfRange(labels, s, s + 256)));
      }
    }
    float[] p = trainer.predict(SparseBatch.unlabelled("features", n, ids));
    // --- README snippet ends ---
    System.out.println("train_auc=" + String.format(java.util.Locale.ROOT, "%.4f",
        auc(p, labels, 0, train)));
    System.out.println("test_auc=" + String.format(java.util.Locale.ROOT, "%.4f",
        auc(p, labels, train, n)));
  }

  static double auc(float[] p, float[] y, int from, int to) {
    double[] s = new double[to - from];
    int[] l = new int[to - from];
    for (int i = from; i < to; i++) {
      s[i - from] = p[i];
      l[i - from] = (int) y[i];
    }
    return Auc.exact(s, l);
  }
}
