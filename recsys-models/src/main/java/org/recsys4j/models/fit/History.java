package org.recsys4j.models.fit;

import java.util.List;
import org.recsys4j.core.Check;
import org.recsys4j.eval.HtmlReport;

/**
 * The per-epoch record of a {@link FitLoop#fit} run.
 *
 * @param epochs one record per epoch trained, in order
 * @param bestEpoch the 1-based epoch with the best early-stopping metric, or 0 without early
 *     stopping
 * @param stoppedEarly whether training ended before the configured number of epochs
 * @param restoredBest whether the trainer's parameters were set back to {@code bestEpoch}'s
 */
public record History(
    List<EpochRecord> epochs, int bestEpoch, boolean stoppedEarly, boolean restoredBest) {
  /** Validates and copies. */
  public History {
    epochs = List.copyOf(Check.notNull("history.epochs", epochs));
    Check.inRange("history.bestEpoch", bestEpoch, 0, epochs.size());
  }

  /** Training loss per epoch (index 0 is epoch 1). */
  public double[] trainLoss() {
    return epochs.stream().mapToDouble(EpochRecord::trainLoss).toArray();
  }

  /** Whether every epoch computed {@code metric}. */
  public boolean has(ValidationMetric metric) {
    return !epochs.isEmpty() && epochs.stream().allMatch(e -> e.validation().containsKey(metric));
  }

  /**
   * {@code metric} per epoch (index 0 is epoch 1).
   *
   * @throws IllegalArgumentException if an epoch did not compute it
   */
  public double[] metric(ValidationMetric metric) {
    return epochs.stream().mapToDouble(e -> e.metric(metric)).toArray();
  }

  /** The last epoch's record. */
  public EpochRecord last() {
    Check.state(!epochs.isEmpty(), "history has no epoch");
    return epochs.get(epochs.size() - 1);
  }

  /**
   * Adds this history's curves to a report: {@code train_loss} and one {@code validation_<metric>}
   * series per metric every epoch computed ({@link HtmlReport.Builder#trainingSeries}).
   */
  public HtmlReport.Builder addTo(HtmlReport.Builder report) {
    Check.notNull("report", report);
    if (epochs.isEmpty()) {
      return report;
    }
    report.trainingSeries("train_loss", "Training loss", trainLoss());
    for (ValidationMetric m : ValidationMetric.values()) {
      if (has(m)) {
        String name = m.name().toLowerCase(java.util.Locale.ROOT);
        report.trainingSeries(
            "validation_" + name,
            "Validation " + (m == ValidationMetric.LOGLOSS ? "logloss" : m.name()),
            metric(m));
      }
    }
    return report;
  }
}
