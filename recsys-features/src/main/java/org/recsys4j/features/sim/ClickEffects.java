package org.recsys4j.features.sim;

import org.recsys4j.core.Check;

/**
 * The planted effects of the click model {@code pClick = sigmoid(z)}, each with its size; see
 * {@link FunnelSimulatorConfig} for the formula and {@code docs/simulator.md} for the rates.
 *
 * @param clickBias intercept; sets the base CTR (default -4.0)
 * @param itemPopularitySd sd of per-item popularity {@code pop[i]} (default 0.5)
 * @param priceClickSlope {@code -slope * priceBucket / 9} (default 0.4)
 * @param affinityScale sd of the user x category affinity, the main effect (default 0.7)
 * @param userItemScale sd of the user x item interaction (default 0.4)
 * @param recentInterestBoost logit boost when the category is among the categories of the user's
 *     last {@code recentInterestWindow} clicks: the history-dependent effect (default 1.3)
 * @param recentInterestWindow how many recent clicks trigger the boost, at most {@code
 *     maxHistoryLength} (default 5)
 * @param positionBeta position bias {@code -beta * log2(1 + position)} (default 0.3)
 * @param hourCategorySd sd of the hour x category context effect (default 0.15)
 * @param appEffect logit offset of {@code DeviceType.APP}, desktop being 0 (default 0.1)
 * @param mobileWebEffect logit offset of {@code DeviceType.MOBILE_WEB} (default -0.1)
 * @param newUserEffect logit offset of {@code UserSegment.NEW} (default -0.2)
 * @param interestDriftPerDay daily AR(1) drift of the user affinities, in {@code [0, 1]} (default
 *     0)
 * @param contextTripleSd sd of the device x 4-hour block x category effect {@code
 *     t[device][hour/4][c]}, a third-order effect that pairwise models (FM) can only approximate
 *     and deep models can learn (default 0: off, and the world's other draws do not change with it)
 */
public record ClickEffects(
    double clickBias,
    double itemPopularitySd,
    double priceClickSlope,
    double affinityScale,
    double userItemScale,
    double recentInterestBoost,
    int recentInterestWindow,
    double positionBeta,
    double hourCategorySd,
    double appEffect,
    double mobileWebEffect,
    double newUserEffect,
    double interestDriftPerDay,
    double contextTripleSd) {

  /** The defaults. */
  public static final ClickEffects DEFAULTS =
      new ClickEffects(-4.0, 0.5, 0.4, 0.7, 0.4, 1.3, 5, 0.3, 0.15, 0.1, -0.1, -0.2, 0.0, 0.0);

  /**
   * Validates.
   *
   * @throws IllegalArgumentException naming the field, the value and the rule
   */
  public ClickEffects {
    Check.finite("click.clickBias", clickBias);
    Check.nonNegative("click.itemPopularitySd", itemPopularitySd);
    Check.finite("click.priceClickSlope", priceClickSlope);
    Check.nonNegative("click.affinityScale", affinityScale);
    Check.nonNegative("click.userItemScale", userItemScale);
    Check.finite("click.recentInterestBoost", recentInterestBoost);
    Check.positive("click.recentInterestWindow", recentInterestWindow);
    Check.finite("click.positionBeta", positionBeta);
    Check.nonNegative("click.hourCategorySd", hourCategorySd);
    Check.finite("click.appEffect", appEffect);
    Check.finite("click.mobileWebEffect", mobileWebEffect);
    Check.finite("click.newUserEffect", newUserEffect);
    Check.inRange("click.interestDriftPerDay", interestDriftPerDay, 0.0, 1.0);
    Check.nonNegative("click.contextTripleSd", contextTripleSd);
  }

  /**
   * The position term {@code positionBeta · log2(1 + position)} that the click logit loses at
   * {@code position} (0 at position 0), computed as the simulator computes it.
   */
  public double positionPenalty(int position) {
    return positionBeta * StrictMath.log(1.0 + position) / StrictMath.log(2.0);
  }

  /**
   * The oracle's unbiased click probability: {@code pClick} with the position term removed, {@code
   * σ(logit(pClick) + positionPenalty(position))}, i.e. the probability of a click had the item
   * been shown at position 0. Equals {@code pClick} at position 0 and is at least {@code pClick}
   * when {@code positionBeta >= 0}.
   */
  public double unbiasedClickProbability(double pClick, int position) {
    if (position == 0) {
      return pClick;
    }
    double z = StrictMath.log(pClick / (1 - pClick)) + positionPenalty(position);
    return 1 / (1 + StrictMath.exp(-z));
  }
}
