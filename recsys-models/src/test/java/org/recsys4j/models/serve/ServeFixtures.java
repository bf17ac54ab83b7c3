package org.recsys4j.models.serve;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.core.data.TrainingBatch;
import org.recsys4j.core.spec.CategoricalSpec;
import org.recsys4j.core.spec.EncodedLayout;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.core.spec.NumericSpec;
import org.recsys4j.core.spec.SequenceSpec;
import org.recsys4j.models.builder.ModelBuilder;
import org.recsys4j.models.builder.Ref;
import org.recsys4j.models.layers.combine.LogitSum;
import org.recsys4j.models.layers.dense.Mlp;
import org.recsys4j.models.layers.embedding.BagPooling;
import org.recsys4j.models.layers.interaction.FmCross;
import org.recsys4j.models.layers.sequence.AttentionNormalization;
import org.recsys4j.models.layers.structure.Concat;
import org.recsys4j.models.layers.structure.Flatten;
import org.recsys4j.models.params.ModelSnapshot;
import org.recsys4j.models.spec.ModelSpec;
import org.recsys4j.models.train.Optimizer;
import org.recsys4j.models.train.Trainer;
import org.recsys4j.models.train.TrainerConfig;
import org.recsys4j.models.zoo.DeepFm;
import org.recsys4j.models.zoo.Dien;
import org.recsys4j.models.zoo.Din;
import org.recsys4j.models.zoo.FactorizationMachine;
import org.recsys4j.models.zoo.LogisticRegression;

/**
 * A small user x item schema, models over it trained a few steps on ids from the lower half of each
 * table (so the upper half stays unseen), and random requests including padding and unseen ids.
 */
final class ServeFixtures {
  /**
   * The user-side features: user id and city columns of "ids", the age column of "dense", the
   * history.
   */
  static final FieldSplit SPLIT = FieldSplit.userSide("user", "city", "age", "history");

  static final int MAX_LEN = 3;

  /**
   * Models by name: lr, fm, fm_masked (FM with masks passed), fm_sampled (negatives down-sampled),
   * deepfm, history (a pooled sequence), din (attention over the history), dien (GRU + AUGRU with
   * its training-only auxiliary loss and negatives).
   */
  static final List<String> MODELS =
      List.of("lr", "fm", "fm_masked", "fm_sampled", "deepfm", "history", "din", "dien");

  private static final Map<String, Trained> TRAINED = new ConcurrentHashMap<>();

  private ServeFixtures() {}

  /** A trained model: its trainer (for Trainer.predict) and its snapshot. */
  record Trained(Trainer trainer, ModelSnapshot snapshot) {}

  static FeatureSchema schema() {
    return schema(20);
  }

  /** The schema with {@code userSpace} user ids (another value is another model's schema). */
  static FeatureSchema schema(int userSpace) {
    return FeatureSchema.builder()
        .add(CategoricalSpec.hashed("user").space(userSpace).embeddingDim(4).build())
        .add(CategoricalSpec.hashed("city").space(7).embeddingDim(4).build())
        .add(CategoricalSpec.hashed("item").space(30).embeddingDim(4).build())
        .add(CategoricalSpec.hashed("cat").space(6).embeddingDim(4).build())
        .add(NumericSpec.normalized("age").mean(0).std(1).build())
        .add(NumericSpec.normalized("price").mean(0).std(1).build())
        .add(
            SequenceSpec.builder("history")
                .space(30)
                .maxLen(MAX_LEN)
                .table("item")
                .embeddingDim(4)
                .build())
        .build();
  }

