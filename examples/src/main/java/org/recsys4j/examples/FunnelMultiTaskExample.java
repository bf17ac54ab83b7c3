package org.recsys4j.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.core.data.TrainingBatch;
import org.recsys4j.core.spec.EncodedLayout;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.eval.Auc;
import org.recsys4j.eval.Calibration;
import org.recsys4j.eval.HeadMetrics;
import org.recsys4j.features.encode.FeatureEncoder;
import org.recsys4j.features.logs.LabeledRow;
import org.recsys4j.features.logs.LabeledRowFiles;
import org.recsys4j.features.logs.PipelineReport;
import org.recsys4j.features.logs.StitchConfig;
import org.recsys4j.features.sim.FunnelSimulator;
import org.recsys4j.features.sim.FunnelSimulatorConfig;
import org.recsys4j.features.sim.SimulatorLogs;
import org.recsys4j.models.builder.ModelBuilder;
import org.recsys4j.models.builder.Ref;
import org.recsys4j.models.layers.debias.PositionBiasTower;
import org.recsys4j.models.layers.dense.Mlp;
import org.recsys4j.models.layers.structure.Flatten;
import org.recsys4j.models.spec.Head;
import org.recsys4j.models.spec.InputKind;
import org.recsys4j.models.spec.InputSpec;
import org.recsys4j.models.spec.ModelSpec;
import org.recsys4j.models.spec.TableDeclaration;
import org.recsys4j.models.train.Optimizer;
import org.recsys4j.models.train.Trainer;
import org.recsys4j.models.train.TrainerConfig;
import org.recsys4j.models.zoo.Esmm;

/**
 * Multi-task learning and debiasing on the simulated funnel (exposure → click → order), judged
 * against the simulator's oracle rather than against biased labels.
 *
 * <ol>
 *   <li>simulate the funnel, write its logs and stitch them into labelled rows per day (the last
 *       day tests, the others train); every conversion is on a clicked row (the stitcher counts
 *       orders without a click apart, and {@link Esmm#checkLabels} rejects a batch holding one);
 *   <li><b>ESMM against the naive funnel</b>: ESMM ({@link Esmm}, CTR and CVR towers on shared
 *       embeddings, losses on click and on click-and-order over all exposures) against a CTR model
 *       times a CVR model trained on clicked rows only (the same towers, embeddings of their own):
 *       {@code esmm_ctcvr_auc} and {@code naive_ctcvr_auc} on all test exposures against the
 *       conversion label, and {@code esmm_cvr_auc_all_exposures} / {@code
 *       naive_cvr_auc_all_exposures} on all test exposures against labels drawn from the oracle's
 *       conversion-given-click probability {@code p_conv};
 *   <li><b>the position tower</b>: a CTR model without the position feature plus a {@link
 *       PositionBiasTower} over the one-hot position, dropped at inference ({@code
 *       position_tower_true_auc}), against the naive CTR model that reads position as a feature and
 *       is scored at the logged position ({@code no_tower_true_auc}); both against labels drawn
 *       from the oracle's unbiased click probability {@code p_click_unbiased} (no position term);
 *   <li><b>down-sampling</b>: the CTR model trained with negatives kept at 10% and its head's
 *       {@code negativeSampleRate = 0.1}, so inference adds {@code log 0.1} to the logit: {@code
 *       downsampled_copc} (observed over predicted clicks on the test day; 1 is calibrated), and
 *       {@code downsampled_uncorrected_copc} for the same scores without the correction.
 * </ol>
 *
 * <p>Arguments (all optional): {@code --days N} (6), {@code --users N} (1000), {@code --requests X}
 * (10 a user and day), {@code --seed N} (2024), {@code --epochs N} (2), {@code --rate X} (0.1, the
 * negatives kept), {@code --hidden N} (32: towers N-N/2), {@code --sampled-epochs N} (the epochs of
 * the down-sampled model; default {@code --epochs}).
 *
 * <p>Prints a per-head table (AUC, logloss, COPC, ECE) and, last, one per line: {@code
 * orders_without_click}, {@code esmm_ctcvr_auc}, {@code naive_ctcvr_auc}, {@code oracle_ctcvr_auc},
 * {@code esmm_cvr_auc_all_exposures}, {@code naive_cvr_auc_all_exposures}, {@code
 * oracle_cvr_auc_all_exposures}, {@code position_tower_true_auc}, {@code no_tower_true_auc}, {@code
 * no_position_true_auc}, {@code oracle_true_auc}, {@code downsampled_copc}, {@code
 * downsampled_uncorrected_copc}, {@code full_copc}.
 */
