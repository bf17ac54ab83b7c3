package org.recsys4j.examples;

import java.util.Locale;
import org.recsys4j.core.spec.EncodedLayout;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.eval.Auc;
import org.recsys4j.features.encode.FeatureEncoder;
import org.recsys4j.features.sim.FunnelSimulatorConfig;
import org.recsys4j.models.builder.ModelBuilder;
import org.recsys4j.models.builder.Ref;
import org.recsys4j.models.fit.FitLoop;
import org.recsys4j.models.fit.FitOptions;
import org.recsys4j.models.layers.combine.LogitSum;
import org.recsys4j.models.layers.dense.Activation;
import org.recsys4j.models.layers.dense.Dropout;
import org.recsys4j.models.layers.dense.LayerNorm;
import org.recsys4j.models.layers.dense.Mlp;
import org.recsys4j.models.layers.interaction.CrossNetworkV2;
import org.recsys4j.models.layers.interaction.FmCross;
import org.recsys4j.models.layers.structure.Flatten;
import org.recsys4j.models.spec.ModelJson;
import org.recsys4j.models.spec.ModelSpec;
import org.recsys4j.models.train.Optimizer;
import org.recsys4j.models.train.Trainer;
import org.recsys4j.models.train.TrainerConfig;

/**
 * A network none of the zoo has, assembled with the same builder: a linear part, an FM cross, and a
 * tower that normalises the flattened embeddings, crosses them with a mixture of low-rank experts
 * (DCN-V2) and runs an MLP with dropout; the three logits are summed with a learned bias. Trained
 * and scored on the main example's simulated funnel; the spec is printed as JSON, which rebuilds it
 * exactly. Training runs through {@link FitLoop} (days in order, no validation), as in {@link
 * FunnelFmExample}.
 *
 * <p>Prints {@code custom_auc}, {@code custom_oracle_lift} and {@code oracle_auc}. Arguments:
 * {@code --days N} (7), {@code --users N} (2000), {@code --epochs N} (2).
 */
public final class CustomNetworkExample {
  private CustomNetworkExample() {}

  /** The custom network over {@code schema}. */
  static ModelSpec network(FeatureSchema schema) {
    ModelBuilder b = ModelBuilder.forSchema(schema).name("custom").seed(7);
    Ref linear = b.linear(EncodedLayout.IDS);
    Ref emb = b.embed(EncodedLayout.IDS).withoutMask(); // padded ids have all-zero rows
    Ref fm = b.apply(FmCross.of("fm"), emb);
    Ref x = b.apply(LayerNorm.of("norm"), b.apply(Flatten.of("flat"), emb));
    Ref crossed = b.apply(CrossNetworkV2.mixture("cross", 2, 16, 4), x);
    Ref hidden = b.apply(Mlp.of("tower", 64).withOutputActivation(Activation.RELU), crossed);
    Ref deep = b.apply(Mlp.of("tower_out", 1), b.apply(Dropout.of("drop", 0.9), hidden));
    Ref logit = b.apply(LogitSum.of("logit", 3).withBias(true), linear, fm, deep);
    return b.head("ctr", logit, "click").build();
  }

  /** Runs the example. */
  public static void main(String[] args) {
    int days = 7;
    int users = 2000;
    int epochs = 2;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--days" -> days = Integer.parseInt(args[++i]);
        case "--users" -> users = Integer.parseInt(args[++i]);
        case "--epochs" -> epochs = Integer.parseInt(args[++i]);
        default ->
            throw new IllegalArgumentException(
                "unknown argument " + args[i] + " (expected --days N, --users N, --epochs N)");
      }
    }
    FunnelSimulatorConfig config =
        FunnelFmExample.world().seed(2024).numDays(days).numUsers(users).build();
    FeatureSchema schema = FunnelFeatures.schema(16);
    ModelSpec spec = network(schema);
    System.out.println(ModelJson.toJson(spec));
    FunnelData data =
        FunnelData.load(
            config,
            FeatureEncoder.of(schema),
            1024,
            java.nio.file.Path.of("target", "funnel-logs"));
    TrainerConfig tc =
        TrainerConfig.defaults()
            .withBatchSize(1024)
            .withTableOptimizer(new Optimizer.Adagrad(0.1, 1e-6, 1e-8, 0))
            .withDenseOptimizer(Optimizer.Adam.of(0.001));
    try (Trainer t = new Trainer(spec, tc)) {
      FitLoop.of(t).fit(data.trainSource(), null, FitOptions.epochs(epochs));
      double auc = Auc.exact(data.predictTest(t), data.test.intLabels());
      double oracle = data.oracleAuc();
      System.out.printf(Locale.ROOT, "custom_auc=%.4f%n", auc);
      System.out.printf(Locale.ROOT, "custom_oracle_lift=%.4f%n", (auc - 0.5) / (oracle - 0.5));
      System.out.printf(Locale.ROOT, "oracle_auc=%.4f%n", oracle);
    }
  }
}
