package org.recsys4j.examples.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.core.data.TrainingBatch;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.eval.Auc;
import org.recsys4j.features.encode.FeatureEncoder;
import org.recsys4j.features.encode.Row;
import org.recsys4j.features.io.DelimitedFormat;
import org.recsys4j.features.io.DelimitedReader;
import org.recsys4j.features.io.ErrorPolicy;
import org.recsys4j.models.spec.ModelSpec;
import org.recsys4j.models.train.Optimizer;
import org.recsys4j.models.train.Trainer;
import org.recsys4j.models.train.TrainerConfig;
import org.recsys4j.models.zoo.Mmoe;
import org.recsys4j.models.zoo.Ple;
import org.recsys4j.models.zoo.SharedBottom;
import org.recsys4j.models.zoo.ZooModel;

/**
 * MMoE and PLE on UCI census-income (KDD), the data of the MMoE paper, against a shared-bottom
 * model and two single-task models with about the same number of dense parameters: task {@code
 * income} ({@code label}, income above 50k) and task {@code marital} ({@code label2}, never
 * married).
 *
 * <p>Protocol: the schema is fitted on {@code train.csv} ({@link CanonicalFeatures}, dim {@value
 * #DIM}); every model trains {@value #EPOCHS} epochs (fixed in advance, batches in a seeded order,
 * Adagrad for the tables, Adam for the rest) and scores {@code test.csv} once. Budgets: experts of
 * {@value #EXPERT_UNITS} units, towers of {@value #TOWER} units; MMoE has {@value #MMOE_EXPERTS}
 * experts, PLE one level of {@value #PLE_TASK_EXPERTS} experts per task plus {@value
 * #PLE_SHARED_EXPERTS} shared, the shared bottom {@code 4·}{@value #EXPERT_UNITS} units and each
 * single-task model a bottom of {@code 2·}{@value #EXPERT_UNITS}: the dense parameter counts are
 * printed beside the AUCs.
 *
 * <p>Prints {@code census_<model>_auc_income=} and {@code census_<model>_auc_marital=} for {@code
 * single} (the two single-task models), {@code shared_bottom}, {@code mmoe} and {@code ple}, and
 * {@code census_<model>_params=}.
 */
final class CensusMultiTask {
  /** The data set's folder name under the data directory. */
  static final String DATASET = "census-income";

  static final int DIM = 4;
  static final int EPOCHS = 3;
  static final int BATCH = 512;
  static final int EXPERT_UNITS = 16;
  static final int TOWER = 8;
  static final int MMOE_EXPERTS = 4;
  static final int PLE_TASK_EXPERTS = 1;
  static final int PLE_SHARED_EXPERTS = 2;
  static final long SEED = 7;

  private static final List<String> TASKS = List.of("income", "marital");

  private CensusMultiTask() {}

  /**
   * Runs the comparison on the census data under {@code data}, or prints how to create it.
   *
   * @return the figures, {@code name=value}
   */
  static List<String> run(Path data) throws IOException {
    Optional<Path> dir = CanonicalTable.locate(data, DATASET);
    if (dir.isEmpty()) {
      System.out.println(ZooBenchmark.missingMessage(data, DATASET));
      return List.of();
    }
    CanonicalTable train = CanonicalTable.read(dir.get().resolve("train.csv"));
    CanonicalTable test = CanonicalTable.read(dir.get().resolve("test.csv"));
    float[] trainMarital = secondLabel(dir.get().resolve("train.csv"));
    float[] testMarital = secondLabel(dir.get().resolve("test.csv"));
    FeatureSchema schema = CanonicalFeatures.fit(train, train.size(), DIM, 5, 10);
    List<TrainingBatch> fit = batches(schema, train, trainMarital, new SplittableRandom(SEED));
    List<TrainingBatch> scored = batches(schema, test, testMarital, null);
    System.out.printf(
        Locale.ROOT,
        "%s (%s): train %d rows, test %d rows, %d features; income rate %.3f, marital rate %.3f%n",
        DATASET,
        dir.get(),
        train.size(),
        test.size(),
        schema.features().size(),
        mean(train.labels()),
        mean(trainMarital));
    int[][] truth = {toInts(test.labels()), toInts(testMarital)};
    List<Integer> tower = List.of(TOWER);
    List<Integer> experts = List.of(EXPERT_UNITS);
    List<String> figures = new ArrayList<>();
    Map<String, List<ZooModel>> models = new LinkedHashMap<>();
    models.put(
        "single",
        List.of(
            new SharedBottom(List.of("income"), List.of(2 * EXPERT_UNITS), tower, SEED),
            new SharedBottom(List.of("marital"), List.of(2 * EXPERT_UNITS), tower, SEED)));
    models.put(
        "shared_bottom", List.of(new SharedBottom(TASKS, List.of(4 * EXPERT_UNITS), tower, SEED)));
    models.put("mmoe", List.of(new Mmoe(TASKS, MMOE_EXPERTS, experts, tower, SEED)));
    models.put(
        "ple",
        List.of(new Ple(TASKS, 1, PLE_TASK_EXPERTS, PLE_SHARED_EXPERTS, experts, tower, SEED)));
    for (Map.Entry<String, List<ZooModel>> e : models.entrySet()) {
      double[][] scores = new double[2][];
      long params = 0;
      long t0 = System.nanoTime();
      for (ZooModel m : e.getValue()) {
        ModelSpec spec = m.build(schema);
        try (Trainer t = new Trainer(spec, config())) {
          SplittableRandom order = new SplittableRandom(SEED + 1);
          for (int epoch = 0; epoch < EPOCHS; epoch++) {
            for (int i : permutation(fit.size(), order)) {
              t.fit(fit.get(i));
            }
          }
          params += t.denseParameters().values().stream().mapToLong(v -> v.length).sum();
          for (int k = 0; k < TASKS.size(); k++) {
            String task = TASKS.get(k);
            if (spec.heads().stream().anyMatch(h -> h.name().equals(task))) {
              scores[k] = predict(t, scored, task);
            }
          }
        }
      }
      String key = "census_" + e.getKey();
      double incomeAuc = Auc.exact(scores[0], truth[0]);
      double maritalAuc = Auc.exact(scores[1], truth[1]);
      System.out.printf(
          Locale.ROOT,
          "  %-14s income AUC %.4f, marital AUC %.4f, %d dense parameters, %.1f s%n",
          e.getKey(),
          incomeAuc,
          maritalAuc,
          params,
          (System.nanoTime() - t0) / 1e9);
      figures.add(String.format(Locale.ROOT, "%s_auc_income=%.4f", key, incomeAuc));
      figures.add(String.format(Locale.ROOT, "%s_auc_marital=%.4f", key, maritalAuc));
      figures.add(String.format(Locale.ROOT, "%s_params=%d", key, params));
    }
    return figures;
  }