public final class FunnelMultiTaskExample {
  private static final int BATCH = 1024;
  private static final int DIM = 8;
  private static final String POSITION = "position";

  private FunnelMultiTaskExample() {}

  /** The encoded rows of some days in batches, with the test columns the oracle needs. */
  private static final class Part {
    final List<TrainingBatch> withPosition = new ArrayList<>();
    final List<TrainingBatch> withTower = new ArrayList<>();
    final List<TrainingBatch> clickedOnly = new ArrayList<>();
    final List<Double> pClick = new ArrayList<>();
    final List<Double> pConv = new ArrayList<>();
    final List<Double> pUnbiased = new ArrayList<>();
    final List<Integer> click = new ArrayList<>();
    final List<Integer> conversion = new ArrayList<>();
  }

  /** Runs the example. */
  public static void main(String[] args) {
    int days = 6;
    int users = 1000;
    double requests = 10;
    long seed = 2024;
    int epochs = 2;
    double rate = 0.1;
    int hidden = 32;
    Integer sampledEpochs = null;
    Double positionBeta = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--days" -> days = Integer.parseInt(args[++i]);
        case "--users" -> users = Integer.parseInt(args[++i]);
        case "--requests" -> requests = Double.parseDouble(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--epochs" -> epochs = Integer.parseInt(args[++i]);
        case "--rate" -> rate = Double.parseDouble(args[++i]);
        case "--hidden" -> hidden = Integer.parseInt(args[++i]);
        case "--sampled-epochs" -> sampledEpochs = Integer.parseInt(args[++i]);
        case "--position-beta" -> positionBeta = Double.parseDouble(args[++i]);
        default ->
            throw new IllegalArgumentException(
                "unknown argument "
                    + args[i]
                    + " (expected --days, --users, --requests, --seed, --epochs, --rate, --hidden,"
                    + " --sampled-epochs, --position-beta)");
      }
    }
    long start = System.nanoTime();
    FunnelSimulatorConfig.Builder cb =
        FunnelFmExample.world()
            .numUsers(users)
            .meanRequestsPerUserPerDay(requests)
            .seed(seed)
            .numDays(days);
    if (positionBeta != null) {
      cb.positionBeta(positionBeta);
    }
    FunnelSimulatorConfig config = cb.build();
    int slate = config.schedule().slateSize();
    FeatureSchema full = FunnelFeatures.schema(DIM);
    FeatureSchema noPosition = withoutPosition(full);
    Path work = Path.of("target", "funnel-mtl");
    List<Part> parts = new ArrayList<>();
    PipelineReport report = load(config, work, full, noPosition, slate, rate, seed, parts);
    Part test = parts.remove(parts.size() - 1);
    System.out.printf(
        Locale.ROOT,
        "simulated %d days: %d rows, %d clicks, %d conversions, %d orders without a click (counted,"
            + " not conversions) in %.1f s%n",
        days,
        report.rowsWritten(),
        report.clicks(),
        report.conversions(),
        report.stitch().ordersWithoutClick(),
        (System.nanoTime() - start) / 1e9);
    System.out.printf(
        Locale.ROOT, "orders_without_click=%d%n", report.stitch().ordersWithoutClick());

