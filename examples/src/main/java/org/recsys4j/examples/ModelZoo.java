package org.recsys4j.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.eval.Auc;
import org.recsys4j.features.encode.FeatureEncoder;
import org.recsys4j.features.sim.FunnelSimulatorConfig;
import org.recsys4j.models.fit.EpochRecord;
import org.recsys4j.models.fit.FitLoop;
import org.recsys4j.models.fit.FitOptions;
import org.recsys4j.models.fit.History;
import org.recsys4j.models.layers.interaction.CrossNetworkV2;
import org.recsys4j.models.layers.sequence.AttentionNormalization;
import org.recsys4j.models.train.Optimizer;
import org.recsys4j.models.train.Trainer;
import org.recsys4j.models.train.TrainerConfig;
import org.recsys4j.models.zoo.Dcn;
import org.recsys4j.models.zoo.DcnV2;
import org.recsys4j.models.zoo.DeepFm;
import org.recsys4j.models.zoo.Dien;
import org.recsys4j.models.zoo.Din;
import org.recsys4j.models.zoo.FactorizationMachine;
import org.recsys4j.models.zoo.LogisticRegression;
import org.recsys4j.models.zoo.SequenceMean;
import org.recsys4j.models.zoo.WideAndDeep;
import org.recsys4j.models.zoo.XDeepFm;
import org.recsys4j.models.zoo.ZooModel;

/**
 * Trains every model of the zoo on one simulated funnel (the main example's world, {@link
 * FunnelFmExample#world()}) and scores each on the test day against the oracle.
 *
 * <p>Prints, per model, {@code <model>_auc}, {@code <model>_oracle_lift} ({@code (AUC − 0.5) /
 * (oracle AUC − 0.5)}) and {@code <model>_samples_per_s}, then {@code oracle_auc}.
 *
 * <p>Arguments: {@code --days N} (7), {@code --users N} (2000), {@code --epochs N} (2, for LR and
 * FM), {@code --deep-epochs N} (2, for the deep models; 1 halves their time), {@code --seed N}
 * (2024), {@code --models a,b} (all), {@code --hidden N} (width of the towers' two hidden layers,
 * 128), {@code --context-triple-sd X} (0: the simulator's optional third-order device x 4-hour
 * block x category effect, which pairwise models can only approximate), {@code
 * --recent-interest-boost X} (the world's logit boost when the candidate's category is among the
 * user's last clicks' categories), {@code --attention a,b} (widths of the DIN and DIEN attention
 * units' Dice layers, 36), {@code --attention-normalization softmax|none} (DIN's weights: softmax
 * over the real steps, or the paper's unnormalised scores; softmax), {@code --aux-weight X} (weight
 * of DIEN's auxiliary loss, 1), {@code --din-recency true|false} (DIN's attention units add a
 * learnt bias by the step's recency to each score, {@code AttentionPooling.recencyBias}; true: this
 * world's recent-interest effect depends on how recent a click is, which a position-blind unit
 * cannot see).
 *
 * <p>The schema includes the clicked-item history ({@link FunnelFeatures#schemaWithHistory}), which
 * only the sequence models read: {@code seq_mean} (mean pooling), {@code din} (attention pooling)
 * (attention pooling of the item history against the candidate item and of the category history
 * against its category) and {@code dien} (GRU, AUGRU and the auxiliary loss over the item history).
 */
public final class ModelZoo {
  private ModelZoo() {}