  private static TrainerConfig config() {
    return TrainerConfig.defaults()
        .withBatchSize(BATCH)
        .withTableOptimizer(Optimizer.Adagrad.of(0.05))
        .withDenseOptimizer(Optimizer.Adam.of(0.002));
  }

  /** Column {@code label2} of a canonical CSV, one value per row. */
  private static float[] secondLabel(Path csv) throws IOException {
    DelimitedFormat format = DelimitedFormat.builder().delimiter(",").header(true).build();
    List<Float> y = new ArrayList<>();
    try (DelimitedReader r = DelimitedReader.open(csv, format, ErrorPolicy.FAIL_FAST)) {
      int at = r.header().indexOf("label2");
      if (at < 0) {
        throw new IOException(csv + ": no label2 column (census-income's second task)");
      }
      while (r.next()) {
        y.add((float) r.row().getInt(at, "label2"));
      }
    }
    float[] out = new float[y.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = y.get(i);
    }
    return out;
  }

  /** All rows in batches (in an order drawn from {@code shuffle}, or in file order if null). */
  private static List<TrainingBatch> batches(
      FeatureSchema schema, CanonicalTable table, float[] marital, SplittableRandom shuffle) {
    int[] index = shuffle == null ? identity(table.size()) : permutation(table.size(), shuffle);
    FeatureEncoder encoder = FeatureEncoder.of(schema);
    List<TrainingBatch> out = new ArrayList<>();
    for (int b0 = 0; b0 < index.length; b0 += BATCH) {
      int k = Math.min(BATCH, index.length - b0);
      List<Row> rows = new ArrayList<>(k);
      float[] income = new float[k];
      float[] mar = new float[k];
      for (int i = 0; i < k; i++) {
        int r = index[b0 + i];
        rows.add(table.row(r));
        income[i] = table.labels()[r];
        mar[i] = marital[r];
      }
      EncodedBatch x = encoder.encodeBatch(rows);
      Map<String, float[]> labels = new LinkedHashMap<>();
      labels.put("income", income);
      labels.put("marital", mar);
      out.add(TrainingBatch.of(x, labels));
    }
    return out;
  }

  private static double[] predict(Trainer t, List<TrainingBatch> batches, String head) {
    int n = batches.stream().mapToInt(TrainingBatch::size).sum();
    double[] out = new double[n];
    int at = 0;
    for (TrainingBatch b : batches) {
      for (float p : t.predict(b.inputs(), head)) {
        out[at++] = p;
      }
    }
    return out;
  }

  private static int[] identity(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    return a;
  }

  /** A random permutation of {@code 0..n-1} (Fisher-Yates). */
  private static int[] permutation(int n, SplittableRandom rnd) {
    int[] a = identity(n);
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int tmp = a[i];
      a[i] = a[j];
      a[j] = tmp;
    }
    return a;
  }

  private static int[] toInts(float[] y) {
    int[] out = new int[y.length];
    for (int i = 0; i < y.length; i++) {
      out[i] = (int) y[i];
    }
    return out;
  }

  private static double mean(float[] y) {
    double s = 0;
    for (float v : y) {
      s += v;
    }
    return s / y.length;
  }
}
