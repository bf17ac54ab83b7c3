package org.recsys4j.features.sim;

import org.recsys4j.core.Check;

/**
 * The size of the simulated world and the shape of its latent factors.
 *
 * @param numUsers number of users (default 20,000)
 * @param numItems number of items, at least {@code numCategories} (default 5,000)
 * @param numCategories number of item categories (default 50)
 * @param categoryZipfExponent category sizes follow {@code 1/(rank+1)^exponent}; 0 gives equal
 *     sizes (default 0.8)
 * @param newUserFraction fraction of users who join on a uniformly drawn logged day (segment NEW
 *     that day, no burn-in history) (default 0.2)
 * @param affinityDim dimension of the user and category vectors of the affinity term (default 8)
 * @param userItemDim dimension of the user and item vectors of the user-item term (default 8)
 */
public record WorldScale(
    int numUsers,
    int numItems,
    int numCategories,
    double categoryZipfExponent,
    double newUserFraction,
    int affinityDim,
    int userItemDim) {

  /** The defaults. */
  public static final WorldScale DEFAULTS = new WorldScale(20_000, 5_000, 50, 0.8, 0.2, 8, 8);

  /**
   * Validates.
   *
   * @throws IllegalArgumentException naming the field, the value and the rule
   */
  public WorldScale {
    Check.positive("scale.numUsers", numUsers);
    Check.positive("scale.numItems", numItems);
    Check.positive("scale.numCategories", numCategories);
    Check.arg(
        numItems >= numCategories,
        "scale.numItems",
        numItems,
        "must be >= numCategories=" + numCategories + " (every category needs an item)");
    Check.nonNegative("scale.categoryZipfExponent", categoryZipfExponent);
    Check.inRange("scale.newUserFraction", newUserFraction, 0.0, 1.0);
    Check.positive("scale.affinityDim", affinityDim);
    Check.positive("scale.userItemDim", userItemDim);
  }
}
