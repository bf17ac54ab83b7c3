package org.recsys4j.features.sim;

import org.recsys4j.core.Check;

/**
 * The planted effects of the conversion model {@code pConv = sigmoid(conversionBias + q[i] - s[u] *
 * (priceBucket - 4.5) / 4.5)}.
 *
 * @param conversionBias intercept; sets the base CVR (default -2.3)
 * @param itemQualitySd sd of per-item quality {@code q[i]}, independent of popularity (default 0.6)
 * @param priceSensitivityMean mean of the user price sensitivity {@code s[u]} (default 0.8)
 * @param priceSensitivitySd sd of {@code s[u]} (default 0.5)
 */
public record ConversionEffects(
    double conversionBias,
    double itemQualitySd,
    double priceSensitivityMean,
    double priceSensitivitySd) {

  /** The defaults. */
  public static final ConversionEffects DEFAULTS = new ConversionEffects(-2.3, 0.6, 0.8, 0.5);

  /**
   * Validates.
   *
   * @throws IllegalArgumentException naming the field, the value and the rule
   */
  public ConversionEffects {
    Check.finite("conversion.conversionBias", conversionBias);
    Check.nonNegative("conversion.itemQualitySd", itemQualitySd);
    Check.finite("conversion.priceSensitivityMean", priceSensitivityMean);
    Check.nonNegative("conversion.priceSensitivitySd", priceSensitivitySd);
  }
}
