package org.recsys4j.examples.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.core.data.TrainingBatch;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.eval.Auc;
import org.recsys4j.eval.GroupAuc;
import org.recsys4j.features.encode.FeatureEncoder;
import org.recsys4j.features.encode.Row;
import org.recsys4j.models.train.Trainer;

/**
 * Every zoo model on real data: MovieLens 100K (time split), the first 10k rows of Criteo and the
 * first hour of Avazu, from their canonical CSVs.
 *
 * <p>Data: for each data set {@code <d>} the program reads {@code train.csv} and {@code test.csv}
 * from {@code <data>/<d>/canonical/} (where {@code python3 <data>/<d>/convert.py} writes them) or
 * else from {@code <data>/<d>/} (where {@code CANONICAL_OUT=<data>/<d>} puts them). A data set
 * without them is skipped with a message saying how to create them.
 *
 * <p>Protocol, per data set and model ({@link ZooBenchSettings} holds the hyperparameters):
 *
 * <ol>
 *   <li>the last 10% ({@link ZooBenchSettings#VALIDATION_FRACTION}) of {@code train.csv} in file
 *       order (time order where the file has {@code ts}) is the validation slice, the rest the fit
 *       slice;
 *   <li>a schema is fitted on the fit slice ({@link CanonicalFeatures}), the model trained on it
 *       epoch by epoch (batches in a seeded random order), and the validation AUC measured after
 *       each epoch; the search stops after {@code maxEpochs} or {@code patience} epochs without a
 *       better AUC; the best epoch count {@code E} is kept;
 *   <li>a schema is refitted on all of {@code train.csv}, a fresh model (same seed) trained on it
 *       for {@code E} epochs, and {@code test.csv} scored once.
 * </ol>
 *
 * Test rows never influence a choice. Prints per data set and model a progress line, then the
 * figures: {@code <dataset>_<model>_auc=} and, where the data has users, {@code
 * <dataset>_<model>_gauc=} (group AUC over users, impression-weighted).
 *
 * <p>Where the table has a candidate item and its history (MovieLens 100K's {@code c_item_id} and
 * {@code s_item}), DIN and DIEN run too ({@link SequenceBenchmark}: the item and its history share
 * one table), printed as {@code <dataset>_din_auc=} and {@code <dataset>_dien_auc=}.
 *
 * <p>Arguments: {@code --data DIR} (default {@code ../shared/data}), {@code --datasets a,b} (all),
 * {@code --models a,b} (all), {@code --validation-only} (stop after step 2 and print {@code
 * <dataset>_<model>_val_auc=} and {@code _epochs=} instead: what the hyperparameters were tuned on,
 * without looking at test). census-income (two labels) runs {@link CensusMultiTask} instead of the
 * zoo, when named in {@code --datasets} or, in a default run, when its canonical files exist:
 * {@code census_<model>_auc_income=} and {@code census_<model>_auc_marital=}.
 */
public final class ZooBenchmark {
  private ZooBenchmark() {}

