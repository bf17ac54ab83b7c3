package org.recsys4j.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.recsys4j.core.data.TrainingBatch;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.eval.Auc;
import org.recsys4j.features.encode.FeatureEncoder;
import org.recsys4j.features.sim.FunnelSimulatorConfig;
import org.recsys4j.models.checkpoint.Checkpoint;
import org.recsys4j.models.spec.ModelSpec;
import org.recsys4j.models.train.Optimizer;
import org.recsys4j.models.train.Trainer;
import org.recsys4j.models.train.TrainerConfig;
import org.recsys4j.models.zoo.FactorizationMachine;

/**
 * Daily incremental training against full retraining, on simulated days.
 *
 * <ol>
 *   <li>simulate {@code days + 1} days of the funnel (the main example's world, scaled down) and
 *       encode each day in shuffled batches; day {@code days + 1} exists only to evaluate the last
 *       update;
 *   <li>train the base FM on days {@code 1..days-3} ({@code --epochs} passes) and save a
 *       checkpoint;
 *   <li>for each of the last three days N: an <em>incremental update</em> (load day N−1's
 *       checkpoint, one pass over day N only, save day N's checkpoint) and a <em>full retrain</em>
 *       from scratch on days {@code 1..N} ({@code --epochs} passes); both are evaluated on day N+1,
 *       the next day (AUC).
 * </ol>
 *
 * <p>Times: an update counts reading the checkpoint, building the trainer, training and writing the
 * new checkpoint; a retrain counts building the trainer and training. Evaluation is not timed.
 *
 * <p>Arguments (all optional): {@code --days N} (30), {@code --users N} (1000), {@code --requests
 * X} (5 per user and day), {@code --epochs N} (2), {@code --seed N} (2024), {@code --work DIR}
 * ({@code target/daily-incremental}: logs, rows, checkpoints).
 *
 * <p>Prints, per updated day N: {@code day<N>_incremental_auc}, {@code day<N>_full_auc}; then
 * {@code incremental_seconds}, {@code full_seconds} and {@code incremental_time_ratio} (the
 * updates' time over the retrains' time).
 */
public final class DailyIncrementalExample {
  private static final int BATCH = 1024;
  private static final int DIM = 16;
  private static final int UPDATED_DAYS = 3;

  private DailyIncrementalExample() {}

  /** Runs the example. */
  public static void main(String[] args) {
    int days = 30;
    int users = 1000;
    double requests = 5;
    int epochs = 2;
    long seed = 2024;
    Path work = Path.of("target", "daily-incremental");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--days" -> days = Integer.parseInt(args[++i]);
        case "--users" -> users = Integer.parseInt(args[++i]);
        case "--requests" -> requests = Double.parseDouble(args[++i]);
        case "--epochs" -> epochs = Integer.parseInt(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--work" -> work = Path.of(args[++i]);
        default ->
            throw new IllegalArgumentException(
                "unknown argument "
                    + args[i]
                    + " (expected --days, --users, --requests, --epochs, --seed, --work DIR)");
      }
    }
    if (days <= UPDATED_DAYS) {
      throw new IllegalArgumentException(
          "--days=" + days + " must be > " + UPDATED_DAYS + ": the base model needs a day");
    }
    long start = System.nanoTime();
    FunnelSimulatorConfig sim =
        FunnelFmExample.world()
            .numUsers(users)
            .meanRequestsPerUserPerDay(requests)
            .numDays(days + 1)
            .seed(seed)
            .build();
    FeatureSchema schema = FunnelFeatures.schema(DIM);
    FunnelData data =
        FunnelData.load(sim, FeatureEncoder.of(schema), BATCH, work.resolve("funnel-logs"));
    System.out.printf(
        Locale.ROOT,
        "simulated %d days (%d training rows, %d on day %d for the last evaluation) in %.1f s%n",
        days + 1,
        data.trainRows(),
        data.test.n,
        days + 1,
        (System.nanoTime() - start) / 1e9);

