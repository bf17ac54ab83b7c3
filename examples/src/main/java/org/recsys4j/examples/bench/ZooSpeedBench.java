package org.recsys4j.examples.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.core.data.TrainingBatch;
import org.recsys4j.core.nd4j.NativeThreads;
import org.recsys4j.core.spec.CategoricalSpec;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.models.layers.interaction.CrossNetworkV2;
import org.recsys4j.models.spec.ModelSpec;
import org.recsys4j.models.train.Optimizer;
import org.recsys4j.models.train.Trainer;
import org.recsys4j.models.train.TrainerConfig;
import org.recsys4j.models.zoo.DcnV2;
import org.recsys4j.models.zoo.DeepFm;
import org.recsys4j.models.zoo.FactorizationMachine;
import org.recsys4j.models.zoo.LogisticRegression;
import org.recsys4j.models.zoo.XDeepFm;
import org.recsys4j.models.zoo.ZooModel;

/**
 * Training speed of the zoo's models in one run: 26 hashed fields × 16 dims (2^16 rows per field
 * table), batch 1024, Adagrad on tables, Adam on dense parameters; DeepFM and DCN-V2 with a
 * 400-400-400 tower, xDeepFM with CIN 128-128 and a 400-400 tower.
 *
 * <p>LR and FM take the trainer's fused path (plain Java, no graph); {@code fm_graph} is the same
 * FM forced onto the SameDiff graph ({@link Trainer#onGraph}), their same-run baseline.
 *
 * <p>Same-run baseline: {@code baseline_mlp_matmul_samples_per_s}, the rate at which ND4J alone
 * runs the forward and backward matrix products of DeepFM's 416-400-400-400-1 tower (three products
 * per layer, no graph), which bounds what any DeepFM step can reach.
 *
 * <p>Arguments: {@code --steps N} (60 timed steps per model), {@code --warmup N} (10), {@code
 * --native-threads N} (1), {@code --only-sequences} (DIN and DIEN only). Prints {@code
 * lr_samples_per_s}, {@code fm_samples_per_s}, {@code fm_graph_samples_per_s}, {@code
 * deepfm_samples_per_s}, {@code dcn_v2_samples_per_s}, {@code xdeepfm_samples_per_s}, {@code
 * din_samples_per_s} and {@code dien_samples_per_s} (T = 50, D = 16, {@link SequenceSpeed}) and the
 * baseline.
 */
public final class ZooSpeedBench {
  private static final int FIELDS = 26;
  private static final int DIM = 16;
  private static final int BATCH = 1024;

  private ZooSpeedBench() {}

