package org.recsys4j.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.recsys4j.core.data.BatchSource;
import org.recsys4j.core.data.BatchStream;
import org.recsys4j.core.data.Shuffle;
import org.recsys4j.core.data.TrainingBatch;
import org.recsys4j.eval.HtmlReport;
import org.recsys4j.features.arrow.ArrowBatchSource;
import org.recsys4j.features.encode.DelimitedBatchSource;
import org.recsys4j.features.io.DelimitedFormat;
import org.recsys4j.models.fit.EpochRecord;
import org.recsys4j.models.fit.FitLoop;
import org.recsys4j.models.fit.History;
import org.recsys4j.models.fit.TrainingConfig;
import org.recsys4j.models.fit.ValidationMetric;
import org.recsys4j.models.spec.Head;
import org.recsys4j.models.spec.ModelJson;
import org.recsys4j.models.train.Trainer;

/**
 * Runs a training config ({@link TrainingConfig}, JSON) on files: {@code --config F --train
 * F[,F...] --valid F[,F...] --out DIR}.
 *
 * <p>Data files are read by their extension: {@code .arrow} as Arrow IPC files of encoded batches
 * ({@link ArrowBatchSource}, the label column becomes the model's first label), anything else as
 * delimited text with a header ({@code .tsv} or {@code .tsv.gz}: tabs, otherwise commas) encoded
 * through the config's schema ({@link DelimitedBatchSource}, the label is the column named after
 * the model's first label). Each file is one day, oldest first; training passes follow the config's
 * shuffle and seed, validation is read in order.
 *
 * <p>Writes to {@code DIR}: {@code model.snapshot} (the trained model, {@code
 * ModelSnapshot.write}), {@code model.json}, {@code schema.json}, {@code training.json} (the
 * config), {@code history.tsv} (epoch, train loss, validation metrics) and {@code report.html}
 * (validation metrics and curves, training curves). Prints {@code epochs}, {@code best_epoch},
 * {@code valid_auc}, {@code valid_logloss}, {@code train_samples_per_s}, then {@code model} and
 * {@code report} paths.
 */
public final class TrainFromConfig {
  private TrainFromConfig() {}