    ModelSpec fm = new FactorizationMachine("click", 0.01, seed).build(schema);
    TrainerConfig config =
        TrainerConfig.defaults()
            .withBatchSize(BATCH)
            .withTableOptimizer(new Optimizer.Adagrad(0.1, 1e-6, 1e-8, 0))
            .withDenseOptimizer(Optimizer.Adam.of(0.01));
    int baseDays = days - UPDATED_DAYS;
    long t0 = System.nanoTime();
    try (Trainer base = train(fm, config, data, baseDays, epochs)) {
      save(Checkpoint.of(base, schema), checkpoint(work, baseDays));
    }
    System.out.printf(
        Locale.ROOT,
        "base model: days 1..%d, %d epoch(s), %.1f s%n",
        baseDays,
        epochs,
        (System.nanoTime() - t0) / 1e9);

    double incrementalSeconds = 0;
    double fullSeconds = 0;
    for (int n = baseDays + 1; n <= days; n++) {
      FunnelData.Days next = n < days ? data.train.get(n) : data.test; // day n+1
      long a = System.nanoTime();
      double incAuc;
      try (Trainer inc = read(checkpoint(work, n - 1)).newTrainer()) {
        pass(inc, data.train.get(n - 1).batches);
        save(Checkpoint.of(inc, schema), checkpoint(work, n));
        incrementalSeconds += (System.nanoTime() - a) / 1e9;
        incAuc = auc(inc, next);
      }
      long b = System.nanoTime();
      double fullAuc;
      try (Trainer full = train(fm, config, data, n, epochs)) {
        fullSeconds += (System.nanoTime() - b) / 1e9;
        fullAuc = auc(full, next);
      }
      System.out.printf(
          Locale.ROOT,
          "day %d: incremental %.1f s, full retrain on days 1..%d %.1f s, evaluated on day %d%n",
          n,
          (b - a) / 1e9,
          n,
          (System.nanoTime() - b) / 1e9,
          n + 1);
      System.out.printf(Locale.ROOT, "day%d_incremental_auc=%.4f%n", n, incAuc);
      System.out.printf(Locale.ROOT, "day%d_full_auc=%.4f%n", n, fullAuc);
    }
    System.out.printf(Locale.ROOT, "total %.1f s%n", (System.nanoTime() - start) / 1e9);
    System.out.printf(Locale.ROOT, "incremental_seconds=%.2f%n", incrementalSeconds);
    System.out.printf(Locale.ROOT, "full_seconds=%.2f%n", fullSeconds);
    System.out.printf(
        Locale.ROOT, "incremental_time_ratio=%.4f%n", incrementalSeconds / fullSeconds);
  }

  /** A new trainer after {@code epochs} passes over days {@code 1..days}, in day order. */
  private static Trainer train(
      ModelSpec spec, TrainerConfig config, FunnelData data, int days, int epochs) {
    Trainer t = new Trainer(spec, config);
    for (int e = 0; e < epochs; e++) {
      for (int d = 0; d < days; d++) {
        pass(t, data.train.get(d).batches);
      }
    }
    return t;
  }

  private static void pass(Trainer t, List<TrainingBatch> batches) {
    for (TrainingBatch b : batches) {
      t.fit(b);
    }
  }

  private static double auc(Trainer t, FunnelData.Days day) {
    double[] p = new double[day.n];
    int at = 0;
    for (TrainingBatch b : day.batches) {
      for (float v : t.predict(b.inputs(), "ctr")) {
        p[at++] = v;
      }
    }
    return Auc.exact(p, day.intLabels());
  }

  private static Path checkpoint(Path work, int day) {
    return work.resolve("checkpoints").resolve(String.format(Locale.ROOT, "day-%03d", day));
  }

  private static void save(Checkpoint c, Path dir) {
    try {
      c.write(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + dir, e);
    }
  }

  private static Checkpoint read(Path dir) {
    try {
      return Checkpoint.read(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint " + dir, e);
    }
  }
}
