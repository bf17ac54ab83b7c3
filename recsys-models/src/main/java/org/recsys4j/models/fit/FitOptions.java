package org.recsys4j.models.fit;

import org.recsys4j.core.Check;

/**
 * How {@link FitLoop#fit} trains.
 *
 * @param epochs passes over the training source, at least 1 (early stopping may end sooner)
 * @param head the head whose probabilities are validated, or {@code null} for the model's first
 *     head with a loss
 * @param earlyStopping when to stop and whether to restore the best epoch, or {@code null} to train
 *     every epoch
 * @param schedule the learning-rate factor by step
 * @param gaucGroup where validation batches hold GAUC's group id, or {@code null} for no GAUC
 * @param progressSeconds the least time between two INFO progress lines inside an epoch, {@code >
 *     0}
 * @param prefetch batches prepared ahead on another thread ({@code BatchSources.prefetch}); 0 reads
 *     on the training thread
 */
public record FitOptions(
    int epochs,
    String head,
    EarlyStopping earlyStopping,
    LearningRateSchedule schedule,
    GroupKey gaucGroup,
    double progressSeconds,
    int prefetch) {

  /** Validates. */
  public FitOptions {
    Check.positive("fit.epochs", epochs);
    Check.notNull("fit.schedule", schedule);
    Check.arg(
        progressSeconds > 0 && Double.isFinite(progressSeconds),
        "fit.progressSeconds",
        progressSeconds,
        "must be finite and > 0");
    Check.nonNegative("fit.prefetch", prefetch);
    Check.arg(
        earlyStopping == null
            || earlyStopping.metric() != ValidationMetric.GAUC
            || gaucGroup != null,
        "fit.earlyStopping.metric",
        earlyStopping == null ? null : earlyStopping.metric(),
        "needs fit.gaucGroup to be set");
  }

  /**
   * {@code epochs} epochs, first head, no early stopping, constant learning rate, no GAUC, progress
   * at most every 10 s, 2 batches prefetched.
   */
  public static FitOptions epochs(int epochs) {
    return new FitOptions(epochs, null, null, LearningRateSchedule.constant(), null, 10, 2);
  }

  /** These options with another number of epochs. */
  public FitOptions withEpochs(int n) {
    return new FitOptions(n, head, earlyStopping, schedule, gaucGroup, progressSeconds, prefetch);
  }

  /** These options validating head {@code h}. */
  public FitOptions withHead(String h) {
    return new FitOptions(epochs, h, earlyStopping, schedule, gaucGroup, progressSeconds, prefetch);
  }

  /** These options with early stopping {@code e} ({@code null} for none). */
  public FitOptions withEarlyStopping(EarlyStopping e) {
    return new FitOptions(epochs, head, e, schedule, gaucGroup, progressSeconds, prefetch);
  }

  /** These options with learning-rate schedule {@code s}. */
  public FitOptions withSchedule(LearningRateSchedule s) {
    return new FitOptions(epochs, head, earlyStopping, s, gaucGroup, progressSeconds, prefetch);
  }

  /** These options computing GAUC over the groups at {@code g}. */
  public FitOptions withGaucGroup(GroupKey g) {
    return new FitOptions(epochs, head, earlyStopping, schedule, g, progressSeconds, prefetch);
  }

  /** These options logging progress at most every {@code seconds}. */
  public FitOptions withProgressSeconds(double seconds) {
    return new FitOptions(epochs, head, earlyStopping, schedule, gaucGroup, seconds, prefetch);
  }

  /** These options prefetching {@code depth} batches (0: none). */
  public FitOptions withPrefetch(int depth) {
    return new FitOptions(epochs, head, earlyStopping, schedule, gaucGroup, progressSeconds, depth);
  }
}
