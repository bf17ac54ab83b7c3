package org.recsys4j.examples;

import java.util.Arrays;
import java.util.Locale;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.eval.Auc;
import org.recsys4j.eval.GroupAuc;
import org.recsys4j.eval.GroupAucResult;
import org.recsys4j.eval.LogLoss;
import org.recsys4j.features.encode.FeatureEncoder;
import org.recsys4j.features.sim.FunnelSimulatorConfig;
import org.recsys4j.models.fit.EpochRecord;
import org.recsys4j.models.fit.FitLoop;
import org.recsys4j.models.fit.FitOptions;
import org.recsys4j.models.fit.History;
import org.recsys4j.models.fit.ValidationMetric;
import org.recsys4j.models.spec.ModelSpec;
import org.recsys4j.models.train.Optimizer;
import org.recsys4j.models.train.Trainer;
import org.recsys4j.models.train.TrainerConfig;
import org.recsys4j.models.zoo.FactorizationMachine;
import org.recsys4j.models.zoo.LogisticRegression;

/**
 * The main example: from simulated funnel logs to an evaluated factorization machine.
 *
 * <ol>
 *   <li>simulate 7 days of a home feed and write them as exposure, click and order log files (keyed
 *       by trace id) under {@code target/funnel-logs/logs};
 *   <li>stitch the files with the log pipeline into one Arrow file of labelled rows per day ({@code
 *       target/funnel-logs/rows}), shuffle within each day;
 *   <li>encode the samples with a feature schema (user, item, category, price bucket, position,
 *       hour, device, segment; each hashed into its own table) through {@link FeatureEncoder};
 *   <li>train the zoo's FM and, for contrast, logistic regression on days 1..6 with the {@link
 *       Trainer} through {@link FitLoop} (the test day is the FM's per-epoch validation);
 *   <li>evaluate on day 7: AUC, user-level AUC, logloss, and the share of the oracle's lift.
 * </ol>
 *
 * <p>Arguments (all optional): {@code --days N} (7), {@code --seed N} (2024), {@code --epochs N}
 * (2), {@code --users N} and {@code --requests X} (see {@link #world()}), {@code --lr X} (Adagrad,
 * 0.1), {@code --init-std X} (0.01), {@code --init-acc X} (1e-6), {@code --sim-config FILE} (a
 * simulator config in JSON, replacing {@link #world()}).
 *
 * <p>Writes an HTML report (ROC, PR and calibration curves, metrics, per-epoch loss and test AUC)
 * to {@code target/reports/funnel-fm.html}.
 *
 * <p>Prints, last, one per line: {@code auc}, {@code gauc}, {@code logloss}, {@code oracle_auc},
 * {@code oracle_lift}, {@code lr_auc}, {@code train_samples_per_s}, {@code report}.
 */
public final class FunnelFmExample {
  private static final int BATCH = 1024;
  private static final int DIM = 16;

  private FunnelFmExample() {}

