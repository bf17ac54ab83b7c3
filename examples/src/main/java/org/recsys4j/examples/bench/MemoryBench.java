package org.recsys4j.examples.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.core.data.TrainingBatch;
import org.recsys4j.core.spec.CategoricalSpec;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.models.train.Optimizer;
import org.recsys4j.models.train.Trainer;
import org.recsys4j.models.train.TrainerConfig;
import org.recsys4j.models.zoo.DeepFm;
import org.recsys4j.models.zoo.FactorizationMachine;

/**
 * Does process memory stay flat while training and scoring with the defaults, without anyone
 * calling {@code System.gc()}? Trains FM (one table of 2^20 rows shared by 26 fields, D=16, batch
 * 1024, Adagrad) for {@code --steps} steps, then makes {@code --predicts} predict calls of 200
 * rows, reading the process's resident set size (VmRSS, which counts ND4J's native buffers that the
 * JVM's own counters miss) along the way.
 *
 * <p>Prints {@code rss_mb_step_100}, {@code rss_mb_step_2000} (at the last step), {@code
 * rss_mb_predict_100}, {@code rss_mb_predict_20000} (at the last call), and the growth ratios
 * {@code train_rss_growth} and {@code predict_rss_growth} (last over first; target below 1.10), and
 * {@code train_native_mb_growth} and {@code predict_native_mb_growth}: the growth of the RSS
 * outside the Java heap the JVM has committed (native memory: ND4J's buffers), in MB. The JVM grows
 * its own heap as it sees fit within {@code -Xmx}; that growth is not a leak, and a smaller {@code
 * -Xmx} bounds it.
 *
 * <p>Arguments: {@code --steps N} (2000), {@code --predicts N} (20000).
 *
 * <p>Long mode, {@code --minutes N}: builds a DeepFM (400-400-400 tower) and an FM trainer on the
 * same data (the FM takes the fused path), warms both up (100 steps and 500 predict calls each),
 * reads {@code rss_mb_after_warmup}, then trains both in turns for {@code N/2} minutes and then
 * makes {@code round(1,000,000·N/30)} predict calls of 200 rows, alternating between the two models
 * (one million for {@code --minutes 30}), and prints {@code rss_mb_end}, {@code rss_mb_max} (the
 * largest RSS read every 10 seconds after the warm-up) and {@code rss_growth_after_warmup} (end
 * over after-warm-up; target below 1.10). Run it with a fixed heap ({@code -Xms} = {@code -Xmx},
 * e.g. {@code -Xms3g -Xmx3g -XX:+AlwaysPreTouch}) so that the JVM's own heap growth, which is not a
 * leak, does not count as growth.
 */
public final class MemoryBench {
  private MemoryBench() {}

