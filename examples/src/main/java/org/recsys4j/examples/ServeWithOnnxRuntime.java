package org.recsys4j.examples;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.eval.Auc;
import org.recsys4j.features.encode.FeatureEncoder;
import org.recsys4j.features.logs.LabeledRow;
import org.recsys4j.features.logs.LabeledRowFiles;
import org.recsys4j.features.sim.FunnelSimulatorConfig;
import org.recsys4j.models.export.ExportInput;
import org.recsys4j.models.export.ExportProgram;
import org.recsys4j.models.export.ExportPrograms;
import org.recsys4j.models.export.ModelPackage;
import org.recsys4j.models.export.OnnxExporter;
import org.recsys4j.models.export.PackageMetadata;
import org.recsys4j.models.export.ValueType;
import org.recsys4j.models.fit.FitLoop;
import org.recsys4j.models.fit.FitOptions;
import org.recsys4j.models.serve.FieldSplit;
import org.recsys4j.models.serve.ScoringModel;
import org.recsys4j.models.train.Trainer;
import org.recsys4j.models.train.TrainerConfig;
import org.recsys4j.models.zoo.DeepFm;

/**
 * Train here, serve in ONNX Runtime: trains a small DeepFM on the simulated funnel (days 1..n−1),
 * writes a model package (ONNX, SavedModel, snapshot, schema, checksums), reads it back (verifying
 * every checksum), encodes one raw request of 1 user × N candidates with the {@link
 * FeatureEncoder}, scores it with an ONNX Runtime session on the package's {@code model.onnx} and
 * compares the scores with the in-JVM scorer ({@link ScoringModel}) loaded from the same package.
 *
 * <p>The request: the user, hour, device and segment of the test day's first row; the item,
 * category and price bucket of the test day's first N distinct items; position 1 for all.
 *
 * <p>Arguments (all optional): {@code --days N} (4), {@code --users N} (600), {@code --seed N} (7),
 * {@code --candidates N} (200), {@code --out DIR} ({@code target/serve-onnx}).
 *
 * <p>Prints, last: {@code candidates}, {@code test_auc}, {@code max_abs_diff} (ONNX Runtime vs
 * in-JVM, expected below 1e-5), {@code ort_ms} (one session run), {@code package}.
 */
public final class ServeWithOnnxRuntime {
  private static final int BATCH = 512;
  private static final int DIM = 8;
  private static final List<String> USER_SIDE = List.of("user", "hour", "device", "segment");
  private static final List<String> ITEM_SIDE = List.of("item", "category", "price_bucket");

  private ServeWithOnnxRuntime() {}

  /** Runs the example. */
  public static void main(String[] args) throws IOException, OrtException {
    int days = 4;
    int users = 600;
    long seed = 7;
    int candidates = 200;
    Path out = Path.of("target", "serve-onnx");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--days" -> days = Integer.parseInt(args[++i]);
        case "--users" -> users = Integer.parseInt(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--candidates" -> candidates = Integer.parseInt(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        default ->
            throw new IllegalArgumentException(
                "unknown argument "
                    + args[i]
                    + " (expected --days, --users, --seed, --candidates, --out DIR)");
      }
    }
    FeatureSchema schema = FunnelFeatures.schema(DIM);
    FeatureEncoder encoder = FeatureEncoder.of(schema);
    FunnelSimulatorConfig config =
        FunnelFmExample.world().seed(seed).numDays(days).numUsers(users).build();
    FunnelData data = FunnelData.load(config, encoder, BATCH, out.resolve("logs"));
    List<LabeledRowFiles.DayFile> files = LabeledRowFiles.list(out.resolve("logs").resolve("rows"));

    DeepFm model = new DeepFm("click", List.of(64, 32), 1.0, seed);
    Trainer trainer =
        new Trainer(model.build(schema), TrainerConfig.defaults().withBatchSize(BATCH));
    FitLoop.of(trainer).fit(data.trainSource(), null, FitOptions.epochs(1));
    double auc = Auc.exact(data.predictTest(trainer), data.test.intLabels());

