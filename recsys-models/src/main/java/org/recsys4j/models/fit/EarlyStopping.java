package org.recsys4j.models.fit;

import org.recsys4j.core.Check;

/**
 * Stop training when a validation metric has not improved for {@code patience} epochs.
 *
 * <p>An epoch improves when its metric beats the best so far by more than {@code minDelta} (in the
 * metric's direction, {@link ValidationMetric#higherIsBetter()}). With {@code restoreBest} the
 * trainer's parameters (tables and dense parameters, not the optimizer state) are set back to those
 * of the best epoch when training ends ({@code Trainer.snapshot()} after each improving epoch,
 * {@code Trainer.restore} at the end). A snapshot copies every row of every table, so restore-best
 * holds one extra copy of the model in memory (about {@code 4·rows·D} bytes per table) and pays
 * that copy after each improving epoch but the last.
 *
 * @param metric the metric watched
 * @param patience epochs without improvement before stopping, at least 1
 * @param minDelta the smallest change that counts as an improvement, {@code >= 0}
 * @param restoreBest whether to end with the best epoch's parameters
 */
public record EarlyStopping(
    ValidationMetric metric, int patience, double minDelta, boolean restoreBest) {
  /** Validates. */
  public EarlyStopping {
    Check.notNull("earlyStopping.metric", metric);
    Check.positive("earlyStopping.patience", patience);
    Check.nonNegative("earlyStopping.minDelta", minDelta);
    Check.finite("earlyStopping.minDelta", minDelta);
  }

  /** Watch {@code metric} with patience {@code patience}, min-delta 0, restoring the best. */
  public static EarlyStopping on(ValidationMetric metric, int patience) {
    return new EarlyStopping(metric, patience, 0, true);
  }
}
