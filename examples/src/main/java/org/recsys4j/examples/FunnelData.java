package org.recsys4j.examples;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.core.data.TrainingBatch;
import org.recsys4j.eval.Auc;
import org.recsys4j.features.encode.FeatureEncoder;
import org.recsys4j.features.encode.Row;
import org.recsys4j.features.logs.DayLogs;
import org.recsys4j.features.logs.LabeledSample;
import org.recsys4j.features.logs.LogStitcher;
import org.recsys4j.features.logs.Shuffles;
import org.recsys4j.features.logs.StitchResult;
import org.recsys4j.features.sim.FunnelSimulator;
import org.recsys4j.features.sim.FunnelSimulatorConfig;
import org.recsys4j.models.train.Trainer;

/**
 * The simulated funnel as training data, shared by the examples: simulate every day, stitch its
 * logs into labelled exposures, shuffle within the day, encode in batches; the last day is the
 * test day, the others train.
 */
final class FunnelData {
  /** Encoded samples of some days, in batches, with users and oracle probabilities. */
  static final class Days {
    final List<TrainingBatch> batches = new ArrayList<>();
    int n;
    long[] users = new long[0];
    double[] oracle = new double[0];
    float[] labels = new float[0];

    void add(FeatureEncoder encoder, List<Row> rows, float[] y, long[] u, double[] p) {
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
  long exposures;
  long clicks;
  long orders;

  /** Simulates and encodes every day of {@code config}. */
  static FunnelData load(FunnelSimulatorConfig config, FeatureEncoder encoder, int batch) {
    FunnelData d = new FunnelData();
    FunnelSimulator sim = new FunnelSimulator(config);
    while (sim.hasNextDay()) {
      DayLogs logs = sim.nextDay();
      StitchResult stitched = LogStitcher.stitch(logs);
      d.clicks += stitched.report().clicks();
      d.orders += stitched.report().orders();
      List<LabeledSample> samples =
          Shuffles.withinDay(stitched.samples(), config.seed() + logs.day());
      boolean isTest = !sim.hasNextDay();
      Days days = isTest ? d.test : new Days();
      for (int s0 = 0; s0 < samples.size(); s0 += batch) {
        int k = Math.min(batch, samples.size() - s0);
        List<Row> rows = new ArrayList<>(k);
        float[] y = new float[k];
        long[] u = new long[k];
        double[] p = new double[k];
        for (int i = 0; i < k; i++) {
          LabeledSample s = samples.get(s0 + i);
          rows.add(FunnelFeatures.row(s.exposure()));
          y[i] = s.click() ? 1f : 0f;
          u[i] = s.exposure().userId();
          p[i] = s.truth().map(t -> t.pClick()).orElse(Double.NaN);
        }
        days.add(encoder, rows, y, u, p);
      }
      d.exposures += samples.size();
      if (!isTest) {
        d.train.add(days);
      }
    }
    return d;
  }

  /** Rows of the training days. */
  long trainRows() {
    return train.stream().mapToLong(x -> x.n).sum();
  }

  /** One pass over the training days, in day order; returns the mean batch loss. */
  double trainEpoch(Trainer trainer) {
    double loss = 0;
    long batches = 0;
    for (Days d : train) {
      for (TrainingBatch b : d.batches) {
        loss += trainer.fit(b);
        batches++;
      }
    }
    return loss / batches;
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
