package org.recsys4j.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.recsys4j.core.data.BatchSource;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.core.data.MemoryBatchSource;
import org.recsys4j.core.data.Shuffle;
import org.recsys4j.core.data.TrainingBatch;
import org.recsys4j.eval.Auc;
import org.recsys4j.features.encode.FeatureEncoder;
import org.recsys4j.features.encode.Row;
import org.recsys4j.features.logs.LabeledRow;
import org.recsys4j.features.logs.LabeledRowFiles;
import org.recsys4j.features.logs.PipelineReport;
import org.recsys4j.features.logs.StitchConfig;
import org.recsys4j.features.sim.FunnelSimulator;
import org.recsys4j.features.sim.FunnelSimulatorConfig;
import org.recsys4j.features.sim.SimulatorLogs;
import org.recsys4j.models.train.Trainer;

/**
 * The simulated funnel as training data, shared by the examples: the simulator writes its days as
 * log files, the file pipeline stitches them into labelled rows per day, and each day is shuffled
 * and encoded in batches; the last day is the test day, the others train.
 */
final class FunnelData {
  /** Encoded samples of some days, in batches, with users and oracle probabilities. */
  static final class Days {
    final List<TrainingBatch> batches = new ArrayList<>();
    int n;
    long[] users = new long[0];
    double[] oracle = new double[0];
    float[] labels = new float[0];

    void add(FeatureEncoder encoder, List<? extends Row> rows, float[] y, long[] u, double[] p) {
      EncodedBatch x = encoder.encodeBatch(rows);
      batches.add(TrainingBatch.of(x, "click", y));
      int k = rows.size();
      users = Arrays.copyOf(users, n + k);
      oracle = Arrays.copyOf(oracle, n + k);
      labels = Arrays.copyOf(labels, n + k);
      System.arraycopy(u, 0, users, n, k);
      System.arraycopy(p, 0, oracle, n, k);
      System.arraycopy(y, 0, labels, n, k);
      n += k;
    }

    int[] intLabels() {
      int[] y = new int[n];
      for (int i = 0; i < n; i++) {
        y[i] = (int) labels[i];
      }
      return y;
    }
  }

  final List<Days> train = new ArrayList<>();
  final Days test = new Days();
  PipelineReport report;
  int batchSize;

  /**
   * Simulates every day of {@code config}, writes the logs as files under {@code workDir/logs}
   * (after deleting {@code workDir/logs} and {@code workDir/rows} of an earlier run), stitches them
   * with the file pipeline ({@link SimulatorLogs#writeAndStitch}, default attribution windows) into
   * one Arrow file of labelled rows per day under {@code workDir/rows}, then reads each day back,
   * shuffles it (seeded by the config's seed and the day) and encodes it in batches: the rows feed
   * the encoder as they are.
   */
  static FunnelData load(
      FunnelSimulatorConfig config, FeatureEncoder encoder, int batch, Path workDir) {
    FunnelData d = new FunnelData();
    d.batchSize = batch;
    try {
      // day files of an earlier, longer run would otherwise be read as extra days
      deleteRecursively(workDir.resolve("logs"));
      deleteRecursively(workDir.resolve("rows"));
      d.report =
          SimulatorLogs.writeAndStitch(
              new FunnelSimulator(config),
              workDir,
              StitchConfig.defaults(),
              FunnelFeatures.HISTORY_LENGTH);
      List<LabeledRowFiles.DayFile> files = LabeledRowFiles.list(workDir.resolve("rows"));
      for (int f = 0; f < files.size(); f++) {
        LabeledRowFiles.DayFile day = files.get(f);
        List<LabeledRow> rows = new ArrayList<>(LabeledRowFiles.readAll(day.path()));
        java.util.Collections.shuffle(rows, new java.util.Random(config.seed() * 31 + day.day()));
        Days days = f == files.size() - 1 ? d.test : new Days();
        for (int s0 = 0; s0 < rows.size(); s0 += batch) {
          int k = Math.min(batch, rows.size() - s0);
          List<LabeledRow> part = rows.subList(s0, s0 + k);
          float[] y = new float[k];
          long[] u = new long[k];
          double[] p = new double[k];
          for (int i = 0; i < k; i++) {
            LabeledRow r = part.get(i);
            y[i] = r.click() ? 1f : 0f;
            u[i] = Long.parseLong(r.user());
            p[i] = ((Number) r.get("p_click")).doubleValue();
          }
          days.add(encoder, part, y, u, p);
        }
        if (days != d.test) {
          d.train.add(days);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write or read the funnel's log files under " + workDir, e);
    }
    return d;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!java.nio.file.Files.exists(dir)) {
      return;
    }
    try (java.util.stream.Stream<Path> s = java.nio.file.Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        java.nio.file.Files.delete(p);
      }
    }
  }

  /** Rows of the training days. */
  long trainRows() {
    return train.stream().mapToLong(x -> x.n).sum();
  }

  /**
   * The training days as a batch source for {@code FitLoop}: days in order, each day's rows in the
   * order of their one shuffle at load ({@link Shuffle#NONE}, so the batches pass through).
   */
  BatchSource trainSource() {
    return MemoryBatchSource.ofDays(
        train.stream().map(x -> x.batches).toList(), batchSize, Shuffle.NONE, 0);
  }

  /** The test day as a batch source, in order. */
  BatchSource testSource() {
    return MemoryBatchSource.of(test.batches, batchSize);
  }

  /** The trainer's click probabilities for the test day. */
  double[] predictTest(Trainer trainer) {
    double[] out = new double[test.n];
    int at = 0;
    for (TrainingBatch b : test.batches) {
      float[] p = trainer.predict(b.inputs(), "ctr");
      for (float v : p) {
        out[at++] = v;
      }
    }
    return out;
  }

  /** The oracle's AUC on the test day. */
  double oracleAuc() {
    return Auc.exact(test.oracle, test.intLabels());
  }
}
