package org.recsys4j.models.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.recsys4j.core.Check;

/**
 * Settings of a {@link Trainer}.
 *
 * <p>Optimizers per parameter group: every embedding table uses {@link #tableOptimizer()} unless
 * {@link #tableOptimizers()} names it with an optimizer of its own (for example FTRL with L1 for
 * the linear weights' tables and Adagrad for the factors); the dense parameters (biases, MLP
 * weights) use {@link #denseOptimizer()}. L1 and L2 are properties of each optimizer, so they are
 * set per table this way. The trainer rejects an override naming a table its model does not have.
 *
 * @param batchSize examples per step B: the training graph is built for this size, and smaller
 *     batches are padded with zero-weight examples
 * @param tableOptimizer the row-wise optimizer of embedding tables without an override
 * @param denseOptimizer the optimizer of dense parameters (biases, MLP weights)
 * @param javaThreads threads for the Java side of a step (table gathers, gradient sums, row
 *     updates): 1 or 2. Results do not depend on it.
 * @param nativeThreads threads of ND4J's native kernels, at least 1; default 1, which on small
 *     shared machines is both faster and far more robust to a busy neighbour than ND4J's own
 *     default (one per core). The setting is process-wide: the last trainer built sets it.
 * @param tableOptimizers per-table overrides of {@code tableOptimizer}, by table name (copied, in
 *     insertion order); empty for none
 */
public record TrainerConfig(
    int batchSize,
    Optimizer tableOptimizer,
    Optimizer denseOptimizer,
    int javaThreads,
    int nativeThreads,
    Map<String, Optimizer> tableOptimizers) {

  /** Validates and copies. */
  public TrainerConfig {
    Check.positive("trainer.batchSize", batchSize);
    Check.notNull("trainer.tableOptimizer", tableOptimizer);
    Check.notNull("trainer.denseOptimizer", denseOptimizer);
    Check.inRange("trainer.javaThreads", javaThreads, 1, 2);
    Check.positive("trainer.nativeThreads", nativeThreads);
    Check.notNull("trainer.tableOptimizers", tableOptimizers);
    Map<String, Optimizer> copy = new LinkedHashMap<>();
    for (Map.Entry<String, Optimizer> e : tableOptimizers.entrySet()) {
      Check.name("trainer.tableOptimizers key", e.getKey());
      copy.put(
          e.getKey(), Check.notNull("trainer.tableOptimizers[" + e.getKey() + "]", e.getValue()));
    }
    tableOptimizers = java.util.Collections.unmodifiableMap(copy);
  }

  /**
   * Defaults: batch 1024, Adagrad(0.05) for tables, Adam(0.001) for dense parameters, two Java
   * threads, one native thread, no per-table overrides.
   */
  public static TrainerConfig defaults() {
    return new TrainerConfig(
        1024, Optimizer.Adagrad.of(0.05), Optimizer.Adam.of(0.001), 2, 1, Map.of());
  }

  /** The optimizer of table {@code table}: its override, else {@link #tableOptimizer()}. */
  public Optimizer tableOptimizer(String table) {
    return tableOptimizers.getOrDefault(table, tableOptimizer);
  }

  /** This config with another batch size. */
  public TrainerConfig withBatchSize(int b) {
    return new TrainerConfig(
        b, tableOptimizer, denseOptimizer, javaThreads, nativeThreads, tableOptimizers);
  }

  /** This config with another table optimizer (per-table overrides stay). */
  public TrainerConfig withTableOptimizer(Optimizer o) {
    return new TrainerConfig(
        batchSize, o, denseOptimizer, javaThreads, nativeThreads, tableOptimizers);
  }

  /** This config with table {@code table} trained by {@code o} (replacing an earlier override). */
  public TrainerConfig withTableOptimizer(String table, Optimizer o) {
    Map<String, Optimizer> m = new LinkedHashMap<>(tableOptimizers);
    m.put(table, o);
    return new TrainerConfig(
        batchSize, tableOptimizer, denseOptimizer, javaThreads, nativeThreads, m);
  }

  /** This config with another dense optimizer. */
  public TrainerConfig withDenseOptimizer(Optimizer o) {
    return new TrainerConfig(
        batchSize, tableOptimizer, o, javaThreads, nativeThreads, tableOptimizers);
  }

  /** This config with another number of Java threads (1 or 2). */
  public TrainerConfig withJavaThreads(int n) {
    return new TrainerConfig(
        batchSize, tableOptimizer, denseOptimizer, n, nativeThreads, tableOptimizers);
  }

  /** This config with another number of native threads. */
  public TrainerConfig withNativeThreads(int n) {
    return new TrainerConfig(
        batchSize, tableOptimizer, denseOptimizer, javaThreads, n, tableOptimizers);
  }
}
