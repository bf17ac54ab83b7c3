package org.recsys4j.features.sim;

import org.recsys4j.core.Check;

/**
 * The incumbent ranker that fills and orders each slate: a share of slots by popularity, by the
 * user's top categories, by the categories of recent clicks, and the rest uniformly (exploration);
 * the slate is ordered by {@code pop[i] + affinity + N(0, noiseSd)}.
 *
 * @param popularShare share of slots drawn from the catalogue by popularity (default 0.35)
 * @param affinityShare share drawn from one of the user's {@code topCategories} (default 0.30)
 * @param recentShare share drawn from the category of a recent click (default 0.10)
 * @param topCategories top-affinity categories per user the ranker knows, at most {@code
 *     numCategories} (default 8)
 * @param popularityExponent popularity sampling weight {@code exp(exponent * pop[i])} (default 2.0)
 * @param noiseSd noise of the ordering score (default 2.0)
 */
public record IncumbentRanker(
    double popularShare,
    double affinityShare,
    double recentShare,
    int topCategories,
    double popularityExponent,
    double noiseSd) {

  /** The defaults. */
  public static final IncumbentRanker DEFAULTS = new IncumbentRanker(0.35, 0.3, 0.1, 8, 2.0, 2.0);

  /**
   * Validates.
   *
   * @throws IllegalArgumentException naming the field, the value and the rule
   */
  public IncumbentRanker {
    Check.inRange("ranker.popularShare", popularShare, 0.0, 1.0);
    Check.inRange("ranker.affinityShare", affinityShare, 0.0, 1.0);
    Check.inRange("ranker.recentShare", recentShare, 0.0, 1.0);
    Check.arg(
        popularShare + affinityShare + recentShare <= 1.0 + 1e-12,
        "ranker.popularShare",
        popularShare,
        "must be <= 1 - affinityShare("
            + affinityShare
            + ") - recentShare("
            + recentShare
            + ") (the shares must sum to at most 1)");
    Check.positive("ranker.topCategories", topCategories);
    Check.finite("ranker.popularityExponent", popularityExponent);
    Check.nonNegative("ranker.noiseSd", noiseSd);
  }

  /** Share of slots filled uniformly at random: {@code 1 - popular - affinity - recent}. */
  public double exploreShare() {
    return 1.0 - popularShare - affinityShare - recentShare;
  }
}
