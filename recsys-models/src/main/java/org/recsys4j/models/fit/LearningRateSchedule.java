package org.recsys4j.models.fit;

import org.recsys4j.core.Check;

/**
 * A factor on every optimizer's learning rate by step ({@code Trainer.setLearningRateScale}):
 * linear warm-up, then decay.
 *
 * <p>For 1-based step {@code t} and {@code u = t − warmupSteps}:
 *
 * <ul>
 *   <li>warm-up ({@code t <= warmupSteps}): {@code t / warmupSteps};
 *   <li>then {@link Decay#NONE}: 1; {@link Decay#EXPONENTIAL}: {@code max(minScale, decayRate^(u /
 *       decaySteps))}; {@link Decay#COSINE}: {@code minScale + (1 − minScale)·(1 + cos(π·min(1, u /
 *       decaySteps)))/2}.
 * </ul>
 *
 * @param warmupSteps steps of linear warm-up, 0 for none
 * @param decay the decay after warm-up
 * @param decaySteps steps over which decay acts (exponential: steps per factor {@code decayRate};
 *     cosine: steps to reach {@code minScale}), at least 1
 * @param decayRate the factor per {@code decaySteps} of exponential decay, in (0, 1]
 * @param minScale the floor of the factor, in [0, 1]
 */
public record LearningRateSchedule(
    long warmupSteps, Decay decay, long decaySteps, double decayRate, double minScale) {

  /** The decay after warm-up. */
  public enum Decay {
    /** Constant factor 1. */
    NONE,
    /** {@code decayRate^(u / decaySteps)}, floored at {@code minScale}. */
    EXPONENTIAL,
    /** Half a cosine from 1 down to {@code minScale} over {@code decaySteps}. */
    COSINE
  }

  /** Validates. */
  public LearningRateSchedule {
    Check.arg(warmupSteps >= 0, "schedule.warmupSteps", warmupSteps, "must be >= 0");
    Check.notNull("schedule.decay", decay);
    Check.positive("schedule.decaySteps", decaySteps);
    Check.arg(
        decayRate > 0 && decayRate <= 1, "schedule.decayRate", decayRate, "must be in (0, 1]");
    Check.inRange("schedule.minScale", minScale, 0, 1);
  }

  /** No warm-up, no decay: the optimizers' own learning rates throughout. */
  public static LearningRateSchedule constant() {
    return new LearningRateSchedule(0, Decay.NONE, 1, 1, 0);
  }

  /** This schedule with {@code steps} of linear warm-up. */
  public LearningRateSchedule withWarmup(long steps) {
    return new LearningRateSchedule(steps, decay, decaySteps, decayRate, minScale);
  }

  /** This schedule with exponential decay by {@code rate} every {@code steps} steps. */
  public LearningRateSchedule withExponentialDecay(double rate, long steps) {
    return new LearningRateSchedule(warmupSteps, Decay.EXPONENTIAL, steps, rate, minScale);
  }

  /** This schedule with cosine decay to {@code floor} over {@code steps} steps. */
  public LearningRateSchedule withCosineDecay(long steps, double floor) {
    return new LearningRateSchedule(warmupSteps, Decay.COSINE, steps, decayRate, floor);
  }

  /** The factor at 1-based step {@code step}, in (0, 1]. */
  public double scale(long step) {
    Check.arg(step >= 1, "schedule.step", step, "must be >= 1");
    if (step <= warmupSteps) {
      return (double) step / warmupSteps;
    }
    double u = step - warmupSteps;
    double s =
        switch (decay) {
          case NONE -> 1;
          case EXPONENTIAL -> Math.max(minScale, Math.pow(decayRate, u / decaySteps));
          case COSINE ->
              minScale + (1 - minScale) * (1 + Math.cos(Math.PI * Math.min(1, u / decaySteps))) / 2;
        };
    // the trainer needs a positive factor: a floor of 0 is reached as the smallest float step
    return Math.max(s, 1e-12);
  }
}