  static ModelSpec spec(String model, FeatureSchema schema) {
    return switch (model) {
      case "lr" -> LogisticRegression.of("click").build(schema);
      case "fm" -> FactorizationMachine.of("click").build(schema);
      case "fm_masked" -> {
        ModelBuilder b = ModelBuilder.forSchema(schema).name("fm_masked").initStd(0.1);
        Ref linear = b.linear(EncodedLayout.IDS);
        Ref fm = b.apply(FmCross.of("fm"), b.embed(EncodedLayout.IDS));
        Ref logit = b.apply(LogitSum.of("logit", 3).withBias(true), linear, fm, linear);
        yield b.head("ctr", logit, "click").build();
      }
      case "fm_sampled" -> {
        // negatives down-sampled to a quarter: scores are corrected by log r in inference
        ModelBuilder b = ModelBuilder.forSchema(schema).name("fm_sampled").initStd(0.1);
        Ref linear = b.linear(EncodedLayout.IDS);
        Ref fm = b.apply(FmCross.of("fm"), b.embed(EncodedLayout.IDS).withoutMask());
        Ref logit = b.apply(LogitSum.of("logit", 2), linear, fm);
        yield b.head(
                org.recsys4j.models.spec.Head.logit("ctr", logit.name(), "click")
                    .withNegativeSampleRate(0.25))
            .build();
      }
      case "deepfm" -> new DeepFm("click", List.of(8), 1.0, 3).build(schema);
      case "history" -> {
        ModelBuilder b = ModelBuilder.forSchema(schema).name("history").initStd(0.1);
        Ref flat = b.apply(Flatten.of("flat"), b.embed(EncodedLayout.IDS).withoutMask());
        Ref pooled = b.apply(BagPooling.mean("pool"), b.embed("history"));
        Ref in = b.apply(Concat.of("in", 3), flat, pooled, b.numeric(EncodedLayout.DENSE));
        Ref logit = b.apply(Mlp.of("deep", 8, 1), in);
        yield b.head("ctr", logit, "click").build();
      }
      case "din" ->
          Din.of(
                  "click",
                  "history",
                  "item",
                  List.of(4),
                  AttentionNormalization.SOFTMAX,
                  List.of(8),
                  1.0,
                  3)
              .build(schema);
      case "dien" ->
          new Dien("click", "history", "item", List.of(4), List.of(8), 1.0, 1.0, 3).build(schema);
      default -> throw new IllegalArgumentException(model);
    };
  }

  /** The model trained 6 steps (cached: trainers are reused across tries). */
  static Trained trained(String model) {
    return TRAINED.computeIfAbsent(
        model,
        m -> {
          ModelSpec spec = spec(m, schema());
          Trainer t =
              new Trainer(
                  spec,
                  TrainerConfig.defaults()
                      .withBatchSize(32)
                      .withTableOptimizer(Optimizer.Adagrad.of(0.2))
                      .withDenseOptimizer(Optimizer.Adam.of(0.02)));
          SplittableRandom r = new SplittableRandom(7);
          for (int s = 0; s < 6; s++) {
            EncodedBatch x = rows(spec, 32, r, true);
            float[] y = new float[32];
            for (int i = 0; i < 32; i++) {
              y[i] = r.nextInt(3) == 0 ? 1f : 0f;
            }
            t.fit(TrainingBatch.of(x, "click", y));
          }
          return new Trained(t, t.snapshot());
        });
  }