    Path modelDir = out.resolve("packages").resolve(model.name());
    int version =
        ModelPackage.latestVersion(modelDir)
                .map(p -> Integer.parseInt(p.getFileName().toString()))
                .orElse(0)
            + 1;
    PackageMetadata meta =
        PackageMetadata.of(
            files.get(0).date().toString(),
            files.get(files.size() - 2).date().toString(),
            Map.of("auc", auc));
    ModelPackage.write(
        modelDir, version, trainer.snapshot(), schema, meta, OnnxExporter.defaults());
    ModelPackage pkg = ModelPackage.read(modelDir.resolve(Integer.toString(version)));

    EncodedBatch request =
        encoder.encodeMaps(request(files.get(files.size() - 1).path(), candidates));
    trainer.close();
    // the in-JVM scorer, loaded from the same package (checksums verified)
    ScoringModel scorer = ScoringModel.read(pkg.dir(), FieldSplit.NONE);
    float[] inJvm = scorer.score(request).head("ctr");
    ExportProgram program = ExportPrograms.of(pkg.snapshot());
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    float[] ort;
    long t0;
    long t1;
    try (OrtSession session =
        env.createSession(pkg.onnxFile().toString(), new OrtSession.SessionOptions())) {
      Map<String, OnnxTensor> feeds = feeds(env, program, request);
      session.run(feeds).close(); // warm-up
      t0 = System.nanoTime();
      try (OrtSession.Result r = session.run(feeds)) {
        t1 = System.nanoTime();
        float[][] p = (float[][]) r.get("ctr").orElseThrow().getValue();
        ort = new float[p.length];
        for (int i = 0; i < p.length; i++) {
          ort[i] = p[i][0];
        }
      } finally {
        feeds.values().forEach(OnnxTensor::close);
      }
    }
    double maxDiff = 0;
    int best = 0;
    for (int i = 0; i < ort.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(ort[i] - inJvm[i]));
      best = ort[i] > ort[best] ? i : best;
    }
    System.out.printf(
        Locale.ROOT,
        "package %s version %d (trained on %s..%s, test AUC %.4f); best candidate #%d p=%.4f%n",
        model.name(),
        version,
        meta.trainingDataFrom(),
        meta.trainingDataTo(),
        auc,
        best,
        ort[best]);
    System.out.printf(Locale.ROOT, "candidates=%d%n", ort.length);
    System.out.printf(Locale.ROOT, "test_auc=%.4f%n", auc);
    System.out.printf(Locale.ROOT, "max_abs_diff=%.3e%n", maxDiff);
    System.out.printf(Locale.ROOT, "ort_ms=%.3f%n", (t1 - t0) / 1e6);
    System.out.println("package=" + pkg.dir().toAbsolutePath());
  }

  /** One user × {@code n} distinct items of the test day, as raw rows of feature values. */
  private static List<Map<String, Object>> request(Path testDay, int n) throws IOException {
    List<LabeledRow> rows = LabeledRowFiles.readAll(testDay);
    LabeledRow user = rows.get(0);
    Set<Object> seen = new LinkedHashSet<>();
    List<Map<String, Object>> out = new ArrayList<>();
    for (LabeledRow r : rows) {
      if (out.size() == n) {
        break;
      }
      if (!seen.add(r.get("item"))) {
        continue;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      for (String f : USER_SIDE) {
        m.put(f, user.get(f));
      }
      for (String f : ITEM_SIDE) {
        m.put(f, r.get(f));
      }
      m.put("position", 1);
      out.add(m);
    }
    if (out.size() < n) {
      throw new UncheckedIOException(
          new IOException("the test day has " + out.size() + " distinct items, fewer than " + n));
    }
    return out;
  }

  /** The ONNX inputs of {@code batch}: int64 ids, float numerics, as the program names them. */
  private static Map<String, OnnxTensor> feeds(
      OrtEnvironment env, ExportProgram program, EncodedBatch batch) throws OrtException {
    Map<String, OnnxTensor> feeds = new HashMap<>();
    for (ExportInput in : program.inputs()) {
      long[] shape = {batch.size(), in.width()};
      if (in.type() == ValueType.INT64) {
        int[] ids = batch.ints(in.name());
        long[] l = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
          l[i] = ids[i];
        }
        feeds.put(in.name(), OnnxTensor.createTensor(env, LongBuffer.wrap(l), shape));
      } else {
        feeds.put(
            in.name(),
            OnnxTensor.createTensor(env, FloatBuffer.wrap(batch.floats(in.name())), shape));
      }
    }
    return feeds;
  }
}
