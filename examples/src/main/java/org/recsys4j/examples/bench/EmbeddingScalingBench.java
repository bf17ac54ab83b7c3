package org.recsys4j.examples.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.core.data.TrainingBatch;
import org.recsys4j.core.spec.CategoricalSpec;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.models.train.Optimizer;
import org.recsys4j.models.train.SparseTable;
import org.recsys4j.models.train.StepTimings;
import org.recsys4j.models.train.Trainer;
import org.recsys4j.models.train.TrainerConfig;
import org.recsys4j.models.zoo.FactorizationMachine;

/**
 * Does a training step cost the same whatever the size of the embedding table?
 *
 * <p>Trains a factorization machine (26 fields × 16 dims, batch 1024, Adagrad) with tables of 2^16,
 * 2^20 and 2^24 rows (one table shared on purpose by the 26 fields, plus its width-1 linear twin)
 * on the same synthetic stream: per field, ids drawn log-uniformly from a vocabulary of 10 to 10^6
 * values (a heavy head, as in Criteo), hashed into the table; labels from a planted logistic model.
 * Prints samples/s per size and {@code scaling_ratio}, the slowest step time over the fastest (1.0
 * = no growth with rows).
 *
 * <p>Same-run memory baseline: {@code baseline_gather_rows_per_s} (at 2^20 rows, and per size), a
 * plain loop that gathers, for every reference of the same batches (26 per sample), the row of the
 * factor table and of the linear table from the trainer's own tables into a buffer, timed in the
 * same rotation: the rate of the memory reads alone that any step must make. {@code
 * baseline_gather_samples_per_s} is the same divided by 26, comparable with {@code samples_per_s}.
 * FM goes through the trainer's fused path (no graph): {@code graph_ms} is its forward and backward
 * pass in Java.
 *
 * <p>Arguments: {@code --steps N} timed steps per block and size (default 200; 5 blocks in
 * rotation), {@code --warmup N} (100), {@code --java-threads N} (2), {@code --native-threads N} (1,
 * SameDiff's op threads).
 */
public final class EmbeddingScalingBench {
  private static final int FIELDS = 26;
  private static final int DIM = 16;
  private static final int BATCH = 1024;

  private EmbeddingScalingBench() {}

  /** Runs the benchmark. */
  public static void main(String[] args) {
    int steps = 200;
    int warmup = 100;
    int javaThreads = 2;
    int nativeThreads = 1;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--steps" -> steps = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--java-threads" -> javaThreads = Integer.parseInt(args[++i]);
        case "--native-threads" -> nativeThreads = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    int[] log2Rows = {16, 20, 24};
    // All three trainers live side by side and are timed in rotation, block by block, so that
    // drift in the shared machine's speed hits every size alike; each size's figure is its best
    // block (the least disturbed).
    Trainer[] trainers = new Trainer[log2Rows.length];
    List<List<TrainingBatch>> data = new ArrayList<>();
    for (int k = 0; k < log2Rows.length; k++) {
      trainers[k] = trainer(1 << log2Rows[k], javaThreads, nativeThreads);
      data.add(makeBatches(1 << log2Rows[k], 64, 11));
      for (int s = 0; s < warmup; s++) {
        trainers[k].fit(data.get(k).get(s % 64));
      }
    }
    double[] stepMs = new double[log2Rows.length];
    java.util.Arrays.fill(stepMs, Double.MAX_VALUE);
    double[] gatherMs = new double[log2Rows.length];
    java.util.Arrays.fill(gatherMs, Double.MAX_VALUE);
    float[] gathered = new float[BATCH * FIELDS * (DIM + 1)];
    for (int k = 0; k < log2Rows.length; k++) {
      gatherBatch(trainers[k], data.get(k).get(0), gathered); // warm-up
    }
    int blocks = 5;
    for (int rep = 0; rep < blocks; rep++) {
      for (int k = 0; k < log2Rows.length; k++) {
        Trainer t = trainers[k];
        t.resetTimings();
        long t0 = System.nanoTime();
        for (int s = 0; s < steps; s++) {
          t.fit(data.get(k).get(s % 64));
        }
        double ms = (System.nanoTime() - t0) / 1e6 / steps;
        stepMs[k] = Math.min(stepMs[k], ms);
        StepTimings tm = t.timings();
        System.out.printf(
            Locale.ROOT,
            "  block=%d rows=2^%d step_ms=%.3f prepare_ms=%.3f graph_ms=%.3f update_ms=%.3f%n",
            rep,
            log2Rows[k],
            ms,
            tm.prepareSeconds() * 1e3 / steps,
            tm.graphSeconds() * 1e3 / steps,
            tm.updateSeconds() * 1e3 / steps);
        long g0 = System.nanoTime();
        for (int s = 0; s < steps; s++) {
          gatherBatch(t, data.get(k).get(s % 64), gathered);
        }
        gatherMs[k] = Math.min(gatherMs[k], (System.nanoTime() - g0) / 1e6 / steps);
      }
    }
    for (int k = 0; k < log2Rows.length; k++) {
      System.out.printf(
          Locale.ROOT,
          "rows=2^%d step_ms=%.3f samples_per_s=%.0f%n",
          log2Rows[k],
          stepMs[k],
          BATCH * 1000.0 / stepMs[k]);
      trainers[k].close();
    }
    double min = Double.MAX_VALUE;
    double max = 0;
    for (double s : stepMs) {
      min = Math.min(min, s);
      max = Math.max(max, s);
    }
    for (int k = 0; k < log2Rows.length; k++) {
      System.out.printf(
          Locale.ROOT, "samples_per_s_2e%d=%.0f%n", log2Rows[k], BATCH * 1000.0 / stepMs[k]);
    }
    System.out.printf(Locale.ROOT, "scaling_ratio=%.3f%n", max / min);
    for (int k = 0; k < log2Rows.length; k++) {
      System.out.printf(
          Locale.ROOT,
          "baseline_gather_rows_per_s_2e%d=%.0f%n",
          log2Rows[k],
          BATCH * FIELDS * 1000.0 / gatherMs[k]);
    }
    int at20 = 1; // 2^20
    System.out.printf(
        Locale.ROOT, "baseline_gather_rows_per_s=%.0f%n", BATCH * FIELDS * 1000.0 / gatherMs[at20]);
    System.out.printf(
        Locale.ROOT, "baseline_gather_samples_per_s=%.0f%n", BATCH * 1000.0 / gatherMs[at20]);
    System.out.printf(
        Locale.ROOT, "train_rows_per_s_2e20=%.0f%n", BATCH * FIELDS * 1000.0 / stepMs[at20]);
  }

