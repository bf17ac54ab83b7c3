package org.recsys4j.models.train;

import org.recsys4j.core.Check;

/**
 * Settings of a {@link Trainer}.
 *
 * @param batchSize examples per step B: the training graph is built for this size, and smaller
 *     batches are padded with zero-weight examples
 * @param tableOptimizer the row-wise optimizer of embedding tables
 * @param denseOptimizer the optimizer of dense parameters (biases, MLP weights)
 * @param javaThreads threads for the Java side of a step (table gathers, gradient sums, row
 *     updates): 1 or 2. Results do not depend on it.
 * @param nativeThreads threads of ND4J's native kernels, at least 1; default 1, which on small
 *     shared machines is both faster and far more robust to a busy neighbour than ND4J's own
 *     default (one per core). The setting is process-wide: the last trainer built sets it.
 */
public record TrainerConfig(
    int batchSize,
    Optimizer tableOptimizer,
    Optimizer denseOptimizer,
    int javaThreads,
    int nativeThreads) {

  /** Validates. */
  public TrainerConfig {
    Check.positive("trainer.batchSize", batchSize);
    Check.notNull("trainer.tableOptimizer", tableOptimizer);
    Check.notNull("trainer.denseOptimizer", denseOptimizer);
    Check.inRange("trainer.javaThreads", javaThreads, 1, 2);
    Check.positive("trainer.nativeThreads", nativeThreads);
  }

  /**
   * Defaults: batch 1024, Adagrad(0.05) for tables, Adam(0.001) for dense parameters, two Java
   * threads, one native thread.
   */
  public static TrainerConfig defaults() {
    return new TrainerConfig(1024, Optimizer.Adagrad.of(0.05), Optimizer.Adam.of(0.001), 2, 1);
  }

  /** This config with another batch size. */
  public TrainerConfig withBatchSize(int b) {
    return new TrainerConfig(b, tableOptimizer, denseOptimizer, javaThreads, nativeThreads);
  }

  /** This config with another table optimizer. */
  public TrainerConfig withTableOptimizer(Optimizer o) {
    return new TrainerConfig(batchSize, o, denseOptimizer, javaThreads, nativeThreads);
  }

  /** This config with another dense optimizer. */
  public TrainerConfig withDenseOptimizer(Optimizer o) {
    return new TrainerConfig(batchSize, tableOptimizer, o, javaThreads, nativeThreads);
  }

  /** This config with another number of Java threads (1 or 2). */
  public TrainerConfig withJavaThreads(int n) {
    return new TrainerConfig(batchSize, tableOptimizer, denseOptimizer, n, nativeThreads);
  }

  /** This config with another number of native threads. */
  public TrainerConfig withNativeThreads(int n) {
    return new TrainerConfig(batchSize, tableOptimizer, denseOptimizer, javaThreads, n);
  }
}