  /** Runs it. */
  public static void main(String[] args) throws IOException {
    Path config = null;
    List<Path> train = new ArrayList<>();
    List<Path> valid = new ArrayList<>();
    Path out = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--config" -> config = Path.of(args[++i]);
        case "--train" -> train = paths(args[++i]);
        case "--valid" -> valid = paths(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        default ->
            throw new IllegalArgumentException(
                "unknown argument "
                    + args[i]
                    + " (expected --config F --train F --valid F --out DIR)");
      }
    }
    if (config == null || train.isEmpty() || valid.isEmpty() || out == null) {
      throw new IllegalArgumentException(
          "--config, --train, --valid and --out are required (got config="
              + config
              + ", train="
              + train
              + ", valid="
              + valid
              + ", out="
              + out
              + ")");
    }
    TrainingConfig c = TrainingConfig.read(config);
    BatchSource trainSource = source(c, train, c.shuffle());
    BatchSource validSource = source(c, valid, Shuffle.NONE);
    Files.createDirectories(out);
    History h;
    double[] p;
    int[] y;
    try (Trainer trainer = new Trainer(c.model(), c.trainer())) {
      h = FitLoop.of(trainer).fit(trainSource, validSource, c.fit());
      trainer.snapshot().write(out.resolve("model.snapshot"));
      Head head = c.fit().head() == null ? firstHead(c) : c.model().head(c.fit().head());
      List<double[]> ps = new ArrayList<>();
      List<int[]> ys = new ArrayList<>();
      try (BatchStream s = validSource.open(0)) {
        for (TrainingBatch b; (b = s.next()) != null; ) {
          float[] pf = trainer.predict(b.inputs(), head.name());
          float[] yf = b.labels().get(head.label());
          double[] pd = new double[b.size()];
          int[] yi = new int[b.size()];
          for (int i = 0; i < b.size(); i++) {
            pd[i] = pf[i];
            yi[i] = yf[i] >= 0.5f ? 1 : 0;
          }
          ps.add(pd);
          ys.add(yi);
        }
      }
      p = ps.stream().flatMapToDouble(java.util.Arrays::stream).toArray();
      y = ys.stream().flatMapToInt(java.util.Arrays::stream).toArray();
    }
    ModelJson.write(c.model(), out.resolve("model.json"));
    Files.writeString(out.resolve("schema.json"), c.schema().toJson());
    Files.writeString(out.resolve("training.json"), c.toJson());
    Files.writeString(out.resolve("history.tsv"), historyTsv(h));
    Path report = out.resolve("report.html");
    h.addTo(HtmlReport.builder().title("TrainFromConfig: " + c.model().name()).predictions(p, y))
        .build()
        .write(report);
    EpochRecord last =
        h.epochs().get(h.bestEpoch() > 0 ? h.bestEpoch() - 1 : h.epochs().size() - 1);
    double rows = h.epochs().stream().mapToLong(EpochRecord::rows).sum();
    double sec = h.epochs().stream().mapToDouble(EpochRecord::seconds).sum();
    System.out.printf(Locale.ROOT, "epochs=%d%n", h.epochs().size());
    System.out.printf(Locale.ROOT, "best_epoch=%d%n", h.bestEpoch());
    System.out.printf(Locale.ROOT, "valid_auc=%.4f%n", last.metric(ValidationMetric.AUC));
    System.out.printf(Locale.ROOT, "valid_logloss=%.4f%n", last.metric(ValidationMetric.LOGLOSS));
    System.out.printf(Locale.ROOT, "train_samples_per_s=%.0f%n", rows / sec);
    System.out.println("model=" + out.resolve("model.snapshot").toAbsolutePath());
    System.out.println("report=" + report.toAbsolutePath());
  }

  private static Head firstHead(TrainingConfig c) {
    return c.model().heads().stream().filter(Head::hasLoss).findFirst().orElseThrow();
  }

  private static List<Path> paths(String csv) {
    List<Path> out = new ArrayList<>();
    for (String s : csv.split(",")) {
      out.add(Path.of(s));
    }
    return out;
  }

  private static BatchSource source(TrainingConfig c, List<Path> files, Shuffle shuffle) {
    String label = c.model().labels().get(0);
    int batch = c.trainer().batchSize();
    String first = files.get(0).getFileName().toString();
    if (first.endsWith(".arrow")) {
      return ArrowBatchSource.of(files, label, batch, shuffle, c.seed())
          .withLayout(org.recsys4j.core.data.BatchLayout.of(c.schema(), List.of(label)));
    }
    DelimitedFormat f =
        (first.endsWith(".tsv") || first.endsWith(".tsv.gz")
                ? DelimitedFormat.tsv()
                : DelimitedFormat.csv())
            .toBuilder().header(true).build();
    return DelimitedBatchSource.of(files, f, c.schema(), label, batch, shuffle, c.seed());
  }

  private static String historyTsv(History h) {
    StringBuilder s = new StringBuilder("epoch\ttrain_loss");
    for (ValidationMetric m : ValidationMetric.values()) {
      if (h.has(m)) {
        s.append("\tvalidation_").append(m.name().toLowerCase(Locale.ROOT));
      }
    }
    s.append("\trows_per_s\n");
    for (EpochRecord r : h.epochs()) {
      s.append(r.epoch()).append('\t').append(String.format(Locale.ROOT, "%.6f", r.trainLoss()));
      for (ValidationMetric m : ValidationMetric.values()) {
        if (h.has(m)) {
          s.append('\t').append(String.format(Locale.ROOT, "%.6f", r.metric(m)));
        }
      }
      s.append('\t').append(String.format(Locale.ROOT, "%.0f", r.rowsPerSecond())).append('\n');
    }
    return s.toString();
  }
}