  /**
   * The memory baseline: gathers the factor row and the linear weight of every reference of {@code
   * batch} from the trainer's tables (the rows a step reads), in batch order.
   */
  private static void gatherBatch(Trainer t, TrainingBatch batch, float[] out) {
    SparseTable factors = t.table("C0");
    SparseTable linear = t.table("C0_w");
    java.nio.FloatBuffer fb = java.nio.FloatBuffer.wrap(out);
    int[] ids = batch.inputs().ints("ids");
    int at = 0;
    for (int id : ids) {
      factors.gatherReadOnly(id, fb, at);
      linear.gatherReadOnly(id, fb, at + DIM);
      at += DIM + 1;
    }
  }

  private static Trainer trainer(int rows, int javaThreads, int nativeThreads) {
    FeatureSchema.Builder schema = FeatureSchema.builder();
    for (int f = 0; f < FIELDS; f++) {
      // rows - 1 hashed ids plus the missing id: the shared table has exactly `rows` rows
      schema.add(
          CategoricalSpec.hashed("C" + f).table("C0").space(rows - 1).embeddingDim(DIM).build());
    }
    return new Trainer(
        new FactorizationMachine("click", 0.01, 7).build(schema.build()),
        TrainerConfig.defaults()
            .withBatchSize(BATCH)
            .withTableOptimizer(Optimizer.Adagrad.of(0.05))
            .withJavaThreads(javaThreads)
            .withNativeThreads(nativeThreads));
  }

  /** Synthetic batches: log-uniform ids per field hashed into {@code rows}, planted labels. */
  static List<TrainingBatch> makeBatches(int rows, int count, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] logCard = new double[FIELDS];
    for (int f = 0; f < FIELDS; f++) {
      logCard[f] = Math.log(10) + (Math.log(1e6) - Math.log(10)) * f / (FIELDS - 1);
    }
    List<TrainingBatch> out = new ArrayList<>();
    for (int b = 0; b < count; b++) {
      int[] ids = new int[BATCH * FIELDS];
      float[] y = new float[BATCH];
      for (int i = 0; i < BATCH; i++) {
        double z = -2.5;
        for (int f = 0; f < FIELDS; f++) {
          long value = (long) Math.exp(rnd.nextDouble() * logCard[f]);
          long h = mix(f * 1_000_003L + value);
          ids[i * FIELDS + f] = 1 + (int) Math.floorMod(h, (long) (rows - 2));
          z += ((h >>> 40) & 0xff) / 255.0 - 0.5;
        }
        y[i] = rnd.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1f : 0f;
      }
      out.add(
          TrainingBatch.of(
              EncodedBatch.of(BATCH, java.util.Map.of("ids", ids), java.util.Map.of()),
              "click",
              y));
    }
    return out;
  }

  private static long mix(long x) {
    x = (x ^ (x >>> 30)) * 0xbf58476d1ce4e5b9L;
    x = (x ^ (x >>> 27)) * 0x94d049bb133111ebL;
    return x ^ (x >>> 31);
  }
}
