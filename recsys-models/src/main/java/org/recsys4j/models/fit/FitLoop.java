package org.recsys4j.models.fit;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.recsys4j.core.Check;
import org.recsys4j.core.data.BatchSource;
import org.recsys4j.core.data.BatchSources;
import org.recsys4j.core.data.BatchStream;
import org.recsys4j.core.data.TrainingBatch;
import org.recsys4j.eval.Auc;
import org.recsys4j.eval.GroupAuc;
import org.recsys4j.eval.LogLoss;
import org.recsys4j.models.params.ModelSnapshot;
import org.recsys4j.models.spec.Head;
import org.recsys4j.models.train.Trainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link Trainer} over a {@link BatchSource} for some epochs, validating after each.
 *
 * <p>One epoch: the training source's pass {@code e−1} (prefetched on another thread when {@link
 * FitOptions#prefetch()} is positive), one {@link Trainer#fit(TrainingBatch)} per batch with the
 * learning-rate factor of {@link FitOptions#schedule()} at the step about to be taken; then, with a
 * validation source, AUC, logloss and (with {@link FitOptions#gaucGroup()}) GAUC of the validated
 * head's probabilities against its label ({@code >= 0.5} counts as positive). With {@link
 * EarlyStopping}, training stops after {@code patience} epochs without improvement and, with
 * restore-best, ends with the parameters of the best epoch.
 *
 * <p>Logging (SLF4J, logger {@code org.recsys4j.models.fit.FitLoop}): one INFO line per epoch
 * (loss, metrics, rows/s, learning-rate factor) and, inside an epoch, at most one INFO progress
 * line per {@link FitOptions#progressSeconds()} (rows, rows/s, ETA, loss); nothing per batch at
 * INFO.
 *
 * <p>Errors: a batch that does not fit the model, a label outside [0,1] or a non-finite loss fails
 * the step as {@link Trainer#fit(TrainingBatch)} does (named, no parameter changed) and ends {@code
 * fit} with that exception.
 */
public final class FitLoop {
  private static final Logger LOG = LoggerFactory.getLogger(FitLoop.class);

  private final Trainer trainer;
  private final List<FitListener> listeners = new ArrayList<>();

  private FitLoop(Trainer trainer) {
    this.trainer = Check.notNull("trainer", trainer);
  }

  /** A loop over {@code trainer}. */
  public static FitLoop of(Trainer trainer) {
    return new FitLoop(trainer);
  }

  /** Adds a listener; listeners are called in the order added. */
  public FitLoop listener(FitListener listener) {
    listeners.add(Check.notNull("listener", listener));
    return this;
  }

  /**
   * Trains.
   *
   * @param train the training data
   * @param validation the validation data, or {@code null} (then no early stopping)
   * @param options epochs, early stopping, schedule, progress
   * @return the per-epoch history
   * @throws IllegalArgumentException if an argument breaks a rule (named), or a batch does not fit
   *     the model
   * @throws IllegalStateException if a loss or gradient is not finite
   */
  public History fit(BatchSource train, BatchSource validation, FitOptions options) {
    Check.notNull("train", train);
    Check.notNull("options", options);
    Head head = head(options);
    Check.arg(
        train.batchSize() <= trainer.config().batchSize(),
        train.name() + ".batchSize",
        train.batchSize(),
        "must be <= trainer.batchSize=" + trainer.config().batchSize());
    EarlyStopping stop = options.earlyStopping();
    Check.arg(
        stop == null || validation != null, "fit.earlyStopping", stop, "needs a validation source");
    BatchSource source =
        options.prefetch() > 0 ? BatchSources.prefetch(train, options.prefetch()) : train;
    List<EpochRecord> records = new ArrayList<>();
    double best = Double.NaN;
    int bestEpoch = 0;
    int sinceBest = 0;
    ModelSnapshot bestSnapshot = null;
    boolean stoppedEarly = false;
    for (int e = 1; e <= options.epochs(); e++) {
      for (FitListener l : listeners) {
        l.onEpochStart(e);
      }
      EpochRecord r = trainEpoch(source, e, options);
      if (validation != null) {
        r =
            new EpochRecord(
                r.epoch(),
                r.trainLoss(),
                evaluate(validation, head, options),
                r.learningRateScale(),
                r.rows(),
                r.seconds(),
                r.step());
      }
      records.add(r);
      LOG.info("{}", describe(r, options.epochs()));
      for (FitListener l : listeners) {
        l.onEpochEnd(r);
      }
      if (stop != null) {
        double v = r.metric(stop.metric());
        if (stop.metric().improves(v, best, stop.minDelta())) {
          best = v;
          bestEpoch = e;
          sinceBest = 0;
          if (stop.restoreBest() && e < options.epochs()) {
            bestSnapshot = trainer.snapshot();
          }
        } else if (++sinceBest >= stop.patience()) {
          stoppedEarly = e < options.epochs();
          LOG.info(
              "early stop after epoch {}: validation {} has not improved on {} (epoch {}) for {}"
                  + " epoch(s)",
              e,
              stop.metric().name().toLowerCase(Locale.ROOT),
              String.format(Locale.ROOT, "%.6f", best),
              bestEpoch,
              sinceBest);
          break;
        }
      }
    }
    boolean restored = false;
    if (stop != null && stop.restoreBest() && bestEpoch != records.size() && bestSnapshot != null) {
      trainer.restore(bestSnapshot);
      restored = true;
      LOG.info("restored the parameters of epoch {} (best validation)", bestEpoch);
    }
    History h = new History(records, bestEpoch, stoppedEarly, restored);
    for (FitListener l : listeners) {
      l.onFitEnd(h);
    }
    return h;
  }

  private Head head(FitOptions options) {
    if (options.head() != null) {
      Head h = trainer.spec().head(options.head());
      Check.arg(
          h.hasLoss() && !h.label().isEmpty(),
          "fit.head",
          options.head(),
          "must be a head with a label");
      return h;
    }
    return trainer.spec().heads().stream()
        .filter(h -> h.hasLoss() && !h.label().isEmpty())
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "model " + trainer.spec().name() + " must have a head with a loss to fit"));
  }

  private EpochRecord trainEpoch(BatchSource source, int epoch, FitOptions options) {
    long t0 = System.nanoTime();
    long nextReport = t0 + (long) (options.progressSeconds() * 1e9);
    long rows = 0;
    double lossSum = 0;
    double scale = trainer.learningRateScale();
    long total = source.rows();
    try (BatchStream s = source.open(epoch - 1)) {
      for (TrainingBatch b; (b = s.next()) != null; ) {
        double want = options.schedule().scale(trainer.step() + 1);
        if (want != scale) {
          trainer.setLearningRateScale(want);
          scale = want;
        }
        float loss = trainer.fit(b);
        rows += b.size();
        lossSum += (double) loss * b.size();
        for (FitListener l : listeners) {
          l.onBatchEnd(trainer.step(), b.size(), loss);
        }
        long now = System.nanoTime();
        if (now >= nextReport) {
          nextReport = now + (long) (options.progressSeconds() * 1e9);
          double sec = (now - t0) / 1e9;
          double rate = rows / sec;
          Progress p =
              new Progress(
                  epoch,
                  options.epochs(),
                  rows,
                  total,
                  rate,
                  total > 0 ? Math.max(0, total - rows) / rate : Double.NaN,
                  lossSum / rows);
          LOG.info("{}", describe(p));
          for (FitListener l : listeners) {
            l.onProgress(p);
          }
        }
      }
    }
    Check.state(rows > 0, "training source %s yielded no batch in epoch %s", source.name(), epoch);
    double sec = (System.nanoTime() - t0) / 1e9;
    return new EpochRecord(epoch, lossSum / rows, Map.of(), scale, rows, sec, trainer.step());
  }

  /**
   * The validation metrics of the trainer's current parameters on {@code validation}: AUC, logloss
   * and, with {@link FitOptions#gaucGroup()}, GAUC of {@link FitOptions#head()}.
   *
   * @throws IllegalArgumentException if the source yields no rows, only one class, or lacks the
   *     head's label or the group input
   */
  public Map<ValidationMetric, Double> evaluate(BatchSource validation, FitOptions options) {
    Check.notNull("validation", validation);
    Check.notNull("options", options);
    return evaluate(validation, head(options), options);
  }

  private Map<ValidationMetric, Double> evaluate(
      BatchSource validation, Head head, FitOptions options) {
    double[] p = new double[1024];
    int[] y = new int[1024];
    long[] g = new long[1024];
    int n = 0;
    GroupKey key = options.gaucGroup();
    try (BatchStream s = validation.open(0)) {
      for (TrainingBatch b; (b = s.next()) != null; ) {
        float[] scores = trainer.predict(b.inputs(), head.name());
        float[] labels = b.labels().get(head.label());
        Check.arg(
            labels != null,
            validation.name() + " labels",
            b.labels().keySet(),
            "must hold the label '" + head.label() + "' of head " + head.name());
        int[] groups = null;
        int width = 0;
        if (key != null) {
          groups = b.inputs().ints(key.input());
          width = groups.length / b.size();
          Check.arg(
              key.column() < width,
              "fit.gaucGroup.column",
              key.column(),
              "must be < the width " + width + " of input " + key.input());
        }
        if (n + b.size() > p.length) {
          int cap = Math.max(p.length * 2, n + b.size());
          p = java.util.Arrays.copyOf(p, cap);
          y = java.util.Arrays.copyOf(y, cap);
          g = java.util.Arrays.copyOf(g, cap);
        }
        for (int i = 0; i < b.size(); i++) {
          p[n] = scores[i];
          y[n] = labels[i] >= 0.5f ? 1 : 0;
          if (groups != null) {
            g[n] = groups[i * width + key.column()];
          }
          n++;
        }
      }
    }
    Check.arg(n > 0, validation.name() + ".rows", 0, "must be > 0 to validate");
    p = java.util.Arrays.copyOf(p, n);
    y = java.util.Arrays.copyOf(y, n);
    Map<ValidationMetric, Double> out = new EnumMap<>(ValidationMetric.class);
    out.put(ValidationMetric.AUC, Auc.exact(p, y));
    if (key != null) {
      out.put(
          ValidationMetric.GAUC,
          GroupAuc.compute(p, y, java.util.Arrays.copyOf(g, n), GroupAuc.Weighting.IMPRESSIONS)
              .value());
    }
    out.put(ValidationMetric.LOGLOSS, LogLoss.compute(p, y));
    return out;
  }

  private static String describe(EpochRecord r, int epochs) {
    StringBuilder s =
        new StringBuilder(
            String.format(
                Locale.ROOT, "epoch %d/%d: train loss %.5f", r.epoch(), epochs, r.trainLoss()));
    if (!r.validation().isEmpty()) {
      s.append(", validation");
      r.validation()
          .forEach(
              (m, v) ->
                  s.append(
                      String.format(
                          Locale.ROOT, " %s %.5f", m.name().toLowerCase(Locale.ROOT), v)));
    }
    s.append(
        String.format(
            Locale.ROOT,
            "; %d rows in %.1f s (%.0f rows/s), lr scale %.4g, step %d",
            r.rows(),
            r.seconds(),
            r.rowsPerSecond(),
            r.learningRateScale(),
            r.step()));
    return s.toString();
  }

  private static String describe(Progress p) {
    String done =
        p.totalRows() > 0
            ? String.format(
                Locale.ROOT,
                "%d/%d rows (%.0f%%), ETA %.0f s",
                p.rows(),
                p.totalRows(),
                100.0 * p.rows() / p.totalRows(),
                p.etaSeconds())
            : p.rows() + " rows";
    return String.format(
        Locale.ROOT,
        "epoch %d/%d: %s, %.0f rows/s, loss %.5f",
        p.epoch(),
        p.epochs(),
        done,
        p.rowsPerSecond(),
        p.meanLoss());
  }
}
