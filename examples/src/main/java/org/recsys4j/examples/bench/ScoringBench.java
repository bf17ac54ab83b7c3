package org.recsys4j.examples.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.core.data.TrainingBatch;
import org.recsys4j.core.spec.CategoricalSpec;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.models.export.ExportPrograms;
import org.recsys4j.models.export.OnnxExporter;
import org.recsys4j.models.serve.FieldSplit;
import org.recsys4j.models.serve.ScoringModel;
import org.recsys4j.models.serve.ScoringPath;
import org.recsys4j.models.serve.ScoringRequest;
import org.recsys4j.models.spec.ModelSpec;
import org.recsys4j.models.train.Optimizer;
import org.recsys4j.models.train.Trainer;
import org.recsys4j.models.train.TrainerConfig;
import org.recsys4j.models.zoo.DeepFm;
import org.recsys4j.models.zoo.FactorizationMachine;
import org.recsys4j.models.zoo.ZooModel;

/**
 * Scoring latency of one user against N candidates, for N = 1, 200 and 1000, through the {@link
 * ScoringModel} of FM (fused path) and DeepFM (graph path, tower 400-400-400), against ONNX Runtime
 * (one intra-op thread, all graph optimizations) on the model exported by {@link OnnxExporter}, and
 * {@code Trainer.predict}, both on the same parameters and the same (broadcast) rows in the same
 * run. ONNX Runtime's time includes the ids' conversion to int64 and reading the result back.
 *
 * <p>Schema: 26 hashed fields {@code C0..C25} of {@code 2^16-1} ids, dim 16 (as {@code
 * ZooSpeedBench}); the user side is {@code C0..C12}, the candidates supply {@code C13..C25}.
 * Parameters: a few training steps from the recipes' seeds. Each figure is the p50 or p99 of {@code
 * --requests} calls (default 400; 200 for N=1000) after as many warm-up calls, on one thread, each
 * call on a fresh random request of ids. Prints, last, {@code <model>_<N>_p50_us=}, {@code
 * <model>_<N>_p99_us=}, {@code trainer_<model>_<N>_p50_us=}, {@code trainer_<model>_<N>_p99_us=},
 * {@code ort_<model>_<N>_p50_us=}, {@code ort_<model>_<N>_p99_us=}, {@code fm_graph_<N>_p50_us=}
 * (FM forced onto the graph path), {@code scorer_vs_trainer_ratio_<model>_200=}, {@code
 * scorer_vs_ort_ratio_<model>_200=} (p50 over p50) and {@code scorer_vs_ort_ratio_200=} (DeepFM's);
 * each latency also as the calling thread's CPU time ({@code _cpu_p50_us}), which a loaded machine
 * disturbs less. Run with {@code -XX:ParallelGCThreads=1 -XX:ConcGCThreads=1} (default G1 threads
 * cause p90 spikes on 2 cores), {@code -XX:+UseTransparentHugePages} (fewer TLB misses on the
 * tables) and, optionally, {@code -Dorg.bytedeco.javacpp.maxPhysicalBytes=0} (no memory check per
 * native allocation); see docs/serving.md.
 */
public final class ScoringBench {
  private static final int FIELDS = 26;
  private static final int USER_FIELDS = 13;
  private static final int DIM = 16;
  private static final int SPACE = (1 << 16) - 1;
  private static final int[] SIZES = {1, 200, 1000};

  private ScoringBench() {}