  /** Runs the benchmark. */
  public static void main(String[] args) throws IOException {
    int steps = 2000;
    int predicts = 20_000;
    double minutes = 0;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--steps" -> steps = Integer.parseInt(args[++i]);
        case "--predicts" -> predicts = Integer.parseInt(args[++i]);
        case "--minutes" -> minutes = Double.parseDouble(args[++i]);
        default ->
            throw new IllegalArgumentException(
                "unknown argument " + args[i] + " (expected --steps N, --predicts N, --minutes N)");
      }
    }
    if (minutes > 0) {
      longMode(minutes);
      return;
    }
    FeatureSchema.Builder schema = FeatureSchema.builder();
    for (int f = 0; f < 26; f++) {
      schema.add(
          CategoricalSpec.hashed("C" + f)
              .table("C0")
              .space((1 << 20) - 1)
              .embeddingDim(16)
              .build());
    }
    List<TrainingBatch> data = EmbeddingScalingBench.makeBatches(1 << 20, 32, 5);
    Trainer t =
        new Trainer(
            new FactorizationMachine("click", 0.01, 7).build(schema.build()),
            TrainerConfig.defaults()
                .withBatchSize(1024)
                .withTableOptimizer(Optimizer.Adagrad.of(0.05)));
    double first = 0;
    double last = 0;
    double nativeFirst = 0;
    double nativeLast = 0;
    for (int s = 1; s <= steps; s++) {
      t.fit(data.get(s % data.size()));
      if (s == Math.min(100, steps)) {
        first = rssMb();
        nativeFirst = first - heapMb();
        System.out.printf(Locale.ROOT, "  step %d rss %.0f MB%n", s, first);
      }
      if (s % 500 == 0 || s == steps) {
        last = rssMb();
        nativeLast = last - heapMb();
        System.out.printf(
            Locale.ROOT,
            "  step %d rss %.0f MB (java heap committed %.0f MB, used %.0f" + " MB)%n",
            s,
            last,
            Runtime.getRuntime().totalMemory() / 1048576.0,
            (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1048576.0);
      }
    }
    int[] ids = data.get(0).inputs().ints("ids");
    EncodedBatch request =
        EncodedBatch.of(200, Map.of("ids", Arrays.copyOf(ids, 200 * 26)), Map.of());
    double pFirst = 0;
    double pLast = 0;
    double pNativeFirst = 0;
    double pNativeLast = 0;
    for (int c = 1; c <= predicts; c++) {
      t.predict(request, "ctr");
      if (c == Math.min(100, predicts)) {
        pFirst = rssMb();
        pNativeFirst = pFirst - heapMb();
      }
      if (c % 5000 == 0 || c == predicts) {
        pLast = rssMb();
        pNativeLast = pLast - heapMb();
        System.out.printf(
            Locale.ROOT,
            "  predict %d rss %.0f MB (java heap committed %.0f MB)%n",
            c,
            pLast,
            Runtime.getRuntime().totalMemory() / 1048576.0);
      }
    }
    t.close();
    System.out.printf(Locale.ROOT, "rss_mb_step_100=%.0f%n", first);
    System.out.printf(Locale.ROOT, "rss_mb_step_%d=%.0f%n", steps, last);
    System.out.printf(Locale.ROOT, "rss_mb_predict_100=%.0f%n", pFirst);
    System.out.printf(Locale.ROOT, "rss_mb_predict_%d=%.0f%n", predicts, pLast);
    System.out.printf(Locale.ROOT, "train_rss_growth=%.3f%n", last / first);
    System.out.printf(Locale.ROOT, "predict_rss_growth=%.3f%n", pLast / pFirst);
    System.out.printf(Locale.ROOT, "train_native_mb_growth=%.0f%n", nativeLast - nativeFirst);
    System.out.printf(Locale.ROOT, "predict_native_mb_growth=%.0f%n", pNativeLast - pNativeFirst);
  }

  /** The long mode: DeepFM and FM trained in turns, then predict calls; RSS after warm-up. */
  private static void longMode(double minutes) throws IOException {
    FeatureSchema.Builder sb = FeatureSchema.builder();
    for (int f = 0; f < 26; f++) {
      sb.add(
          CategoricalSpec.hashed("C" + f)
              .table("C0")
              .space((1 << 20) - 1)
              .embeddingDim(16)
              .build());
    }
    FeatureSchema schema = sb.build();
    List<TrainingBatch> data = EmbeddingScalingBench.makeBatches(1 << 20, 32, 5);
    TrainerConfig config =
        TrainerConfig.defaults().withBatchSize(1024).withTableOptimizer(Optimizer.Adagrad.of(0.05));
    int[] ids = data.get(0).inputs().ints("ids");
    EncodedBatch request =
        EncodedBatch.of(200, Map.of("ids", Arrays.copyOf(ids, 200 * 26)), Map.of());
    long start = System.nanoTime();
    try (Trainer deep =
            new Trainer(
                new DeepFm("click", List.of(400, 400, 400), 1.0, 42).build(schema), config);
        Trainer fm =
            new Trainer(new FactorizationMachine("click", 0.01, 7).build(schema), config)) {
      Trainer[] models = {deep, fm};
      long[] trainSteps = new long[2];
      for (int m = 0; m < 2; m++) {
        for (int s = 0; s < 100; s++) {
          models[m].fit(data.get(s % data.size()));
          trainSteps[m]++;
        }
        for (int c = 0; c < 500; c++) {
          models[m].predict(request, "ctr");
        }
      }
      double warm = rssMb();
      double warmNative = warm - heapMb();
      System.out.printf(
          Locale.ROOT,
          "  warm-up done after %.0f s: rss %.0f MB (java heap committed %.0f MB)%n",
          (System.nanoTime() - start) / 1e9,
          warm,
          heapMb());
      double[] max = {warm};
      long[] nextRead = {System.nanoTime() + 10_000_000_000L};
      long trainEnd = System.nanoTime() + (long) (minutes * 30e9);
      int b = 0;
      while (System.nanoTime() < trainEnd) {
        for (int m = 0; m < 2; m++) {
          for (int s = 0; s < 10; s++) {
            models[m].fit(data.get(b++ % data.size()));
            trainSteps[m]++;
          }
        }
        readEvery10s(nextRead, max, start, "train");
      }
      long predicts = Math.round(1_000_000 * minutes / 30);
      for (long c = 0; c < predicts; c++) {
        models[(int) (c & 1)].predict(request, "ctr");
        if ((c & 255) == 0) {
          readEvery10s(nextRead, max, start, "predict");
        }
      }
      double end = rssMb();
      System.out.printf(Locale.ROOT, "train_steps_deepfm=%d%n", trainSteps[0]);
      System.out.printf(Locale.ROOT, "train_steps_fm=%d%n", trainSteps[1]);
      System.out.printf(Locale.ROOT, "predict_calls=%d%n", predicts);
      System.out.printf(Locale.ROOT, "seconds=%.0f%n", (System.nanoTime() - start) / 1e9);
      System.out.printf(Locale.ROOT, "rss_mb_after_warmup=%.0f%n", warm);
      System.out.printf(Locale.ROOT, "rss_mb_end=%.0f%n", end);
      System.out.printf(Locale.ROOT, "rss_mb_max=%.0f%n", Math.max(max[0], end));
      System.out.printf(Locale.ROOT, "rss_growth_after_warmup=%.3f%n", end / warm);
      System.out.printf(Locale.ROOT, "native_mb_after_warmup=%.0f%n", warmNative);
      System.out.printf(Locale.ROOT, "native_mb_end=%.0f%n", end - heapMb());
    }
  }

  private static void readEvery10s(long[] next, double[] max, long start, String phase)
      throws IOException {
    if (System.nanoTime() < next[0]) {
      return;
    }
    next[0] = System.nanoTime() + 10_000_000_000L;
    double rss = rssMb();
    max[0] = Math.max(max[0], rss);
    System.out.printf(
        Locale.ROOT,
        "  %s t=%.0fs rss %.0f MB (java heap committed %.0f MB)%n",
        phase,
        (System.nanoTime() - start) / 1e9,
        rss,
        heapMb());
  }

  /** The Java heap the JVM has committed, in MB (part of the RSS). */
  static double heapMb() {
    return Runtime.getRuntime().totalMemory() / 1048576.0;
  }

  /** VmRSS of this process in MB. */
  static double rssMb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    }
    return Double.NaN;
  }
}