  /** Runs the zoo. */
  public static void main(String[] args) {
    int days = 7;
    int users = 2000;
    int epochs = 2;
    int deepEpochs = 2;
    long seed = 2024;
    int hidden = 128;
    List<String> only = null;
    double tripleSd = 0;
    Double boost = null;
    List<Integer> attention = List.of(36); // DIN's local activation unit, one Dice layer
    AttentionNormalization normalization = AttentionNormalization.SOFTMAX;
    double auxWeight = 1.0;
    boolean dinRecency = true;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--days" -> days = Integer.parseInt(args[++i]);
        case "--users" -> users = Integer.parseInt(args[++i]);
        case "--epochs" -> epochs = Integer.parseInt(args[++i]);
        case "--deep-epochs" -> deepEpochs = Integer.parseInt(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--hidden" -> hidden = Integer.parseInt(args[++i]);
        case "--models" -> only = List.of(args[++i].split(","));
        case "--context-triple-sd" -> tripleSd = Double.parseDouble(args[++i]);
        case "--recent-interest-boost" -> boost = Double.parseDouble(args[++i]);
        case "--attention" ->
            attention =
                java.util.Arrays.stream(args[++i].split(",")).map(Integer::valueOf).toList();
        case "--aux-weight" -> auxWeight = Double.parseDouble(args[++i]);
        case "--din-recency" -> {
          String v = args[++i];
          if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException("--din-recency=" + v + " must be true or false");
          }
          dinRecency = v.equals("true");
        }
        case "--attention-normalization" ->
            normalization =
                AttentionNormalization.valueOf(args[++i].toUpperCase(java.util.Locale.ROOT));
        default ->
            throw new IllegalArgumentException(
                "unknown argument "
                    + args[i]
                    + " (expected --days, --users, --epochs, --deep-epochs, --seed, --hidden,"
                    + " --models a,b,"
                    + " --context-triple-sd X, --recent-interest-boost X, --attention a,b,"
                    + " --attention-normalization softmax|none, --aux-weight X,"
                    + " --din-recency true|false)");
      }
    }
    FunnelSimulatorConfig config =
        FunnelFmExample.world()
            .seed(seed)
            .numDays(days)
            .numUsers(users)
            .contextTripleSd(tripleSd)
            .build();
    if (boost != null) {
      config = config.toBuilder().recentInterestBoost(boost).build();
    }
    FeatureSchema schema = FunnelFeatures.schemaWithHistory(16);
    FunnelData data =
        FunnelData.load(
            config,
            FeatureEncoder.of(schema),
            1024,
            java.nio.file.Path.of("target", "funnel-logs"));
    int[] y = data.test.intLabels();
    double oracleAuc = data.oracleAuc();
    List<Integer> tower = List.of(hidden, hidden);
    List<ZooModel> zoo =
        new ArrayList<>(
            List.of(
                new LogisticRegression("click", seed),
                new FactorizationMachine("click", 0.01, seed),
                new WideAndDeep("click", tower, 0.9, seed),
                new DeepFm("click", tower, 0.9, seed),
                new Dcn("click", 2, tower, 0.9, seed),
                new DcnV2(
                    "click",
                    CrossNetworkV2.lowRank("cross", 2, 32),
                    DcnV2.Structure.STACKED,
                    tower,
                    0.9,
                    seed),
                new DcnV2(
                    "click",
                    CrossNetworkV2.lowRank("cross", 2, 32),
                    DcnV2.Structure.PARALLEL,
                    tower,
                    0.9,
                    seed),
                new XDeepFm("click", List.of(16, 16), true, tower, 0.9, seed),
                new SequenceMean("click", FunnelFeatures.HISTORY, tower, 0.9, seed),
                new Din(
                    "click",
                    List.of(FunnelFeatures.HISTORY, FunnelFeatures.CATEGORY_HISTORY),
                    List.of("item", "category"),
                    attention,
                    normalization,
                    tower,
                    0.9,
                    seed,
                    dinRecency),
                new Dien(
                    "click",
                    FunnelFeatures.HISTORY,
                    "item",
                    attention,
                    tower,
                    0.9,
                    auxWeight,
                    seed)));
    System.out.printf(
        Locale.ROOT,
        "train %d rows on %d days, test %d rows; oracle AUC %.4f%n",
        data.trainRows(),
        days - 1,
        data.test.n,
        oracleAuc);
    List<String> lines = new ArrayList<>();
    for (ZooModel m : zoo) {
      if (only != null && !only.contains(m.name())) {
        continue;
      }
      TrainerConfig tc =
          TrainerConfig.defaults()
              .withBatchSize(1024)
              .withTableOptimizer(new Optimizer.Adagrad(0.1, 1e-6, 1e-8, 0))
              .withDenseOptimizer(Optimizer.Adam.of(0.001));
      try (Trainer t = new Trainer(m.build(schema), tc)) {
        int passes =
            m instanceof LogisticRegression || m instanceof FactorizationMachine
                ? epochs
                : deepEpochs;
        History h = FitLoop.of(t).fit(data.trainSource(), null, FitOptions.epochs(passes));
        double sec = h.epochs().stream().mapToDouble(EpochRecord::seconds).sum();
        double auc = Auc.exact(data.predictTest(t), y);
        double lift = (auc - 0.5) / (oracleAuc - 0.5);
        double rate = data.trainRows() * (double) passes / sec;
        System.out.printf(
            Locale.ROOT,
            "%-16s AUC %.4f  lift %5.1f%%  %8.0f rows/s%n",
            m.name(),
            auc,
            100 * lift,
            rate);
        lines.add(String.format(Locale.ROOT, "%s_auc=%.4f", m.name(), auc));
        lines.add(String.format(Locale.ROOT, "%s_oracle_lift=%.4f", m.name(), lift));
        lines.add(String.format(Locale.ROOT, "%s_samples_per_s=%.0f", m.name(), rate));
      }
    }
    lines.forEach(System.out::println);
    System.out.printf(Locale.ROOT, "oracle_auc=%.4f%n", oracleAuc);
  }
}