  /** Runs the example. */
  public static void main(String[] args) {
    int days = 7;
    long seed = 2024;
    int epochs = 2;
    Integer users = null;
    double learningRate = 0.1;
    double initStd = 0.01;
    double initAcc = 1e-6;
    Double requests = null;
    String simJson = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--days" -> days = Integer.parseInt(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--epochs" -> epochs = Integer.parseInt(args[++i]);
        case "--users" -> users = Integer.parseInt(args[++i]);
        case "--lr" -> learningRate = Double.parseDouble(args[++i]);
        case "--init-std" -> initStd = Double.parseDouble(args[++i]);
        case "--init-acc" -> initAcc = Double.parseDouble(args[++i]);
        case "--requests" -> requests = Double.parseDouble(args[++i]);
        case "--sim-config" -> simJson = args[++i];
        default ->
            throw new IllegalArgumentException(
                "unknown argument "
                    + args[i]
                    + " (expected --days, --seed, --epochs, --users, --requests, --lr, --init-std, --init-acc,"
                    + " --sim-config FILE.json)");
      }
    }
    long start = System.nanoTime();
    FunnelSimulatorConfig.Builder cb =
        simJson == null ? world() : FunnelSimulatorConfig.fromJson(readFile(simJson)).toBuilder();
    cb.seed(seed).numDays(days);
    if (users != null) {
      cb.numUsers(users);
    }
    if (requests != null) {
      cb.meanRequestsPerUserPerDay(requests);
    }
    FeatureSchema schema = FunnelFeatures.schema(DIM);
    FunnelData data =
        FunnelData.load(
            cb.build(),
            FeatureEncoder.of(schema),
            BATCH,
            java.nio.file.Path.of("target", "funnel-logs"));
    FunnelData.Days test = data.test;
    double simSeconds = (System.nanoTime() - start) / 1e9;
    long trainRows = data.trainRows();

    ModelSpec fm = new FactorizationMachine("click", initStd, seed).build(schema);
    ModelSpec lr = new LogisticRegression("click", seed).build(schema);
    TrainerConfig config =
        TrainerConfig.defaults()
            .withBatchSize(BATCH)
            .withTableOptimizer(new Optimizer.Adagrad(learningRate, initAcc, 1e-8, 0))
            .withDenseOptimizer(Optimizer.Adam.of(0.01));
    Trainer fmTrainer = new Trainer(fm, config);
    Trainer lrTrainer = new Trainer(lr, config);
    int[] y = test.intLabels();
    // the test day doubles as the per-epoch validation of the report's training curves
    History fmHistory =
        FitLoop.of(fmTrainer).fit(data.trainSource(), data.testSource(), FitOptions.epochs(epochs));
    FitLoop.of(lrTrainer).fit(data.trainSource(), null, FitOptions.epochs(epochs));
    double[] epochLoss = fmHistory.trainLoss();
    double[] epochAuc = fmHistory.metric(ValidationMetric.AUC);
    double fmSeconds = fmHistory.epochs().stream().mapToDouble(EpochRecord::seconds).sum();

    double[] fmD = data.predictTest(fmTrainer);
    double[] lrD = data.predictTest(lrTrainer);
    fmTrainer.close();
    lrTrainer.close();
    long[] u = Arrays.copyOf(test.users, test.n);
    double[] oracle = Arrays.copyOf(test.oracle, test.n);
    double auc = Auc.exact(fmD, y);
    double lrAuc = Auc.exact(lrD, y);
    double oracleAuc = Auc.exact(oracle, y);
    GroupAucResult gauc = GroupAuc.compute(fmD, y, u, GroupAuc.Weighting.IMPRESSIONS);
    GroupAucResult lrGauc = GroupAuc.compute(lrD, y, u, GroupAuc.Weighting.IMPRESSIONS);
    GroupAucResult oracleGauc = GroupAuc.compute(oracle, y, u, GroupAuc.Weighting.IMPRESSIONS);
    double logloss = LogLoss.compute(fmD, y);
    double lrLogloss = LogLoss.compute(lrD, y);
    double oracleLogloss = LogLoss.compute(oracle, y);
    double lift = (auc - 0.5) / (oracleAuc - 0.5);
    double lrLift = (lrAuc - 0.5) / (oracleAuc - 0.5);
    double samplesPerS = trainRows * (double) epochs / fmSeconds;

    System.out.printf(
        Locale.ROOT,
        "simulated %d days: %d exposures, %d clicks, %d orders logged; stitched %d rows (%d"
            + " clicked, %d converted) in %.1f s; train %d rows on days 1..%d, test %d rows on day"
            + " %d%n",
        days,
        data.report.exposuresRead(),
        data.report.clicksRead(),
        data.report.ordersRead(),
        data.report.rowsWritten(),
        data.report.clicks(),
        data.report.conversions(),
        simSeconds,
        trainRows,
        days - 1,
        test.n,
        days);
    System.out.printf(
        Locale.ROOT, "%-8s %8s %8s %8s %12s%n", "model", "AUC", "GAUC", "logloss", "oracle lift");
    System.out.printf(
        Locale.ROOT,
        "%-8s %8.4f %8.4f %8.4f %11.1f%%%n",
        "LR",
        lrAuc,
        lrGauc.value(),
        lrLogloss,
        100 * lrLift);
    System.out.printf(
        Locale.ROOT,
        "%-8s %8.4f %8.4f %8.4f %11.1f%%%n",
        "FM",
        auc,
        gauc.value(),
        logloss,
        100 * lift);
    System.out.printf(
        Locale.ROOT,
        "%-8s %8.4f %8.4f %8.4f %11.1f%%%n",
        "oracle",
        oracleAuc,
        oracleGauc.value(),
        oracleLogloss,
        100.0);
    System.out.printf(
        Locale.ROOT,
        "GAUC over %d users (%d skipped: one class or constant"
            + " scores), weighted by impressions%n",
        gauc.groupsUsed(),
        gauc.groupsSkipped());
    System.out.printf(
        Locale.ROOT,
        "FM training: %.0f rows/s (%d epoch(s), batch %d)%n",
        samplesPerS,
        epochs,
        BATCH);
    java.nio.file.Path report = java.nio.file.Path.of("target", "reports", "funnel-fm.html");
    writeReport(report, fmD, y, u, oracleAuc, lift, lrAuc, epochLoss, epochAuc);
    System.out.printf(Locale.ROOT, "total %.1f s%n", (System.nanoTime() - start) / 1e9);
    System.out.printf(Locale.ROOT, "auc=%.4f%n", auc);
    System.out.printf(Locale.ROOT, "gauc=%.4f%n", gauc.value());
    System.out.printf(Locale.ROOT, "logloss=%.4f%n", logloss);
    System.out.printf(Locale.ROOT, "oracle_auc=%.4f%n", oracleAuc);
    System.out.printf(Locale.ROOT, "oracle_lift=%.4f%n", lift);
    System.out.printf(Locale.ROOT, "lr_auc=%.4f%n", lrAuc);
    System.out.printf(Locale.ROOT, "train_samples_per_s=%.0f%n", samplesPerS);
    System.out.println("report=" + report.toAbsolutePath());
  }

  /** The report computes AUC, GAUC, logloss and calibration itself from the predictions. */
  private static void writeReport(
      java.nio.file.Path path,
      double[] p,
      int[] y,
      long[] users,
      double oracleAuc,
      double lift,
      double lrAuc,
      double[] epochLoss,
      double[] epochAuc) {
    try {
      java.nio.file.Files.createDirectories(path.getParent());
      org.recsys4j.eval.HtmlReport.builder()
          .title("FM on simulated funnel logs: test day")
          .predictions(p, y)
          .groups(users)
          .metric("oracle_auc", oracleAuc)
          .metric("oracle_lift", lift)
          .metric("lr_auc", lrAuc)
          .trainingCurves(epochLoss, epochAuc)
          .build()
          .write(path);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot write report " + path, e);
    }
  }

  /**
   * The example's world: the simulator's effects with 2,000 users of 20 requests a day and rank-2
   * user×category and user×item factors, so that six days hold enough clicks per user for a
   * factorization machine to learn most of the static effects. The history-dependent boost stays
   * out of FM's reach (about 7% of the oracle's lift).
   */
  static FunnelSimulatorConfig.Builder world() {
    return FunnelSimulatorConfig.builder()
        .numUsers(2000)
        .meanRequestsPerUserPerDay(20)
        .affinityDim(2)
        .userItemDim(2)
        .userItemScale(0.3)
        .newUserFraction(0.1);
  }

  private static String readFile(String path) {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of(path));
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("--sim-config=" + path + " cannot be read: " + e, e);
    }
  }
}