  /**
   * Runs the benchmark.
   *
   * @param args {@code --requests N} (calls timed per figure)
   */
  public static void main(String[] args) throws IOException, OrtException {
    int requests = 400;
    List<String> only = List.of("fm", "deepfm");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--requests" -> requests = Integer.parseInt(args[++i]);
        case "--models" -> only = List.of(args[++i].split(","));
        default ->
            throw new IllegalArgumentException(
                "unknown argument " + args[i] + " (expected --requests N, --models fm,deepfm)");
      }
    }
    FeatureSchema.Builder sb = FeatureSchema.builder();
    List<String> user = new ArrayList<>();
    for (int f = 0; f < FIELDS; f++) {
      sb.add(CategoricalSpec.hashed("C" + f).space(SPACE).embeddingDim(DIM).build());
      if (f < USER_FIELDS) {
        user.add("C" + f);
      }
    }
    FeatureSchema schema = sb.build();
    FieldSplit split = new FieldSplit(new java.util.HashSet<>(user));
    Map<String, ZooModel> models = new LinkedHashMap<>();
    models.put("fm", FactorizationMachine.of("click"));
    models.put("deepfm", new DeepFm("click", List.of(400, 400, 400), 1.0, 42));
    Map<String, Double> results = new LinkedHashMap<>();
    models.keySet().retainAll(only);
    for (Map.Entry<String, ZooModel> e : models.entrySet()) {
      String name = e.getKey();
      ModelSpec spec = e.getValue().build(schema);
      try (Trainer trainer =
          new Trainer(
              spec,
              TrainerConfig.defaults()
                  .withBatchSize(256)
                  .withTableOptimizer(Optimizer.Adagrad.of(0.05))
                  .withDenseOptimizer(Optimizer.Adam.of(0.001)))) {
        SplittableRandom r = new SplittableRandom(1);
        for (int s = 0; s < 3; s++) {
          float[] y = new float[256];
          for (int i = 0; i < y.length; i++) {
            y[i] = r.nextInt(4) == 0 ? 1f : 0f;
          }
          trainer.fit(TrainingBatch.of(ids(256, r), "click", y));
        }
        ScoringModel scorer = ScoringModel.of(trainer.snapshot(), split, name + "-bench");
        Path onnx = Files.createTempFile("scoring-bench-" + name, ".onnx");
        OnnxExporter.defaults().write(ExportPrograms.of(trainer.snapshot()), onnx);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(1); // as ND4J's one native thread: both run on the caller
        options.setInterOpNumThreads(1);
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        OrtSession ort = env.createSession(onnx.toString(), options);
        ScoringModel graph =
            name.equals("fm")
                ? ScoringModel.of(trainer.snapshot(), split, "fm-graph", ScoringPath.GRAPH)
                : null;
        for (int n : SIZES) {
          int calls = n >= 1000 ? Math.max(1, requests / 2) : requests;
          long[][] us = time(calls, n, req -> scorer.score(req).head("ctr")[0]);
          put(results, name + "_" + n, us);
          long[][] base = time(calls, n, req -> trainer.predict(broadcast(req), "ctr")[0]);
          put(results, "trainer_" + name + "_" + n, base);
          long[][] o = time(calls, n, req -> ortScore(env, ort, broadcast(req))[0]);
          put(results, "ort_" + name + "_" + n, o);
          if (graph != null) {
            long[][] g = time(calls, n, req -> graph.score(req).head("ctr")[0]);
            results.put("fm_graph_" + n + "_p50_us", percentile(g[0], 0.50));
            results.put("fm_graph_" + n + "_cpu_p50_us", percentile(g[1], 0.50));
          }
        }
        results.put(
            "scorer_vs_trainer_ratio_" + name + "_200",
            results.get(name + "_200_p50_us") / results.get("trainer_" + name + "_200_p50_us"));
        results.put(
            "scorer_vs_ort_ratio_" + name + "_200",
            results.get(name + "_200_p50_us") / results.get("ort_" + name + "_200_p50_us"));
        results.put(
            "scorer_vs_ort_cpu_ratio_" + name + "_200",
            results.get(name + "_200_cpu_p50_us") / results.get("ort_" + name + "_200_cpu_p50_us"));
        ort.close();
        Files.delete(onnx);
      }
    }
    if (results.containsKey("scorer_vs_ort_ratio_deepfm_200")) {
      results.put("scorer_vs_ort_ratio_200", results.get("scorer_vs_ort_ratio_deepfm_200"));
    }
    for (Map.Entry<String, Double> e : results.entrySet()) {
      System.out.printf(Locale.ROOT, "%s=%.2f%n", e.getKey(), e.getValue());
    }
  }

  private interface Call {
    float run(ScoringRequest request) throws OrtException;
  }

  /**
   * ONNX Runtime's probabilities for {@code rows}: int64 ids in, head {@code ctr} out (what a
   * server calling ONNX Runtime does per request, conversions included).
   */
  private static float[] ortScore(OrtEnvironment env, OrtSession session, EncodedBatch rows)
      throws OrtException {
    int[] ids = rows.ints("ids");
    long[] l = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      l[i] = ids[i];
    }
    try (OnnxTensor t =
            OnnxTensor.createTensor(env, LongBuffer.wrap(l), new long[] {rows.size(), FIELDS});
        OrtSession.Result r = session.run(Map.of("ids", t))) {
      float[][] p = (float[][]) r.get("ctr").orElseThrow().getValue();
      float[] out = new float[p.length];
      for (int i = 0; i < p.length; i++) {
        out[i] = p[i][0];
      }
      return out;
    }
  }

  private static void put(Map<String, Double> results, String key, long[][] ns) {
    results.put(key + "_p50_us", percentile(ns[0], 0.50));
    results.put(key + "_p99_us", percentile(ns[0], 0.99));
    results.put(key + "_cpu_p50_us", percentile(ns[1], 0.50));
    results.put(key + "_cpu_p99_us", percentile(ns[1], 0.99));
  }

  /**
   * Nanoseconds of {@code calls} calls after as many warm-up calls, each on a fresh request: wall
   * clock ({@code [0]}) and the calling thread's CPU time ({@code [1]}, which ND4J's single native
   * thread runs on too), the latter less disturbed by other processes on a shared machine.
   */
  private static long[][] time(int calls, int n, Call call) throws OrtException {
    SplittableRandom r = new SplittableRandom(n);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    float sink = 0;
    long[][] ns = new long[2][calls];
    for (int k = -calls; k < calls; k++) {
      ScoringRequest req = new ScoringRequest(ids(1, r), ids(n, r));
      long c0 = mx.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      sink += call.run(req);
      long t1 = System.nanoTime();
      long c1 = mx.getCurrentThreadCpuTime();
      if (k >= 0) {
        ns[0][k] = t1 - t0;
        ns[1][k] = c1 - c0;
      }
    }
    if (sink == 42f) {
      System.out.println("sink");
    }
    return ns;
  }

  /** {@code n} rows of random ids in every field. */
  private static EncodedBatch ids(int n, SplittableRandom r) {
    int[] ids = new int[n * FIELDS];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = 1 + r.nextInt(SPACE - 1);
    }
    Map<String, int[]> ints = new LinkedHashMap<>();
    ints.put("ids", ids);
    return EncodedBatch.of(n, ints, Map.of());
  }

  /** The request's rows for {@code Trainer.predict}: each candidate with the user's fields. */
  private static EncodedBatch broadcast(ScoringRequest req) {
    int n = req.size();
    int[] u = req.user().ints("ids");
    int[] ids = req.candidates().ints("ids").clone();
    for (int b = 0; b < n; b++) {
      System.arraycopy(u, 0, ids, b * FIELDS, USER_FIELDS);
    }
    Map<String, int[]> ints = new LinkedHashMap<>();
    ints.put("ids", ids);
    return EncodedBatch.of(n, ints, Map.of());
  }

  private static double percentile(long[] ns, double q) {
    long[] s = ns.clone();
    Arrays.sort(s);
    int i = (int) Math.ceil(q * s.length) - 1;
    return s[Math.max(0, Math.min(s.length - 1, i))] / 1e3;
  }
}
