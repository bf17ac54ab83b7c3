package org.recsys4j.examples.bench;

import java.util.List;
import java.util.Optional;
import org.recsys4j.core.Check;
import org.recsys4j.models.layers.interaction.CrossNetworkV2;
import org.recsys4j.models.train.Optimizer;
import org.recsys4j.models.train.TrainerConfig;
import org.recsys4j.models.zoo.Dcn;
import org.recsys4j.models.zoo.DcnV2;
import org.recsys4j.models.zoo.DeepFm;
import org.recsys4j.models.zoo.FactorizationMachine;
import org.recsys4j.models.zoo.LogisticRegression;
import org.recsys4j.models.zoo.WideAndDeep;
import org.recsys4j.models.zoo.XDeepFm;
import org.recsys4j.models.zoo.ZooModel;

/**
 * The hyperparameters of {@link ZooBenchmark}, per data set, chosen by hand on the validation
 * slice (the last {@link #VALIDATION_FRACTION} of each training file), never on test.
 *
 * @param dataset the data set's folder name
 * @param embeddingDim the dim of every table
 * @param minCount the vocabulary's frequency cut
 * @param numBuckets the quantile buckets of every numeric column
 * @param batchSize examples per step
 * @param maxEpochs the most epochs tried on the validation slice
 * @param patience epochs without a better validation AUC before the search stops
 * @param runs the models with their optimizers, in print order
 */
record ZooBenchSettings(String dataset, int embeddingDim, int minCount, int numBuckets,
    int batchSize, int maxEpochs, int patience, List<Run> runs) {

  /** Share of the training file, taken from its end, on which epochs are chosen. */
  static final double VALIDATION_FRACTION = 0.1;

  /** The data sets, in run order. */
  static final List<String> DATASETS = List.of("ml-100k", "criteo-10k", "avazu-9k");

  /** Seed of every model's initial values and of the batch order. */
  static final long SEED = 2024;

  /**
   * One model with its optimizers.
   *
   * @param model the zoo model (its hyperparameters)
   * @param tables the row-wise optimizer of its embedding tables
   * @param dense the optimizer of its dense parameters
   */
  record Run(ZooModel model, Optimizer tables, Optimizer dense) {
    /** Validates. */
    Run {
      Check.notNull("run.model", model);
      Check.notNull("run.tables", tables);
      Check.notNull("run.dense", dense);
    }

    /** The trainer's settings with batch size {@code batchSize}. */
    TrainerConfig config(int batchSize) {
      return TrainerConfig.defaults().withBatchSize(batchSize).withTableOptimizer(tables)
          .withDenseOptimizer(dense);
    }
  }

  /** Validates. */
  ZooBenchSettings {
    Check.notNull("settings.dataset", dataset);
    Check.positive("settings.embeddingDim", embeddingDim);
    Check.positive("settings.minCount", minCount);
    Check.arg(numBuckets >= 2, "settings.numBuckets", numBuckets, "must be >= 2");
    Check.positive("settings.batchSize", batchSize);
    Check.positive("settings.maxEpochs", maxEpochs);
    Check.positive("settings.patience", patience);
    runs = List.copyOf(runs);
  }

  /** The settings of {@code dataset}, if it is one of {@link #DATASETS}. */
  static Optional<ZooBenchSettings> of(String dataset) {
    return switch (dataset) {
      case "ml-100k" -> Optional.of(movieLens());
      case "criteo-10k" -> Optional.of(criteo());
      case "avazu-9k" -> Optional.of(avazu());
      default -> Optional.empty();
    };
  }

  static Optimizer adagrad(double lr, double l2) {
    return new Optimizer.Adagrad(lr, 1e-6, 1e-8, l2);
  }

  static Optimizer adam(double lr, double l2) {
    return new Optimizer.Adam(lr, 0.9, 0.999, 1e-8, l2);
  }

  /** The seven models over one tower, with shared optimizers for the deep ones. */
  private static List<Run> zoo(Optimizer shallowTables, Optimizer deepTables, Optimizer dense,
      List<Integer> tower, double keep, int crossLayers, int lowRank, List<Integer> cin) {
    return List.of(
        new Run(new LogisticRegression("click", SEED), shallowTables, dense),
        new Run(new FactorizationMachine("click", 0.01, SEED), shallowTables, dense),
        new Run(new WideAndDeep("click", tower, keep, SEED), deepTables, dense),
        new Run(new DeepFm("click", tower, keep, SEED), deepTables, dense),
        new Run(new Dcn("click", crossLayers, tower, keep, SEED), deepTables, dense),
        new Run(new DcnV2("click", CrossNetworkV2.lowRank("cross", crossLayers, lowRank),
            DcnV2.Structure.STACKED, tower, keep, SEED), deepTables, dense),
        new Run(new XDeepFm("click", cin, true, tower, keep, SEED), deepTables, dense));
  }

  /** MovieLens 100K, time split. */
  static ZooBenchSettings movieLens() {
    return new ZooBenchSettings("ml-100k", 16, 1, 10, 512, 10, 2,
        zoo(adagrad(0.05, 0), adagrad(0.05, 0), adam(0.001, 0), List.of(128, 64), 0.9, 2, 16,
            List.of(16, 16)));
  }

  /** Criteo, first 10k rows, random split. */
  static ZooBenchSettings criteo() {
    return new ZooBenchSettings("criteo-10k", 16, 2, 16, 256, 10, 2,
        zoo(adagrad(0.05, 0), adagrad(0.05, 0), adam(0.001, 0), List.of(128, 64), 0.8, 2, 16,
            List.of(16, 16)));
  }

  /** Avazu, first hour, random split. */
  static ZooBenchSettings avazu() {
    return new ZooBenchSettings("avazu-9k", 16, 2, 16, 256, 10, 2,
        zoo(adagrad(0.05, 0), adagrad(0.05, 0), adam(0.001, 0), List.of(128, 64), 0.8, 2, 16,
            List.of(16, 16)));
  }
}
