package org.recsys4j.features.logs;

import java.util.Optional;
import org.recsys4j.core.Check;

/**
 * An exposure with its click and conversion labels, the output of {@link LogStitcher}.
 *
 * <p>{@code conversion} implies {@code click}: an order counts only on a clicked exposure, so the
 * samples fit the ESMM decomposition {@code p(click and conversion) = p(click) * p(conversion |
 * click)}.
 *
 * @param exposure the exposure row
 * @param click whether the exposure was clicked (duplicates collapsed)
 * @param conversion whether it was clicked and then ordered
 * @param truth the ground-truth probabilities, present for simulated logs only
 */
public record LabeledSample(
    Exposure exposure, boolean click, boolean conversion, Optional<Truth> truth) {

  /**
   * Checks that conversion implies click and that the truth belongs to the exposure.
   *
   * @throws IllegalArgumentException if {@code conversion} without {@code click}, or the truth's
   *     trace id differs from the exposure's
   */
  public LabeledSample {
    Check.notNull("labeledSample.exposure", exposure);
    Check.notNull("labeledSample.truth", truth);
    if (conversion && !click) {
      Check.arg(
          false,
          "labeledSample.conversion",
          true,
          "requires click=true (traceId=" + exposure.traceId() + ")");
    }
    if (truth.isPresent() && truth.get().traceId() != exposure.traceId()) {
      Check.arg(
          false,
          "labeledSample.truth.traceId",
          truth.get().traceId(),
          "must equal exposure.traceId=" + exposure.traceId());
    }
  }

  /** A sample without ground truth. */
  public static LabeledSample of(Exposure exposure, boolean click, boolean conversion) {
    return new LabeledSample(exposure, click, conversion, Optional.empty());
  }

  /** Shortcut for {@code exposure().day()}. */
  public int day() {
    return exposure.day();
  }

  /** Shortcut for {@code exposure().traceId()}. */
  public long traceId() {
    return exposure.traceId();
  }
}