  /** Runs the benchmark. */
  public static void main(String[] args) {
    int steps = 60;
    int warmup = 10;
    int nativeThreads = 1;
    boolean onlySequences = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--steps" -> steps = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--native-threads" -> nativeThreads = Integer.parseInt(args[++i]);
        case "--only-sequences" -> onlySequences = true;
        default ->
            throw new IllegalArgumentException(
                "unknown argument "
                    + args[i]
                    + " (expected --steps N, --warmup N, --native-threads N, --only-sequences)");
      }
    }
    FeatureSchema.Builder sb = FeatureSchema.builder();
    for (int f = 0; f < FIELDS; f++) {
      sb.add(CategoricalSpec.hashed("C" + f).space((1 << 16) - 1).embeddingDim(DIM).build());
    }
    FeatureSchema schema = sb.build();
    List<TrainingBatch> data = batches(16, 3);
    List<Integer> tower = List.of(400, 400, 400);
    Map<String, ZooModel> models = new LinkedHashMap<>();
    models.put("lr", LogisticRegression.of("click"));
    models.put("fm", FactorizationMachine.of("click"));
    models.put("fm_graph", FactorizationMachine.of("click"));
    models.put("deepfm", new DeepFm("click", tower, 1.0, 42));
    models.put(
        "dcn_v2",
        new DcnV2(
            "click",
            CrossNetworkV2.lowRank("cross", 3, 64),
            DcnV2.Structure.STACKED,
            tower,
            1.0,
            42));
    models.put("xdeepfm", XDeepFm.of("click"));
    TrainerConfig config =
        TrainerConfig.defaults()
            .withBatchSize(BATCH)
            .withTableOptimizer(Optimizer.Adagrad.of(0.05))
            .withDenseOptimizer(Optimizer.Adam.of(0.001))
            .withNativeThreads(nativeThreads);
    Map<String, Double> rate = new LinkedHashMap<>();
    if (onlySequences) {
      models.clear();
    }
    for (Map.Entry<String, ZooModel> e : models.entrySet()) {
      ModelSpec spec = e.getValue().build(schema);
      try (Trainer t =
          e.getKey().endsWith("_graph")
              ? Trainer.onGraph(spec, config)
              : new Trainer(spec, config)) {
        for (int s = 0; s < warmup; s++) {
          t.fit(data.get(s % data.size()));
        }
        t.resetTimings();
        long t0 = System.nanoTime();
        for (int s = 0; s < steps; s++) {
          t.fit(data.get(s % data.size()));
        }
        double sec = (System.nanoTime() - t0) / 1e9;
        rate.put(e.getKey(), steps * (double) BATCH / sec);
        var tm = t.timings();
        System.out.printf(
            Locale.ROOT,
            "  %s: step %.1f ms (prepare %.1f, graph %.1f, update %.1f)%n",
            e.getKey(),
            sec * 1e3 / steps,
            tm.prepareSeconds() * 1e3 / steps,
            tm.graphSeconds() * 1e3 / steps,
            tm.updateSeconds() * 1e3 / steps);
      }
    }
    rate.putAll(SequenceSpeed.rates(steps, warmup, config)); // din, dien at T=50, D=16
    double baseline = matmulBaseline(steps, nativeThreads);
    for (Map.Entry<String, Double> e : rate.entrySet()) {
      System.out.printf(Locale.ROOT, "%s_samples_per_s=%.0f%n", e.getKey(), e.getValue());
    }
    System.out.printf(Locale.ROOT, "baseline_mlp_matmul_samples_per_s=%.0f%n", baseline);
  }

  /** Samples/s of the tower's bare forward and backward products in ND4J. */
  private static double matmulBaseline(int steps, int nativeThreads) {
    NativeThreads.set(nativeThreads);
    int[] widths = {FIELDS * DIM, 400, 400, 400, 1};
    List<INDArray> w = new ArrayList<>();
    for (int k = 0; k + 1 < widths.length; k++) {
      w.add(Nd4j.rand(DataType.FLOAT, widths[k], widths[k + 1]));
    }
    INDArray x = Nd4j.rand(DataType.FLOAT, BATCH, widths[0]);
    long t0 = 0;
    for (int s = 0; s < steps + 5; s++) {
      if (s == 5) {
        t0 = System.nanoTime();
      }
      List<INDArray> acts = new ArrayList<>();
      INDArray h = x;
      for (INDArray wk : w) {
        acts.add(h);
        h = h.mmul(wk);
      }
      INDArray g = h;
      for (int k = w.size() - 1; k >= 0; k--) {
        acts.get(k).transpose().mmul(g); // weight gradient
        g = g.mmul(w.get(k).transpose()); // input gradient
      }
    }
    return steps * (double) BATCH / ((System.nanoTime() - t0) / 1e9);
  }

  private static List<TrainingBatch> batches(int count, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<TrainingBatch> out = new ArrayList<>();
    for (int b = 0; b < count; b++) {
      int[] ids = new int[BATCH * FIELDS];
      float[] y = new float[BATCH];
      for (int i = 0; i < BATCH; i++) {
        for (int f = 0; f < FIELDS; f++) {
          double logCard = Math.log(10) + (Math.log(6e4) - Math.log(10)) * f / (FIELDS - 1);
          ids[i * FIELDS + f] = 1 + (int) (Math.exp(rnd.nextDouble() * logCard)) % ((1 << 16) - 2);
        }
        y[i] = rnd.nextDouble() < 0.1 + 0.2 * (ids[i * FIELDS] % 2) ? 1f : 0f;
      }
      out.add(TrainingBatch.of(EncodedBatch.of(BATCH, Map.of("ids", ids), Map.of()), "click", y));
    }
    return out;
  }
}
