package org.recsys4j.models.train;

import org.recsys4j.core.Check;

/**
 * Settings of a {@link SparseTrainer}.
 *
 * @param batchSize examples per step B: the graph is built for this size, and smaller batches are
 *     padded with zero-weight examples
 * @param embeddingOptimizer the row-wise optimizer of embedding tables
 * @param denseOptimizer the optimizer of dense parameters (biases, MLP weights)
 * @param seed seed of every initial value
 * @param gcEverySteps run {@code System.gc()} every this many steps (0 = never): ND4J frees the
 *     native memory of per-step arrays only when their Java objects are collected
 * @param javaThreads threads for the Java side of a step (gathers, gradient sums, row updates):
 *     1 or 2. Results do not depend on it. SameDiff's own threads are set by {@code
 *     OMP_NUM_THREADS}.
 */
public record TrainerConfig(
    int batchSize,
    Optimizer embeddingOptimizer,
    Optimizer denseOptimizer,
    long seed,
    int gcEverySteps,
    int javaThreads) {

  /** Validates. */
  public TrainerConfig {
    Check.positive("trainer.batchSize", batchSize);
    Check.notNull("trainer.embeddingOptimizer", embeddingOptimizer);
    Check.notNull("trainer.denseOptimizer", denseOptimizer);
    Check.nonNegative("trainer.gcEverySteps", gcEverySteps);
    Check.inRange("trainer.javaThreads", javaThreads, 1, 2);
  }

  /** A builder with defaults: batch 1024, Adagrad(0.1) for tables, Adam(0.001) dense, seed 42,
   * two Java threads, no explicit GC. */
  public static Builder builder() {
    return new Builder();
  }

  /** Fluent builder for {@link TrainerConfig}. */
  public static final class Builder {
    private int batchSize = 1024;
    private Optimizer embeddingOptimizer = Optimizer.Adagrad.of(0.1);
    private Optimizer denseOptimizer = Optimizer.Adam.of(0.001);
    private long seed = 42;
    private int gcEverySteps = 0;
    private int javaThreads = 2;

    private Builder() {}

    /** Examples per step. */
    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    /** Optimizer of embedding tables. */
    public Builder embeddingOptimizer(Optimizer o) {
      this.embeddingOptimizer = o;
      return this;
    }

    /** Optimizer of dense parameters. */
    public Builder denseOptimizer(Optimizer o) {
      this.denseOptimizer = o;
      return this;
    }

    /** Seed of initial values. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Explicit GC period in steps, 0 for none. */
    public Builder gcEverySteps(int gcEverySteps) {
      this.gcEverySteps = gcEverySteps;
      return this;
    }

    /** Threads for the Java side of a step, 1 or 2. */
    public Builder javaThreads(int javaThreads) {
      this.javaThreads = javaThreads;
      return this;
    }

    /** Validates and builds. */
    public TrainerConfig build() {
      return new TrainerConfig(batchSize, embeddingOptimizer, denseOptimizer, seed, gcEverySteps,
          javaThreads);
    }
  }
}