  /**
   * {@code n} random rows of every input of {@code spec}: ids in the lower half of each table when
   * {@code seen}, else anywhere in it (padding 0 and unseen ids included); sequences with random
   * lengths 0..maxLen (padding in front); numbers Gaussian.
   */
  static EncodedBatch rows(ModelSpec spec, int n, SplittableRandom r, boolean seen) {
    Map<String, int[]> ints = new LinkedHashMap<>();
    Map<String, float[]> floats = new LinkedHashMap<>();
    for (var in : spec.inputs()) {
      int w = in.width();
      if (in.kind() == org.recsys4j.models.spec.InputKind.NEGATIVES) {
        continue; // sampled by the trainer, never given
      }
      switch (in.kind()) {
        case NUMERIC -> {
          float[] v = new float[n * w];
          for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
          }
          floats.put(in.name(), v);
        }
        case IDS -> {
          int[] ids = new int[n * w];
          for (int i = 0; i < ids.length; i++) {
            ids[i] = id(tableRows(in.tableAt(i % w)), r, seen);
          }
          ints.put(in.name(), ids);
        }
        default -> {
          int[] ids = new int[n * w];
          float[] mask = new float[n * w];
          int rows = tableRows(in.tableAt(0));
          for (int b = 0; b < n; b++) {
            int len = r.nextInt(w + 1);
            for (int t = w - len; t < w; t++) {
              ids[b * w + t] = 1 + r.nextInt(seen ? rows / 2 : rows - 1);
              mask[b * w + t] = 1f;
            }
          }
          ints.put(in.name(), ids);
          floats.put(in.maskKey(), mask);
        }
      }
    }
    return EncodedBatch.of(n, ints, floats);
  }

  /**
   * Writes {@code snapshot} as version {@code version} of a model package under {@code modelDir}.
   */
  static java.nio.file.Path writePackage(
      java.nio.file.Path modelDir, int version, ModelSnapshot snapshot, FeatureSchema schema)
      throws java.io.IOException {
    return org.recsys4j.models.export.ModelPackage.write(
            modelDir,
            version,
            snapshot,
            schema,
            org.recsys4j.models.export.PackageMetadata.of("2026-11-01", "2026-11-28", Map.of()),
            org.recsys4j.models.export.OnnxExporter.defaults())
        .dir();
  }

  /** The rows of table {@code table} of {@link #schema()}. */
  static int tableRows(String table) {
    return schema().tables().stream()
        .filter(t -> t.name().equals(table))
        .findFirst()
        .orElseThrow()
        .rows();
  }

  private static int id(int rows, SplittableRandom r, boolean seen) {
    return seen ? 1 + r.nextInt(rows / 2) : r.nextInt(rows);
  }

  /**
   * The rows a request stands for: candidate {@code i} with the user's values in the user-side
   * positions (as {@code Trainer.predict} must see them).
   */
  static EncodedBatch broadcast(ModelSpec spec, ScoringRequest request) {
    int n = request.size();
    Map<String, int[]> ints = new LinkedHashMap<>();
    Map<String, float[]> floats = new LinkedHashMap<>();
    for (var in : spec.inputs()) {
      int w = in.width();
      if (in.kind() == org.recsys4j.models.spec.InputKind.NEGATIVES) {
        continue; // sampled by the trainer, never given
      }
      boolean whole = SPLIT.isUser(in.name());
      if (in.kind() == org.recsys4j.models.spec.InputKind.NUMERIC) {
        float[] u = request.user().floats().get(in.name());
        float[] c = request.candidates().floats().get(in.name());
        float[] out = new float[n * w];
        for (int i = 0; i < out.length; i++) {
          int f = i % w;
          out[i] = whole || SPLIT.isUser(in.positionName(f)) ? u[f] : c[i];
        }
        floats.put(in.name(), out);
        continue;
      }
      int[] u = request.user().ints().get(in.name());
      int[] c = request.candidates().ints().get(in.name());
      int[] out = new int[n * w];
      for (int i = 0; i < out.length; i++) {
        int f = i % w;
        boolean user =
            whole
                || (in.kind() == org.recsys4j.models.spec.InputKind.IDS
                    && SPLIT.isUser(in.positionName(f)));
        out[i] = user ? u[f] : c[i];
      }
      ints.put(in.name(), out);
      if (in.kind() != org.recsys4j.models.spec.InputKind.IDS) {
        float[] m = new float[n * w];
        for (int i = 0; i < m.length; i++) {
          m[i] = out[i] != 0 ? 1f : 0f;
        }
        floats.put(in.maskKey(), m);
      }
    }
    return EncodedBatch.of(n, ints, floats);
  }

  /** A random request of {@code n} candidates, padding and unseen ids included. */
  static ScoringRequest request(ModelSpec spec, int n, SplittableRandom r) {
    return new ScoringRequest(rows(spec, 1, r, false), rows(spec, n, r, false));
  }
}