    List<Integer> h = List.of(hidden, Math.max(1, hidden / 2));
    Esmm esmm = new Esmm("click", "conversion", h, seed);
    ModelSpec esmmSpec = esmm.build(full);
    ModelSpec ctrSpec = single(full, "ctr", "click", h, seed, 1.0);
    ModelSpec cvrSpec = single(full, "cvr", "conversion", h, seed, 1.0);
    ModelSpec sampledSpec = single(full, "ctr", "click", h, seed, rate);
    ModelSpec towerSpec = withTower(noPosition, slate, h, seed);
    ModelSpec noPositionSpec = single(noPosition, "ctr", "click", h, seed, 1.0);
    TrainerConfig tc =
        TrainerConfig.defaults()
            .withBatchSize(BATCH)
            .withTableOptimizer(new Optimizer.Adagrad(0.1, 1e-6, 1e-8, 0))
            .withDenseOptimizer(Optimizer.Adam.of(0.003));
    try (Trainer esmmT = new Trainer(esmmSpec, tc);
        Trainer ctrT = new Trainer(ctrSpec, tc);
        Trainer cvrT = new Trainer(cvrSpec, tc);
        Trainer sampledT = new Trainer(sampledSpec, tc);
        Trainer towerT = new Trainer(towerSpec, tc);
        Trainer noPositionT = new Trainer(noPositionSpec, tc)) {
      long t0 = System.nanoTime();
      for (int e = 0; e < epochs; e++) {
        for (Part p : parts) {
          for (TrainingBatch b : p.withPosition) {
            esmm.checkLabels(b);
            esmmT.fit(b);
            ctrT.fit(b);
          }
          p.clickedOnly.forEach(cvrT::fit);
          p.withTower.forEach(towerT::fit);
          p.withTower.forEach(noPositionT::fit);
        }
      }
      int se = sampledEpochs == null ? epochs : sampledEpochs;
      SplittableRandom keep = new SplittableRandom(seed ^ 0xd0a5L);
      for (int e = 0; e < se; e++) {
        for (Part p : parts) {
          downsample(p.withPosition, rate, keep).forEach(sampledT::fit); // fresh negatives
        }
      }
      System.out.printf(
          Locale.ROOT,
          "trained 6 models, %d epoch(s), in %.1f s%n",
          epochs,
          (System.nanoTime() - t0) / 1e9);
      evaluate(test, esmmT, ctrT, cvrT, sampledT, towerT, noPositionT, rate, seed);
    }
  }

  private static void evaluate(
      Part test,
      Trainer esmmT,
      Trainer ctrT,
      Trainer cvrT,
      Trainer sampledT,
      Trainer towerT,
      Trainer noPositionT,
      double rate,
      long seed) {
    double[] eCtr = predict(esmmT, test.withPosition, "ctr");
    double[] eCvr = predict(esmmT, test.withPosition, "cvr");
    double[] eCtcvr = predict(esmmT, test.withPosition, "ctcvr");
    double[] nCtr = predict(ctrT, test.withPosition, "ctr");
    double[] nCvr = predict(cvrT, test.withPosition, "cvr");
    double[] sampled = predict(sampledT, test.withPosition, "ctr");
    double[] tower = predict(towerT, test.withTower, "ctr");
    double[] noPosition = predict(noPositionT, test.withTower, "ctr");
    int n = eCtr.length;
    double[] nCtcvr = new double[n];
    double[] uncorrected = new double[n];
    double[] pConv = new double[n];
    double[] pUnbiased = new double[n];
    double[] pCtcvr = new double[n];
    int[] click = new int[n];
    int[] conv = new int[n];
    int[] convDrawn = new int[n];
    int[] clickDrawn = new int[n];
    SplittableRandom r = new SplittableRandom(seed ^ 0x5eedL);
    for (int i = 0; i < n; i++) {
      nCtcvr[i] = nCtr[i] * nCvr[i];
      uncorrected[i] = sampled[i] / (rate + sampled[i] * (1 - rate)); // the inverse of calibrate
      pConv[i] = test.pConv.get(i);
      pUnbiased[i] = test.pUnbiased.get(i);
      click[i] = test.click.get(i);
      conv[i] = test.conversion.get(i);
      convDrawn[i] = r.nextDouble() < pConv[i] ? 1 : 0;
      clickDrawn[i] = r.nextDouble() < pUnbiased[i] ? 1 : 0;
    }
    List<Integer> clicked = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (click[i] == 1) {
        clicked.add(i);
      }
    }
    List<HeadMetrics> heads = new ArrayList<>();
    heads.add(HeadMetrics.of("esmm.ctr", eCtr, click));
    heads.add(HeadMetrics.of("esmm.cvr", pick(eCvr, clicked), pick(conv, clicked)));
    heads.add(HeadMetrics.of("esmm.ctcvr", eCtcvr, conv));
    heads.add(HeadMetrics.of("naive.ctr", nCtr, click));
    heads.add(HeadMetrics.of("naive.cvr", pick(nCvr, clicked), pick(conv, clicked)));
    heads.add(HeadMetrics.of("naive.ctcvr", nCtcvr, conv));
    heads.add(HeadMetrics.of("tower.ctr", tower, click));
    heads.add(HeadMetrics.of("nopos.ctr", noPosition, click));
    heads.add(HeadMetrics.of("sampled.ctr", sampled, click));
    System.out.println("test day, each head on its own labels (cvr on clicked rows):");
    System.out.print(HeadMetrics.table(heads));
    for (int i = 0; i < n; i++) {
      pCtcvr[i] = test.pClick.get(i) * pConv[i];
    }
    System.out.printf(Locale.ROOT, "esmm_ctcvr_auc=%.4f%n", Auc.exact(eCtcvr, conv));
    System.out.printf(Locale.ROOT, "naive_ctcvr_auc=%.4f%n", Auc.exact(nCtcvr, conv));
    System.out.printf(Locale.ROOT, "oracle_ctcvr_auc=%.4f%n", Auc.exact(pCtcvr, conv));
    System.out.printf(Locale.ROOT, "esmm_cvr_auc_all_exposures=%.4f%n", Auc.exact(eCvr, convDrawn));
    System.out.printf(
        Locale.ROOT, "naive_cvr_auc_all_exposures=%.4f%n", Auc.exact(nCvr, convDrawn));
    System.out.printf(
        Locale.ROOT, "oracle_cvr_auc_all_exposures=%.4f%n", Auc.exact(pConv, convDrawn));
    System.out.printf(Locale.ROOT, "position_tower_true_auc=%.4f%n", Auc.exact(tower, clickDrawn));
    System.out.printf(Locale.ROOT, "no_tower_true_auc=%.4f%n", Auc.exact(nCtr, clickDrawn));
    System.out.printf(
        Locale.ROOT, "no_position_true_auc=%.4f%n", Auc.exact(noPosition, clickDrawn));
    System.out.printf(Locale.ROOT, "oracle_true_auc=%.4f%n", Auc.exact(pUnbiased, clickDrawn));
    System.out.printf(Locale.ROOT, "downsampled_copc=%.4f%n", Calibration.copc(sampled, click));
    System.out.printf(
        Locale.ROOT, "downsampled_uncorrected_copc=%.4f%n", Calibration.copc(uncorrected, click));
    System.out.printf(Locale.ROOT, "full_copc=%.4f%n", Calibration.copc(nCtr, click));
  }

  /** Simulates, stitches and encodes every day; returns the pipeline's report. */
  private static PipelineReport load(
      FunnelSimulatorConfig config,
      Path work,
      FeatureSchema full,
      FeatureSchema noPosition,
      int slate,
      double rate,
      long seed,
      List<Part> parts) {
    FeatureEncoder fullEnc = FeatureEncoder.of(full);
    FeatureEncoder noPosEnc = FeatureEncoder.of(noPosition);
    try {
      PipelineReport report =
          SimulatorLogs.writeAndStitch(
              new FunnelSimulator(config),
              work,
              StitchConfig.defaults(),
              config.schedule().maxHistoryLength());
      for (LabeledRowFiles.DayFile day : LabeledRowFiles.list(work.resolve("rows"))) {
        List<LabeledRow> rows = new ArrayList<>(LabeledRowFiles.readAll(day.path()));
        java.util.Collections.shuffle(rows, new java.util.Random(seed * 31 + day.day()));
        Part p = new Part();
        List<LabeledRow> clicked = new ArrayList<>();
        for (int s0 = 0; s0 < rows.size(); s0 += BATCH) {
          List<LabeledRow> part = rows.subList(s0, Math.min(rows.size(), s0 + BATCH));
          p.withPosition.add(labelled(fullEnc.encodeBatch(part), part));
          EncodedBatch x = noPosEnc.encodeBatch(part);
          Map<String, float[]> floats = new LinkedHashMap<>(x.floats());
          floats.put(POSITION, oneHot(part, slate));
          p.withTower.add(labelled(EncodedBatch.of(part.size(), x.ints(), floats), part));
          for (LabeledRow row : part) {
            p.pClick.add(((Number) row.get("p_click")).doubleValue());
            p.pConv.add(((Number) row.get("p_conv")).doubleValue());
            p.pUnbiased.add(((Number) row.get(SimulatorLogs.P_CLICK_UNBIASED)).doubleValue());
            p.click.add(row.click() ? 1 : 0);
            p.conversion.add(row.conversion() ? 1 : 0);
            if (row.click()) {
              clicked.add(row);
            }
          }
        }
        batches(fullEnc, clicked, p.clickedOnly);
        parts.add(p);
      }
      return report;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write or read the funnel's files under " + work, e);
    }
  }

  /**
   * The rows of {@code batches} with every click and each other row kept with probability {@code
   * rate}, regrouped into batches of {@link #BATCH}: a fresh draw at every call (every epoch).
   */
  private static List<TrainingBatch> downsample(
      List<TrainingBatch> batches, double rate, SplittableRandom rnd) {
    List<TrainingBatch> out = new ArrayList<>();
    int f = batches.get(0).inputs().ints(EncodedLayout.IDS).length / batches.get(0).size();
    int[] ids = new int[BATCH * f];
    float[] click = new float[BATCH];
    float[] conv = new float[BATCH];
    int n = 0;
    for (TrainingBatch b : batches) {
      int[] x = b.inputs().ints(EncodedLayout.IDS);
      float[] y = b.labels().get("click");
      float[] c = b.labels().get("conversion");
      for (int i = 0; i < b.size(); i++) {
        if (y[i] == 1 || rnd.nextDouble() < rate) {
          System.arraycopy(x, i * f, ids, n * f, f);
          click[n] = y[i];
          conv[n] = c[i];
          if (++n == BATCH) {
            out.add(sampledBatch(ids, click, conv, n, f));
            n = 0;
          }
        }
      }
    }
    if (n > 0) {
      out.add(sampledBatch(ids, click, conv, n, f));
    }
    return out;
  }

  private static TrainingBatch sampledBatch(int[] ids, float[] click, float[] conv, int n, int f) {
    Map<String, float[]> labels = new LinkedHashMap<>();
    labels.put("click", java.util.Arrays.copyOf(click, n));
    labels.put("conversion", java.util.Arrays.copyOf(conv, n));
    EncodedBatch x =
        EncodedBatch.of(
            n, Map.of(EncodedLayout.IDS, java.util.Arrays.copyOf(ids, n * f)), Map.of());
    return TrainingBatch.of(x, labels);
  }

  private static void batches(FeatureEncoder enc, List<LabeledRow> rows, List<TrainingBatch> out) {
    for (int s0 = 0; s0 < rows.size(); s0 += BATCH) {
      List<LabeledRow> part = rows.subList(s0, Math.min(rows.size(), s0 + BATCH));
      out.add(labelled(enc.encodeBatch(part), part));
    }
  }

  private static TrainingBatch labelled(EncodedBatch x, List<LabeledRow> rows) {
    float[] click = new float[rows.size()];
    float[] conv = new float[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      click[i] = rows.get(i).click() ? 1 : 0;
      conv[i] = rows.get(i).conversion() ? 1 : 0;
    }
    Map<String, float[]> labels = new LinkedHashMap<>();
    labels.put("click", click);
    labels.put("conversion", conv);
    return TrainingBatch.of(x, labels);
  }

  private static float[] oneHot(List<LabeledRow> rows, int slate) {
    float[] v = new float[rows.size() * slate];
    for (int i = 0; i < rows.size(); i++) {
      v[i * slate + Math.min(slate - 1, Math.max(0, rows.get(i).position()))] = 1;
    }
    return v;
  }

  /** The funnel schema without its position feature (the tower reads position instead). */
  private static FeatureSchema withoutPosition(FeatureSchema full) {
    FeatureSchema.Builder b = FeatureSchema.builder();
    full.features().stream().filter(f -> !f.name().equals(POSITION)).forEach(b::add);
    return b.build();
  }

  /** A single-task model: shared flat embeddings, an MLP tower, one logit head. */
  private static ModelSpec single(
      FeatureSchema schema, String head, String label, List<Integer> h, long seed, double rate) {
    ModelBuilder b = ModelBuilder.forSchema(schema).name(head + "_model").seed(seed);
    Ref flat = b.apply(Flatten.of("flat"), b.embed(EncodedLayout.IDS).withoutMask());
    Ref logit = b.apply(Mlp.of(head + "_tower", h.get(0), h.get(1), 1), flat);
    return b.head(Head.logit(head, logit.name(), label).withNegativeSampleRate(rate)).build();
  }

  /** The CTR model without the position feature, plus a position tower dropped at inference. */
  private static ModelSpec withTower(FeatureSchema schema, int slate, List<Integer> h, long seed) {
    List<InputSpec> inputs = new ArrayList<>(ModelBuilder.forSchema(schema).inputs());
    List<String> cols = new ArrayList<>();
    for (int p = 0; p < slate; p++) {
      cols.add("position_" + p);
    }
    inputs.add(new InputSpec(POSITION, InputKind.NUMERIC, slate, cols, List.of()));
    List<TableDeclaration> tables =
        schema.tables().stream()
            .map(t -> new TableDeclaration(t.name(), t.rows(), t.embeddingDim(), 0.01))
            .toList();
    ModelBuilder b = ModelBuilder.forInputs(inputs, tables).name("tower_model").seed(seed);
    Ref flat = b.apply(Flatten.of("flat"), b.embed(EncodedLayout.IDS).withoutMask());
    Ref main = b.apply(Mlp.of("ctr_tower", h.get(0), h.get(1), 1), flat);
    Ref logit = b.apply(PositionBiasTower.dropped("position_bias"), main, b.numeric(POSITION));
    return b.head("ctr", logit, "click").build();
  }

  private static double[] predict(Trainer t, List<TrainingBatch> batches, String head) {
    int n = batches.stream().mapToInt(TrainingBatch::size).sum();
    double[] out = new double[n];
    int at = 0;
    for (TrainingBatch b : batches) {
      for (float v : t.predict(b.inputs(), head)) {
        out[at++] = v;
      }
    }
    return out;
  }

  private static double[] pick(double[] v, List<Integer> rows) {
    double[] out = new double[rows.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = v[rows.get(i)];
    }
    return out;
  }

  private static int[] pick(int[] v, List<Integer> rows) {
    int[] out = new int[rows.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = v[rows.get(i)];
    }
    return out;
  }
}
