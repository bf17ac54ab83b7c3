package org.recsys4j.models.fit;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.recsys4j.core.Check;

/**
 * What one epoch of {@link FitLoop#fit} did.
 *
 * @param epoch 1-based
 * @param trainLoss the mean of the epoch's batch losses weighted by batch size
 * @param validation the validation metrics (empty without a validation source)
 * @param learningRateScale the schedule's factor at the epoch's last step
 * @param rows training examples seen
 * @param seconds wall time of the training pass (validation excluded)
 * @param step the trainer's step count at the end of the epoch
 */
public record EpochRecord(
    int epoch,
    double trainLoss,
    Map<ValidationMetric, Double> validation,
    double learningRateScale,
    long rows,
    double seconds,
    long step) {
  /** Validates and copies. */
  public EpochRecord {
    Check.positive("epoch", epoch);
    Check.notNull("validation", validation);
    validation =
        Collections.unmodifiableMap(
            validation.isEmpty()
                ? new EnumMap<>(ValidationMetric.class)
                : new EnumMap<>(validation));
  }

  /** Training examples per second. */
  public double rowsPerSecond() {
    return seconds > 0 ? rows / seconds : 0;
  }

  /**
   * The value of {@code metric}.
   *
   * @throws IllegalArgumentException if it was not computed
   */
  public double metric(ValidationMetric metric) {
    Double v = validation.get(metric);
    Check.arg(v != null, "metric", metric, "was not computed in epoch " + epoch);
    return v;
  }
}