  /** Runs the benchmark. */
  public static void main(String[] args) throws IOException {
    Path data = Path.of("../shared/data");
    List<String> datasets = ZooBenchSettings.DATASETS;
    List<String> models = null;
    boolean validationOnly = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--data" -> data = Path.of(args[++i]);
        case "--datasets" -> datasets = List.of(args[++i].split(","));
        case "--models" -> models = List.of(args[++i].split(","));
        case "--validation-only" -> validationOnly = true;
        default ->
            throw new IllegalArgumentException(
                "unknown argument "
                    + args[i]
                    + " (expected --data DIR, --datasets a,b, --models a,b, --validation-only)");
      }
    }
    List<String> figures = new ArrayList<>();
    // census-income (two labels) runs its own multi-task comparison: when asked for by name, or
    // in a default run when its canonical files exist
    boolean census =
        datasets.contains(CensusMultiTask.DATASET)
            || (datasets == ZooBenchSettings.DATASETS
                && CanonicalTable.locate(data, CensusMultiTask.DATASET).isPresent());
    for (String d : datasets) {
      if (d.equals(CensusMultiTask.DATASET)) {
        continue;
      }
      ZooBenchSettings settings =
          ZooBenchSettings.of(d)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "--datasets: unknown data set '"
                              + d
                              + "' (expected one of "
                              + ZooBenchSettings.DATASETS
                              + ")"));
      Optional<Path> dir = CanonicalTable.locate(data, d);
      if (dir.isEmpty()) {
        System.out.println(missingMessage(data, d));
        continue;
      }
      figures.addAll(runDataset(settings, dir.get(), models, validationOnly));
    }
    if (census && !validationOnly) {
      figures.addAll(CensusMultiTask.run(data));
    }
    figures.forEach(System.out::println);
  }

  private static SplittableRandom rowOrder() {
    return new SplittableRandom(ZooBenchSettings.SEED + 1);
  }

  /** The message printed for a data set whose canonical CSVs are absent. */
  static String missingMessage(Path data, String dataset) {
    Path convert = data.resolve(dataset).resolve("convert.py");
    String script =
        Files.isRegularFile(convert)
            ? convert.toString()
            : "../shared/data/" + dataset + "/convert.py";
    return String.format(
        Locale.ROOT,
        "%s: skipped, no canonical train.csv and test.csv in %s."
            + " Create them with: CANONICAL_OUT=%s python3 %s",
        dataset,
        CanonicalTable.candidates(data, dataset),
        data.resolve(dataset).resolve("canonical"),
        script);
  }

  static List<String> runDataset(
      ZooBenchSettings s, Path dir, List<String> only, boolean validationOnly) throws IOException {
    CanonicalTable train = CanonicalTable.read(dir.resolve("train.csv"));
    CanonicalTable test = CanonicalTable.read(dir.resolve("test.csv"));
    int fitRows = (int) Math.round(train.size() * (1 - ZooBenchSettings.VALIDATION_FRACTION));
    FeatureSchema fitSchema =
        CanonicalFeatures.fit(train, fitRows, s.embeddingDim(), s.minCount(), s.numBuckets());
    FeatureSchema fullSchema =
        CanonicalFeatures.fit(train, train.size(), s.embeddingDim(), s.minCount(), s.numBuckets());
    System.out.printf(
        Locale.ROOT,
        "%s (%s): train %d rows (fit %d, validation %d), test %d rows,"
            + " %d features, users: %s%n",
        s.dataset(),
        dir,
        train.size(),
        fitRows,
        train.size() - fitRows,
        test.size(),
        fullSchema.features().size(),
        train.hasUsers());
    int b = s.batchSize();
    Split fit = Split.of(fitSchema, train, 0, fitRows, b, rowOrder());
    Split validation = Split.of(fitSchema, train, fitRows, train.size(), b, null);
    Split all = validationOnly ? null : Split.of(fullSchema, train, 0, train.size(), b, rowOrder());
    Split scored = validationOnly ? null : Split.of(fullSchema, test, 0, test.size(), b, null);
    List<String> figures = new ArrayList<>();
    for (ZooBenchSettings.Run run : s.runs()) {
      String name = run.model().name();
      if (only != null && !only.contains(name)) {
        continue;
      }
      String key = s.dataset() + "_" + name;
      double[] valAucs = new double[s.maxEpochs()];
      int best = 0;
      try (Trainer t = new Trainer(run.model().build(fitSchema), run.config(s.batchSize()))) {
        SplittableRandom order = new SplittableRandom(ZooBenchSettings.SEED);
        for (int e = 1; e <= s.maxEpochs(); e++) {
          fit.trainEpoch(t, order);
          valAucs[e - 1] = Auc.exact(validation.predict(t), validation.intLabels());
          if (best == 0 || valAucs[e - 1] > valAucs[best - 1]) {
            best = e;
          }
          if (e - best >= s.patience()) {
            break;
          }
        }
      }
      String curve =
          Arrays.stream(valAucs)
              .filter(a -> a > 0)
              .mapToObj(a -> String.format(Locale.ROOT, "%.4f", a))
              .toList()
              .toString();
      if (validationOnly) {
        System.out.printf(
            Locale.ROOT, "  %-10s validation AUC by epoch %s, best epoch %d%n", name, curve, best);
        figures.add(String.format(Locale.ROOT, "%s_val_auc=%.4f", key, valAucs[best - 1]));
        figures.add(String.format(Locale.ROOT, "%s_epochs=%d", key, best));
        continue;
      }
      double[] scores;
      try (Trainer t = new Trainer(run.model().build(fullSchema), run.config(s.batchSize()))) {
        SplittableRandom order = new SplittableRandom(ZooBenchSettings.SEED);
        for (int e = 1; e <= best; e++) {
          all.trainEpoch(t, order);
        }
        scores = scored.predict(t);
      }
      double auc = Auc.exact(scores, scored.intLabels());
      String line =
          String.format(
              Locale.ROOT,
              "  %-10s validation AUC by epoch %s, epochs %d;" + " test AUC %.4f",
              name,
              curve,
              best,
              auc);
      figures.add(String.format(Locale.ROOT, "%s_auc=%.4f", key, auc));
      if (test.hasUsers()) {
        double gauc =
            GroupAuc.compute(
                    scores, scored.intLabels(), test.users(), GroupAuc.Weighting.IMPRESSIONS)
                .value();
        line += String.format(Locale.ROOT, ", GAUC %.4f", gauc);
        figures.add(String.format(Locale.ROOT, "%s_gauc=%.4f", key, gauc));
      }
      System.out.println(line);
    }
    // DIN and DIEN where the table has an item history (MovieLens: s_item)
    figures.addAll(
        SequenceBenchmark.run(
            s, train, test, fitRows, fitSchema, fullSchema, only, validationOnly));
    return figures;
  }

  /** Rows {@code [from, to)} of a table, encoded in batches in file order. */
  static final class Split {
    private final List<TrainingBatch> batches = new ArrayList<>();
    private final int[] labels;

    private Split(int[] labels) {
      this.labels = labels;
    }

    /**
     * Encodes rows {@code [from, to)}; in file order when {@code shuffle} is null, else in one
     * random order drawn from it (training batches then mix rows from the whole range).
     */
    static Split of(
        FeatureSchema schema,
        CanonicalTable table,
        int from,
        int to,
        int batch,
        SplittableRandom shuffle) {
      int[] index = new int[to - from];
      for (int i = 0; i < index.length; i++) {
        index[i] = from + i;
      }
      if (shuffle != null) {
        shuffle(index, shuffle);
      }
      FeatureEncoder encoder = FeatureEncoder.of(schema);
      int[] y = new int[index.length];
      Split s = new Split(y);
      for (int b0 = 0; b0 < index.length; b0 += batch) {
        int k = Math.min(batch, index.length - b0);
        List<Row> rows = new ArrayList<>(k);
        float[] labels = new float[k];
        for (int i = 0; i < k; i++) {
          int r = index[b0 + i];
          rows.add(table.row(r));
          labels[i] = table.labels()[r];
          y[b0 + i] = (int) labels[i];
        }
        EncodedBatch x = encoder.encodeBatch(rows);
        s.batches.add(TrainingBatch.of(x, "click", labels));
      }
      return s;
    }

    int[] intLabels() {
      return labels;
    }

    /** One pass over the batches in an order drawn from {@code order}. */
    void trainEpoch(Trainer t, SplittableRandom order) {
      int[] perm = new int[batches.size()];
      for (int i = 0; i < perm.length; i++) {
        perm[i] = i;
      }
      shuffle(perm, order);
      for (int step = 0; step < perm.length; step++) {
        t.fit(batches.get(perm[step])); // the trainer frees each step's native memory itself
      }
    }

    /** Fisher-Yates. */
    private static void shuffle(int[] a, SplittableRandom rnd) {
      for (int i = a.length - 1; i > 0; i--) {
        int j = rnd.nextInt(i + 1);
        int tmp = a[i];
        a[i] = a[j];
        a[j] = tmp;
      }
    }

    /** The trainer's click probabilities, in the split's row order. */
    double[] predict(Trainer t) {
      double[] out = new double[labels.length];
      int at = 0;
      for (TrainingBatch b : batches) {
        for (float p : t.predict(b.inputs(), "ctr")) {
          out[at++] = p;
        }
      }
      return out;
    }
  }
}
