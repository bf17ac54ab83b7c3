package org.recsys4j.models.train;

/**
 * Where training time went, in seconds, since a trainer was built or its timings reset.
 *
 * @param prepareSeconds checking and staging batches (id checks, dedupe, gathers, masks)
 * @param graphSeconds the graph's forward and backward passes (on the fused path, the Java forward
 *     and backward passes and the combination of their gradients)
 * @param updateSeconds reading gradients and applying the table and dense updates
 * @param steps the steps these seconds cover
 */
public record StepTimings(
    double prepareSeconds, double graphSeconds, double updateSeconds, long steps) {

  /** The total of the three parts. */
  public double totalSeconds() {
    return prepareSeconds + graphSeconds + updateSeconds;
  }
}
