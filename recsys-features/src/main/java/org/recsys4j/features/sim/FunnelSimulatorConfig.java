package org.recsys4j.features.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.recsys4j.core.Check;
import org.recsys4j.core.json.TypedJson;

/**
 * Immutable configuration of a {@link FunnelSimulator}: scale, every planted effect size, the
 * incumbent ranker and the rate of log dirt.
 *
 * <p>The true click probability of user {@code u} seeing item {@code i} (category {@code c}, price
 * bucket {@code b}) at slate position {@code p}, hour {@code t}, on device {@code dev} is {@code
 * sigmoid(z)} with
 *
 * <pre>
 *   z = clickBias
 *     + pop[i]                                          // itemPopularitySd
 *     - priceClickSlope * b / 9
 *     + affinityScale * (u_aff . c_aff) / sqrt(affinityDim)   // main effect, second order
 *     + userItemScale * (u_item . v_item) / sqrt(userItemDim)
 *     + recentInterestBoost * [c in categories of the user's last recentInterestWindow clicks]
 *     - positionBeta * log2(1 + p)
 *     + hc[t][c]                                        // hourCategorySd
 *     + deviceEffect[dev] + newUserEffect * [segment == NEW]
 * </pre>
 *
 * and the true conversion probability given a click is {@code sigmoid(conversionBias + q[i] - s[u]
 * * (b - 4.5) / 4.5)} with item quality {@code q[i] ~ N(0, itemQualitySd)} (independent of {@code
 * pop[i]}) and user price sensitivity {@code s[u] ~ N(priceSensitivityMean, priceSensitivitySd)}.
 * All latent vectors have i.i.d. {@code N(0, 1)} entries. Only the recent-interest term depends on
 * the user's history; a factorization machine on (user, item, category, price bucket, position,
 * hour, device, segment) can in principle learn every other term. See {@code docs/simulator.md} for
 * the table of defaults and the resulting rates.
 *
 * <p>Built with {@link #builder()}; {@link Builder#build()} checks every value and names the field,
 * the value and the rule in the message. Serialises to JSON with {@code type} and {@code version}.
 */
public final class FunnelSimulatorConfig {
  /** The {@code type} written to JSON. */
  public static final String JSON_TYPE = "FunnelSimulatorConfig";

  /** The JSON format version written by {@link #toJson()}. */
  public static final int JSON_VERSION = 1;

  /** Milliseconds in a day. */
  public static final long DAY_MILLIS = 86_400_000L;


  private final long seed;
  private final int numUsers;
  private final int numItems;
  private final int numCategories;
  private final int numDays;
  private final int burnInDays;
  private final double meanRequestsPerUserPerDay;
  private final double activitySd;
  private final int slateSize;
  private final double newUserFraction;
  private final int maxHistoryLength;
  private final long startEpochMillis;
  private final double categoryZipfExponent;
  private final int affinityDim;
  private final int userItemDim;
  private final double clickBias;
  private final double itemPopularitySd;
  private final double priceClickSlope;
  private final double affinityScale;
  private final double userItemScale;
  private final double recentInterestBoost;
  private final int recentInterestWindow;
  private final double positionBeta;
  private final double hourCategorySd;
  private final double appEffect;
  private final double mobileWebEffect;
  private final double newUserEffect;
  private final double conversionBias;
  private final double itemQualitySd;
  private final double priceSensitivityMean;
  private final double priceSensitivitySd;
  private final double interestDriftPerDay;
  private final double rankerPopularShare;
  private final double rankerAffinityShare;
  private final double rankerRecentShare;
  private final int rankerTopCategories;
  private final double rankerPopularityExponent;
  private final double rankerNoiseSd;
  private final double duplicateClickRate;
  private final double orphanClickRate;
  private final double duplicateOrderRate;
  private final double orphanOrderRate;

  private FunnelSimulatorConfig(Builder b) {
    this.seed = b.seed;
    this.numUsers = b.numUsers;
    this.numItems = b.numItems;
    this.numCategories = b.numCategories;
    this.numDays = b.numDays;
    this.burnInDays = b.burnInDays;
    this.meanRequestsPerUserPerDay = b.meanRequestsPerUserPerDay;
    this.activitySd = b.activitySd;
    this.slateSize = b.slateSize;
    this.newUserFraction = b.newUserFraction;
    this.maxHistoryLength = b.maxHistoryLength;
    this.startEpochMillis = b.startEpochMillis;
    this.categoryZipfExponent = b.categoryZipfExponent;
    this.affinityDim = b.affinityDim;
    this.userItemDim = b.userItemDim;
    this.clickBias = b.clickBias;
    this.itemPopularitySd = b.itemPopularitySd;
    this.priceClickSlope = b.priceClickSlope;
    this.affinityScale = b.affinityScale;
    this.userItemScale = b.userItemScale;
    this.recentInterestBoost = b.recentInterestBoost;
    this.recentInterestWindow = b.recentInterestWindow;
    this.positionBeta = b.positionBeta;
    this.hourCategorySd = b.hourCategorySd;
    this.appEffect = b.appEffect;
    this.mobileWebEffect = b.mobileWebEffect;
    this.newUserEffect = b.newUserEffect;
    this.conversionBias = b.conversionBias;
    this.itemQualitySd = b.itemQualitySd;
    this.priceSensitivityMean = b.priceSensitivityMean;
    this.priceSensitivitySd = b.priceSensitivitySd;
    this.interestDriftPerDay = b.interestDriftPerDay;
    this.rankerPopularShare = b.rankerPopularShare;
    this.rankerAffinityShare = b.rankerAffinityShare;
    this.rankerRecentShare = b.rankerRecentShare;
    this.rankerTopCategories = b.rankerTopCategories;
    this.rankerPopularityExponent = b.rankerPopularityExponent;
    this.rankerNoiseSd = b.rankerNoiseSd;
    this.duplicateClickRate = b.duplicateClickRate;
    this.orphanClickRate = b.orphanClickRate;
    this.duplicateOrderRate = b.duplicateOrderRate;
    this.orphanOrderRate = b.orphanOrderRate;
  }

  /** A builder with every default. */
  public static Builder builder() {
    return new Builder();
  }

  /** The default configuration. */
  public static FunnelSimulatorConfig defaults() {
    return builder().build();
  }

  /** A builder holding this configuration's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.seed = seed;
    b.numUsers = numUsers;
    b.numItems = numItems;
    b.numCategories = numCategories;
    b.numDays = numDays;
    b.burnInDays = burnInDays;
    b.meanRequestsPerUserPerDay = meanRequestsPerUserPerDay;
    b.activitySd = activitySd;
    b.slateSize = slateSize;
    b.newUserFraction = newUserFraction;
    b.maxHistoryLength = maxHistoryLength;
    b.startEpochMillis = startEpochMillis;
    b.categoryZipfExponent = categoryZipfExponent;
    b.affinityDim = affinityDim;
    b.userItemDim = userItemDim;
    b.clickBias = clickBias;
    b.itemPopularitySd = itemPopularitySd;
    b.priceClickSlope = priceClickSlope;
    b.affinityScale = affinityScale;
    b.userItemScale = userItemScale;
    b.recentInterestBoost = recentInterestBoost;
    b.recentInterestWindow = recentInterestWindow;
    b.positionBeta = positionBeta;
    b.hourCategorySd = hourCategorySd;
    b.appEffect = appEffect;
    b.mobileWebEffect = mobileWebEffect;
    b.newUserEffect = newUserEffect;
    b.conversionBias = conversionBias;
    b.itemQualitySd = itemQualitySd;
    b.priceSensitivityMean = priceSensitivityMean;
    b.priceSensitivitySd = priceSensitivitySd;
    b.interestDriftPerDay = interestDriftPerDay;
    b.rankerPopularShare = rankerPopularShare;
    b.rankerAffinityShare = rankerAffinityShare;
    b.rankerRecentShare = rankerRecentShare;
    b.rankerTopCategories = rankerTopCategories;
    b.rankerPopularityExponent = rankerPopularityExponent;
    b.rankerNoiseSd = rankerNoiseSd;
    b.duplicateClickRate = duplicateClickRate;
    b.orphanClickRate = orphanClickRate;
    b.duplicateOrderRate = duplicateOrderRate;
    b.orphanOrderRate = orphanOrderRate;
    return b;
  }

  /** Seed of every random draw; same config, same logs. Default {@code 42}. */
  public long seed() {
    return seed;
  }

  /** Number of users. Default {@code 20000}. */
  public int numUsers() {
    return numUsers;
  }

  /** Number of items; at least {@code numCategories}. Default {@code 5000}. */
  public int numItems() {
    return numItems;
  }

  /** Number of item categories. Default {@code 50}. */
  public int numCategories() {
    return numCategories;
  }

  /** Number of logged days streamed by {@link FunnelSimulator#nextDay()}. Default {@code 7}. */
  public int numDays() {
    return numDays;
  }

  /**
   * Unlogged days simulated before day 0 so that returning users start with a click history.
   * Default {@code 2}.
   */
  public int burnInDays() {
    return burnInDays;
  }

  /**
   * Mean feed requests per active user per day (Poisson, scaled by the user's activity). Default
   * {@code 3.0}.
   */
  public double meanRequestsPerUserPerDay() {
    return meanRequestsPerUserPerDay;
  }

  /**
   * Log-normal sigma of per-user activity (mean activity is 1); 0 makes all users equally active.
   * Default {@code 0.8}.
   */
  public double activitySd() {
    return activitySd;
  }

  /** Items per request; positions are {@code 0..slateSize-1}. Default {@code 10}. */
  public int slateSize() {
    return slateSize;
  }

  /**
   * Fraction of users who join on a uniformly drawn logged day (segment NEW that day, RETURNING
   * after, no burn-in history). Default {@code 0.2}.
   */
  public double newUserFraction() {
    return newUserFraction;
  }

  /** Maximum length of {@code Exposure.recentClickedItems}. Default {@code 20}. */
  public int maxHistoryLength() {
    return maxHistoryLength;
  }

  /**
   * Epoch milliseconds of the start of day 0 (default 2024-01-01T00:00Z); a multiple of one day so
   * that {@code hourOfDay} is the UTC hour. Default {@code 1704067200000}.
   */
  public long startEpochMillis() {
    return startEpochMillis;
  }

  /**
   * Category sizes follow {@code 1/(rank+1)^exponent}; 0 gives equal sizes. Default {@code 0.8}.
   */
  public double categoryZipfExponent() {
    return categoryZipfExponent;
  }

  /** Dimension of the user and category latent vectors of the affinity term. Default {@code 8}. */
  public int affinityDim() {
    return affinityDim;
  }

  /** Dimension of the user and item latent vectors of the user-item term. Default {@code 8}. */
  public int userItemDim() {
    return userItemDim;
  }

  /** Click logit intercept; sets the base CTR. Default {@code -4.0}. */
  public double clickBias() {
    return clickBias;
  }

  /**
   * Standard deviation of the per-item click popularity {@code pop[i] ~ N(0, sd)}. Default {@code
   * 0.5}.
   */
  public double itemPopularitySd() {
    return itemPopularitySd;
  }

  /**
   * Price effect on clicks: {@code -priceClickSlope * priceBucket / 9} (bucket 9 is {@code
   * priceClickSlope} lower than bucket 0). Default {@code 0.4}.
   */
  public double priceClickSlope() {
    return priceClickSlope;
  }

  /**
   * Standard deviation of the user-category affinity {@code affinityScale * (u . c) /
   * sqrt(affinityDim)}, {@code u, c ~ N(0, I)}; the main effect. Default {@code 0.7}.
   */
  public double affinityScale() {
    return affinityScale;
  }

  /**
   * Standard deviation of the user-item interaction {@code userItemScale * (w . v) /
   * sqrt(userItemDim)}. Default {@code 0.4}.
   */
  public double userItemScale() {
    return userItemScale;
  }

  /**
   * Logit boost {@code h} when the item's category is among the categories of the user's last
   * {@code recentInterestWindow} clicks; the history-dependent effect no static model can learn.
   * Default {@code 1.3}.
   */
  public double recentInterestBoost() {
    return recentInterestBoost;
  }

  /**
   * Number of most recent clicks whose categories trigger the recent-interest boost; at most {@code
   * maxHistoryLength}. Default {@code 5}.
   */
  public int recentInterestWindow() {
    return recentInterestWindow;
  }

  /** Position bias {@code -positionBeta * log2(1 + position)}. Default {@code 0.3}. */
  public double positionBeta() {
    return positionBeta;
  }

  /**
   * Standard deviation of the hour-by-category context effect {@code hc[hour][category] ~ N(0,
   * sd)}. Default {@code 0.15}.
   */
  public double hourCategorySd() {
    return hourCategorySd;
  }

  /**
   * Click logit offset of {@code DeviceType.APP} (desktop is the reference, 0). Default {@code
   * 0.1}.
   */
  public double appEffect() {
    return appEffect;
  }

  /** Click logit offset of {@code DeviceType.MOBILE_WEB}. Default {@code -0.1}. */
  public double mobileWebEffect() {
    return mobileWebEffect;
  }

  /** Click logit offset of {@code UserSegment.NEW}. Default {@code -0.2}. */
  public double newUserEffect() {
    return newUserEffect;
  }

  /** Conversion-given-click logit intercept; sets the base CVR. Default {@code -2.3}. */
  public double conversionBias() {
    return conversionBias;
  }

  /**
   * Standard deviation of the per-item quality {@code q[i] ~ N(0, sd)}, independent of click
   * popularity. Default {@code 0.6}.
   */
  public double itemQualitySd() {
    return itemQualitySd;
  }

  /**
   * Mean user price sensitivity {@code s[u]}; conversion term {@code -s[u] * (priceBucket - 4.5) /
   * 4.5}. Default {@code 0.8}.
   */
  public double priceSensitivityMean() {
    return priceSensitivityMean;
  }

  /**
   * Standard deviation of the user price sensitivity {@code s[u] ~ N(mean, sd)}. Default {@code
   * 0.5}.
   */
  public double priceSensitivitySd() {
    return priceSensitivitySd;
  }

  /**
   * Daily drift of the user affinity vectors, {@code u <- sqrt(1 - d^2) u + d * N(0, I)} at each
   * day start; 0 keeps affinities static (then a static model can learn them). Default {@code 0.0}.
   */
  public double interestDriftPerDay() {
    return interestDriftPerDay;
  }

  /**
   * Share of slate slots the incumbent ranker fills from the whole catalogue by popularity. Default
   * {@code 0.35}.
   */
  public double rankerPopularShare() {
    return rankerPopularShare;
  }

  /**
   * Share filled from one of the user's top {@code rankerTopCategories} affinity categories.
   * Default {@code 0.3}.
   */
  public double rankerAffinityShare() {
    return rankerAffinityShare;
  }

  /**
   * Share filled from the category of one of the user's recent clicks (else by popularity); the
   * rest is uniform exploration. Default {@code 0.1}.
   */
  public double rankerRecentShare() {
    return rankerRecentShare;
  }

  /**
   * How many top-affinity categories per user the incumbent ranker knows (from the day-0
   * affinities). Default {@code 8}.
   */
  public int rankerTopCategories() {
    return rankerTopCategories;
  }

  /**
   * Popularity sampling weight {@code exp(exponent * pop[i])}; 0 samples uniformly. Default {@code
   * 2.0}.
   */
  public double rankerPopularityExponent() {
    return rankerPopularityExponent;
  }

  /**
   * Noise on the incumbent score {@code pop[i] + affinity + N(0, sd)} that orders the slate into
   * positions. Default {@code 2.0}.
   */
  public double rankerNoiseSd() {
    return rankerNoiseSd;
  }

  /**
   * Probability that a click row is logged twice (same trace id, up to 5 s later). Default {@code
   * 0.005}.
   */
  public double duplicateClickRate() {
    return duplicateClickRate;
  }

  /** Orphan click rows (trace id of no exposure) per real click. Default {@code 0.001}. */
  public double orphanClickRate() {
    return orphanClickRate;
  }

  /** Probability that an order row is logged twice. Default {@code 0.005}. */
  public double duplicateOrderRate() {
    return duplicateOrderRate;
  }

  /** Orphan order rows per real order. Default {@code 0.001}. */
  public double orphanOrderRate() {
    return orphanOrderRate;
  }

  /** Share of slate slots filled uniformly at random: {@code 1 - popular - affinity - recent}. */
  public double rankerExploreShare() {
    return 1.0 - rankerPopularShare - rankerAffinityShare - rankerRecentShare;
  }

  /**
   * JSON with {@code "type"}, {@code "version"} and every parameter by name.
   *
   * <p>Doubles are written in shortest round-trip form, so {@code fromJson(toJson())} equals this.
   */
  public String toJson() {
    ObjectNode node = TypedJson.envelope(JSON_TYPE, JSON_VERSION);
    for (Param p : PARAMS.values()) {
      Number v = p.get.apply(this);
      switch (p.kind) {
        case LONG -> node.put(p.name, v.longValue());
        case INT -> node.put(p.name, v.intValue());
        case DOUBLE -> node.put(p.name, v.doubleValue());
        default -> throw new AssertionError(p.kind);
      }
    }
    return node.toString();
  }

  /**
   * Reads {@link #toJson()} output. Parameters that are absent keep their defaults.
   *
   * @throws IllegalArgumentException on malformed JSON, a wrong type or version, an unknown key, a
   *     non-numeric or non-integral value where an integer is needed, or an invalid configuration
   */
  public static FunnelSimulatorConfig fromJson(String json) {
    JsonNode node = TypedJson.read(json, JSON_TYPE, JSON_VERSION);
    Builder b = builder();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String key = e.getKey();
      if (TypedJson.isEnvelopeKey(key)) {
        continue;
      }
      Param p = PARAMS.get(key);
      Check.arg(p != null, "json.key", key, "is not a FunnelSimulatorConfig parameter");
      JsonNode v = e.getValue();
      Check.arg(v.isNumber(), "json." + key, v, "must be a number");
      switch (p.kind) {
        case LONG -> {
          Check.arg(
              v.canConvertToLong() && v.isIntegralNumber(), "json." + key, v, "must be a long");
          p.set.accept(b, v.longValue());
        }
        case INT -> {
          Check.arg(
              v.canConvertToInt() && v.isIntegralNumber(), "json." + key, v, "must be an int");
          p.set.accept(b, v.intValue());
        }
        case DOUBLE -> p.set.accept(b, v.doubleValue());
        default -> throw new AssertionError(p.kind);
      }
    }
    return b.build();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FunnelSimulatorConfig other)) {
      return false;
    }
    for (Param p : PARAMS.values()) {
      Number a = p.get.apply(this);
      Number c = p.get.apply(other);
      boolean same =
          p.kind == Kind.DOUBLE
              ? Double.compare(a.doubleValue(), c.doubleValue()) == 0
              : a.longValue() == c.longValue();
      if (!same) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = 1;
    for (Param p : PARAMS.values()) {
      Number v = p.get.apply(this);
      h =
          31 * h
              + (p.kind == Kind.DOUBLE
                  ? Double.hashCode(v.doubleValue())
                  : Long.hashCode(v.longValue()));
    }
    return h;
  }

  /** The JSON form. */
  @Override
  public String toString() {
    return toJson();
  }

  /** Fluent builder; every setter has the default stated in its Javadoc. */
  public static final class Builder {
    private long seed = 42L;
    private int numUsers = 20_000;
    private int numItems = 5_000;
    private int numCategories = 50;
    private int numDays = 7;
    private int burnInDays = 2;
    private double meanRequestsPerUserPerDay = 3.0;
    private double activitySd = 0.8;
    private int slateSize = 10;
    private double newUserFraction = 0.2;
    private int maxHistoryLength = 20;
    private long startEpochMillis = 1_704_067_200_000L;
    private double categoryZipfExponent = 0.8;
    private int affinityDim = 8;
    private int userItemDim = 8;
    private double clickBias = -4.0;
    private double itemPopularitySd = 0.5;
    private double priceClickSlope = 0.4;
    private double affinityScale = 0.7;
    private double userItemScale = 0.4;
    private double recentInterestBoost = 1.3;
    private int recentInterestWindow = 5;
    private double positionBeta = 0.3;
    private double hourCategorySd = 0.15;
    private double appEffect = 0.1;
    private double mobileWebEffect = -0.1;
    private double newUserEffect = -0.2;
    private double conversionBias = -2.3;
    private double itemQualitySd = 0.6;
    private double priceSensitivityMean = 0.8;
    private double priceSensitivitySd = 0.5;
    private double interestDriftPerDay = 0.0;
    private double rankerPopularShare = 0.35;
    private double rankerAffinityShare = 0.3;
    private double rankerRecentShare = 0.1;
    private int rankerTopCategories = 8;
    private double rankerPopularityExponent = 2.0;
    private double rankerNoiseSd = 2.0;
    private double duplicateClickRate = 0.005;
    private double orphanClickRate = 0.001;
    private double duplicateOrderRate = 0.005;
    private double orphanOrderRate = 0.001;

    private Builder() {}

    /** Seed of every random draw; same config, same logs. Default {@code 42}. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Number of users. Default {@code 20000}. */
    public Builder numUsers(int numUsers) {
      this.numUsers = numUsers;
      return this;
    }

    /** Number of items; at least {@code numCategories}. Default {@code 5000}. */
    public Builder numItems(int numItems) {
      this.numItems = numItems;
      return this;
    }

    /** Number of item categories. Default {@code 50}. */
    public Builder numCategories(int numCategories) {
      this.numCategories = numCategories;
      return this;
    }

    /** Number of logged days streamed by {@link FunnelSimulator#nextDay()}. Default {@code 7}. */
    public Builder numDays(int numDays) {
      this.numDays = numDays;
      return this;
    }

    /**
     * Unlogged days simulated before day 0 so that returning users start with a click history.
     * Default {@code 2}.
     */
    public Builder burnInDays(int burnInDays) {
      this.burnInDays = burnInDays;
      return this;
    }

    /**
     * Mean feed requests per active user per day (Poisson, scaled by the user's activity). Default
     * {@code 3.0}.
     */
    public Builder meanRequestsPerUserPerDay(double meanRequestsPerUserPerDay) {
      this.meanRequestsPerUserPerDay = meanRequestsPerUserPerDay;
      return this;
    }

    /**
     * Log-normal sigma of per-user activity (mean activity is 1); 0 makes all users equally active.
     * Default {@code 0.8}.
     */
    public Builder activitySd(double activitySd) {
      this.activitySd = activitySd;
      return this;
    }

    /** Items per request; positions are {@code 0..slateSize-1}. Default {@code 10}. */
    public Builder slateSize(int slateSize) {
      this.slateSize = slateSize;
      return this;
    }

    /**
     * Fraction of users who join on a uniformly drawn logged day (segment NEW that day, RETURNING
     * after, no burn-in history). Default {@code 0.2}.
     */
    public Builder newUserFraction(double newUserFraction) {
      this.newUserFraction = newUserFraction;
      return this;
    }

    /** Maximum length of {@code Exposure.recentClickedItems}. Default {@code 20}. */
    public Builder maxHistoryLength(int maxHistoryLength) {
      this.maxHistoryLength = maxHistoryLength;
      return this;
    }

    /**
     * Epoch milliseconds of the start of day 0 (default 2024-01-01T00:00Z); a multiple of one day
     * so that {@code hourOfDay} is the UTC hour. Default {@code 1704067200000}.
     */
    public Builder startEpochMillis(long startEpochMillis) {
      this.startEpochMillis = startEpochMillis;
      return this;
    }

    /**
     * Category sizes follow {@code 1/(rank+1)^exponent}; 0 gives equal sizes. Default {@code 0.8}.
     */
    public Builder categoryZipfExponent(double categoryZipfExponent) {
      this.categoryZipfExponent = categoryZipfExponent;
      return this;
    }

    /**
     * Dimension of the user and category latent vectors of the affinity term. Default {@code 8}.
     */
    public Builder affinityDim(int affinityDim) {
      this.affinityDim = affinityDim;
      return this;
    }

    /** Dimension of the user and item latent vectors of the user-item term. Default {@code 8}. */
    public Builder userItemDim(int userItemDim) {
      this.userItemDim = userItemDim;
      return this;
    }

    /** Click logit intercept; sets the base CTR. Default {@code -4.0}. */
    public Builder clickBias(double clickBias) {
      this.clickBias = clickBias;
      return this;
    }

    /**
     * Standard deviation of the per-item click popularity {@code pop[i] ~ N(0, sd)}. Default {@code
     * 0.5}.
     */
    public Builder itemPopularitySd(double itemPopularitySd) {
      this.itemPopularitySd = itemPopularitySd;
      return this;
    }

    /**
     * Price effect on clicks: {@code -priceClickSlope * priceBucket / 9} (bucket 9 is {@code
     * priceClickSlope} lower than bucket 0). Default {@code 0.4}.
     */
    public Builder priceClickSlope(double priceClickSlope) {
      this.priceClickSlope = priceClickSlope;
      return this;
    }

    /**
     * Standard deviation of the user-category affinity {@code affinityScale * (u . c) /
     * sqrt(affinityDim)}, {@code u, c ~ N(0, I)}; the main effect. Default {@code 0.7}.
     */
    public Builder affinityScale(double affinityScale) {
      this.affinityScale = affinityScale;
      return this;
    }

    /**
     * Standard deviation of the user-item interaction {@code userItemScale * (w . v) /
     * sqrt(userItemDim)}. Default {@code 0.4}.
     */
    public Builder userItemScale(double userItemScale) {
      this.userItemScale = userItemScale;
      return this;
    }

    /**
     * Logit boost {@code h} when the item's category is among the categories of the user's last
     * {@code recentInterestWindow} clicks; the history-dependent effect no static model can learn.
     * Default {@code 1.3}.
     */
    public Builder recentInterestBoost(double recentInterestBoost) {
      this.recentInterestBoost = recentInterestBoost;
      return this;
    }

    /**
     * Number of most recent clicks whose categories trigger the recent-interest boost; at most
     * {@code maxHistoryLength}. Default {@code 5}.
     */
    public Builder recentInterestWindow(int recentInterestWindow) {
      this.recentInterestWindow = recentInterestWindow;
      return this;
    }

    /** Position bias {@code -positionBeta * log2(1 + position)}. Default {@code 0.3}. */
    public Builder positionBeta(double positionBeta) {
      this.positionBeta = positionBeta;
      return this;
    }

    /**
     * Standard deviation of the hour-by-category context effect {@code hc[hour][category] ~ N(0,
     * sd)}. Default {@code 0.15}.
     */
    public Builder hourCategorySd(double hourCategorySd) {
      this.hourCategorySd = hourCategorySd;
      return this;
    }

    /**
     * Click logit offset of {@code DeviceType.APP} (desktop is the reference, 0). Default {@code
     * 0.1}.
     */
    public Builder appEffect(double appEffect) {
      this.appEffect = appEffect;
      return this;
    }

    /** Click logit offset of {@code DeviceType.MOBILE_WEB}. Default {@code -0.1}. */
    public Builder mobileWebEffect(double mobileWebEffect) {
      this.mobileWebEffect = mobileWebEffect;
      return this;
    }

    /** Click logit offset of {@code UserSegment.NEW}. Default {@code -0.2}. */
    public Builder newUserEffect(double newUserEffect) {
      this.newUserEffect = newUserEffect;
      return this;
    }

    /** Conversion-given-click logit intercept; sets the base CVR. Default {@code -2.3}. */
    public Builder conversionBias(double conversionBias) {
      this.conversionBias = conversionBias;
      return this;
    }

    /**
     * Standard deviation of the per-item quality {@code q[i] ~ N(0, sd)}, independent of click
     * popularity. Default {@code 0.6}.
     */
    public Builder itemQualitySd(double itemQualitySd) {
      this.itemQualitySd = itemQualitySd;
      return this;
    }

    /**
     * Mean user price sensitivity {@code s[u]}; conversion term {@code -s[u] * (priceBucket - 4.5)
     * / 4.5}. Default {@code 0.8}.
     */
    public Builder priceSensitivityMean(double priceSensitivityMean) {
      this.priceSensitivityMean = priceSensitivityMean;
      return this;
    }

    /**
     * Standard deviation of the user price sensitivity {@code s[u] ~ N(mean, sd)}. Default {@code
     * 0.5}.
     */
    public Builder priceSensitivitySd(double priceSensitivitySd) {
      this.priceSensitivitySd = priceSensitivitySd;
      return this;
    }

    /**
     * Daily drift of the user affinity vectors, {@code u <- sqrt(1 - d^2) u + d * N(0, I)} at each
     * day start; 0 keeps affinities static (then a static model can learn them). Default {@code
     * 0.0}.
     */
    public Builder interestDriftPerDay(double interestDriftPerDay) {
      this.interestDriftPerDay = interestDriftPerDay;
      return this;
    }

    /**
     * Share of slate slots the incumbent ranker fills from the whole catalogue by popularity.
     * Default {@code 0.35}.
     */
    public Builder rankerPopularShare(double rankerPopularShare) {
      this.rankerPopularShare = rankerPopularShare;
      return this;
    }

    /**
     * Share filled from one of the user's top {@code rankerTopCategories} affinity categories.
     * Default {@code 0.3}.
     */
    public Builder rankerAffinityShare(double rankerAffinityShare) {
      this.rankerAffinityShare = rankerAffinityShare;
      return this;
    }

    /**
     * Share filled from the category of one of the user's recent clicks (else by popularity); the
     * rest is uniform exploration. Default {@code 0.1}.
     */
    public Builder rankerRecentShare(double rankerRecentShare) {
      this.rankerRecentShare = rankerRecentShare;
      return this;
    }

    /**
     * How many top-affinity categories per user the incumbent ranker knows (from the day-0
     * affinities). Default {@code 8}.
     */
    public Builder rankerTopCategories(int rankerTopCategories) {
      this.rankerTopCategories = rankerTopCategories;
      return this;
    }

    /**
     * Popularity sampling weight {@code exp(exponent * pop[i])}; 0 samples uniformly. Default
     * {@code 2.0}.
     */
    public Builder rankerPopularityExponent(double rankerPopularityExponent) {
      this.rankerPopularityExponent = rankerPopularityExponent;
      return this;
    }

    /**
     * Noise on the incumbent score {@code pop[i] + affinity + N(0, sd)} that orders the slate into
     * positions. Default {@code 2.0}.
     */
    public Builder rankerNoiseSd(double rankerNoiseSd) {
      this.rankerNoiseSd = rankerNoiseSd;
      return this;
    }

    /**
     * Probability that a click row is logged twice (same trace id, up to 5 s later). Default {@code
     * 0.005}.
     */
    public Builder duplicateClickRate(double duplicateClickRate) {
      this.duplicateClickRate = duplicateClickRate;
      return this;
    }

    /** Orphan click rows (trace id of no exposure) per real click. Default {@code 0.001}. */
    public Builder orphanClickRate(double orphanClickRate) {
      this.orphanClickRate = orphanClickRate;
      return this;
    }

    /** Probability that an order row is logged twice. Default {@code 0.005}. */
    public Builder duplicateOrderRate(double duplicateOrderRate) {
      this.duplicateOrderRate = duplicateOrderRate;
      return this;
    }

    /** Orphan order rows per real order. Default {@code 0.001}. */
    public Builder orphanOrderRate(double orphanOrderRate) {
      this.orphanOrderRate = orphanOrderRate;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException naming the field, the value and the rule, e.g. {@code
     *     numUsers=0 must be > 0}
     */
    public FunnelSimulatorConfig build() {
      Check.positive("numUsers", numUsers);
      Check.positive("numItems", numItems);
      Check.positive("numCategories", numCategories);
      Check.arg(
          numItems >= numCategories,
          "numItems",
          numItems,
          "must be >= numCategories=" + numCategories + " (every category needs an item)");
      Check.positive("numDays", numDays);
      Check.nonNegative("burnInDays", burnInDays);
      Check.positive("meanRequestsPerUserPerDay", meanRequestsPerUserPerDay);
      Check.inRange("activitySd", activitySd, 0.0, 3.0);
      Check.positive("slateSize", slateSize);
      Check.arg(slateSize <= numItems, "slateSize", slateSize, "must be <= numItems=" + numItems);
      Check.inRange("newUserFraction", newUserFraction, 0.0, 1.0);
      Check.positive("maxHistoryLength", maxHistoryLength);
      Check.inRange("recentInterestWindow", recentInterestWindow, 1, maxHistoryLength);
      Check.arg(
          startEpochMillis >= 0 && startEpochMillis % DAY_MILLIS == 0,
          "startEpochMillis",
          startEpochMillis,
          "must be >= 0 and a multiple of " + DAY_MILLIS + " (midnight UTC)");
      Check.nonNegative("categoryZipfExponent", categoryZipfExponent);
      Check.positive("affinityDim", affinityDim);
      Check.positive("userItemDim", userItemDim);
      Check.finite("clickBias", clickBias);
      Check.nonNegative("itemPopularitySd", itemPopularitySd);
      Check.finite("priceClickSlope", priceClickSlope);
      Check.nonNegative("affinityScale", affinityScale);
      Check.nonNegative("userItemScale", userItemScale);
      Check.finite("recentInterestBoost", recentInterestBoost);
      Check.finite("positionBeta", positionBeta);
      Check.nonNegative("hourCategorySd", hourCategorySd);
      Check.finite("appEffect", appEffect);
      Check.finite("mobileWebEffect", mobileWebEffect);
      Check.finite("newUserEffect", newUserEffect);
      Check.finite("conversionBias", conversionBias);
      Check.nonNegative("itemQualitySd", itemQualitySd);
      Check.finite("priceSensitivityMean", priceSensitivityMean);
      Check.nonNegative("priceSensitivitySd", priceSensitivitySd);
      Check.inRange("interestDriftPerDay", interestDriftPerDay, 0.0, 1.0);
      Check.inRange("rankerPopularShare", rankerPopularShare, 0.0, 1.0);
      Check.inRange("rankerAffinityShare", rankerAffinityShare, 0.0, 1.0);
      Check.inRange("rankerRecentShare", rankerRecentShare, 0.0, 1.0);
      double shares = rankerPopularShare + rankerAffinityShare + rankerRecentShare;
      Check.arg(
          shares <= 1.0 + 1e-12,
          "rankerPopularShare",
          rankerPopularShare,
          "must be <= 1 - rankerAffinityShare("
              + rankerAffinityShare
              + ") - rankerRecentShare("
              + rankerRecentShare
              + ") (the shares must sum to at most 1)");
      Check.inRange("rankerTopCategories", rankerTopCategories, 1, numCategories);
      Check.finite("rankerPopularityExponent", rankerPopularityExponent);
      Check.nonNegative("rankerNoiseSd", rankerNoiseSd);
      Check.inRange("duplicateClickRate", duplicateClickRate, 0.0, 1.0);
      Check.inRange("orphanClickRate", orphanClickRate, 0.0, 1.0);
      Check.inRange("duplicateOrderRate", duplicateOrderRate, 0.0, 1.0);
      Check.inRange("orphanOrderRate", orphanOrderRate, 0.0, 1.0);
      return new FunnelSimulatorConfig(this);
    }
  }

  private enum Kind {
    LONG,
    INT,
    DOUBLE
  }

  /** One named parameter: how to read it from a config and set it on a builder. */
  private record Param(
      String name,
      Kind kind,
      Function<FunnelSimulatorConfig, Number> get,
      BiConsumer<Builder, Number> set) {}

  private static final Map<String, Param> PARAMS =
      index(
          List.of(
              new Param("seed", Kind.LONG, c -> c.seed, (b, v) -> b.seed(v.longValue())),
              new Param("numUsers", Kind.INT, c -> c.numUsers, (b, v) -> b.numUsers(v.intValue())),
              new Param("numItems", Kind.INT, c -> c.numItems, (b, v) -> b.numItems(v.intValue())),
              new Param(
                  "numCategories",
                  Kind.INT,
                  c -> c.numCategories,
                  (b, v) -> b.numCategories(v.intValue())),
              new Param("numDays", Kind.INT, c -> c.numDays, (b, v) -> b.numDays(v.intValue())),
              new Param(
                  "burnInDays", Kind.INT, c -> c.burnInDays, (b, v) -> b.burnInDays(v.intValue())),
              new Param(
                  "meanRequestsPerUserPerDay",
                  Kind.DOUBLE,
                  c -> c.meanRequestsPerUserPerDay,
                  (b, v) -> b.meanRequestsPerUserPerDay(v.doubleValue())),
              new Param(
                  "activitySd",
                  Kind.DOUBLE,
                  c -> c.activitySd,
                  (b, v) -> b.activitySd(v.doubleValue())),
              new Param(
                  "slateSize", Kind.INT, c -> c.slateSize, (b, v) -> b.slateSize(v.intValue())),
              new Param(
                  "newUserFraction",
                  Kind.DOUBLE,
                  c -> c.newUserFraction,
                  (b, v) -> b.newUserFraction(v.doubleValue())),
              new Param(
                  "maxHistoryLength",
                  Kind.INT,
                  c -> c.maxHistoryLength,
                  (b, v) -> b.maxHistoryLength(v.intValue())),
              new Param(
                  "startEpochMillis",
                  Kind.LONG,
                  c -> c.startEpochMillis,
                  (b, v) -> b.startEpochMillis(v.longValue())),
              new Param(
                  "categoryZipfExponent",
                  Kind.DOUBLE,
                  c -> c.categoryZipfExponent,
                  (b, v) -> b.categoryZipfExponent(v.doubleValue())),
              new Param(
                  "affinityDim",
                  Kind.INT,
                  c -> c.affinityDim,
                  (b, v) -> b.affinityDim(v.intValue())),
              new Param(
                  "userItemDim",
                  Kind.INT,
                  c -> c.userItemDim,
                  (b, v) -> b.userItemDim(v.intValue())),
              new Param(
                  "clickBias",
                  Kind.DOUBLE,
                  c -> c.clickBias,
                  (b, v) -> b.clickBias(v.doubleValue())),
              new Param(
                  "itemPopularitySd",
                  Kind.DOUBLE,
                  c -> c.itemPopularitySd,
                  (b, v) -> b.itemPopularitySd(v.doubleValue())),
              new Param(
                  "priceClickSlope",
                  Kind.DOUBLE,
                  c -> c.priceClickSlope,
                  (b, v) -> b.priceClickSlope(v.doubleValue())),
              new Param(
                  "affinityScale",
                  Kind.DOUBLE,
                  c -> c.affinityScale,
                  (b, v) -> b.affinityScale(v.doubleValue())),
              new Param(
                  "userItemScale",
                  Kind.DOUBLE,
                  c -> c.userItemScale,
                  (b, v) -> b.userItemScale(v.doubleValue())),
              new Param(
                  "recentInterestBoost",
                  Kind.DOUBLE,
                  c -> c.recentInterestBoost,
                  (b, v) -> b.recentInterestBoost(v.doubleValue())),
              new Param(
                  "recentInterestWindow",
                  Kind.INT,
                  c -> c.recentInterestWindow,
                  (b, v) -> b.recentInterestWindow(v.intValue())),
              new Param(
                  "positionBeta",
                  Kind.DOUBLE,
                  c -> c.positionBeta,
                  (b, v) -> b.positionBeta(v.doubleValue())),
              new Param(
                  "hourCategorySd",
                  Kind.DOUBLE,
                  c -> c.hourCategorySd,
                  (b, v) -> b.hourCategorySd(v.doubleValue())),
              new Param(
                  "appEffect",
                  Kind.DOUBLE,
                  c -> c.appEffect,
                  (b, v) -> b.appEffect(v.doubleValue())),
              new Param(
                  "mobileWebEffect",
                  Kind.DOUBLE,
                  c -> c.mobileWebEffect,
                  (b, v) -> b.mobileWebEffect(v.doubleValue())),
              new Param(
                  "newUserEffect",
                  Kind.DOUBLE,
                  c -> c.newUserEffect,
                  (b, v) -> b.newUserEffect(v.doubleValue())),
              new Param(
                  "conversionBias",
                  Kind.DOUBLE,
                  c -> c.conversionBias,
                  (b, v) -> b.conversionBias(v.doubleValue())),
              new Param(
                  "itemQualitySd",
                  Kind.DOUBLE,
                  c -> c.itemQualitySd,
                  (b, v) -> b.itemQualitySd(v.doubleValue())),
              new Param(
                  "priceSensitivityMean",
                  Kind.DOUBLE,
                  c -> c.priceSensitivityMean,
                  (b, v) -> b.priceSensitivityMean(v.doubleValue())),
              new Param(
                  "priceSensitivitySd",
                  Kind.DOUBLE,
                  c -> c.priceSensitivitySd,
                  (b, v) -> b.priceSensitivitySd(v.doubleValue())),
              new Param(
                  "interestDriftPerDay",
                  Kind.DOUBLE,
                  c -> c.interestDriftPerDay,
                  (b, v) -> b.interestDriftPerDay(v.doubleValue())),
              new Param(
                  "rankerPopularShare",
                  Kind.DOUBLE,
                  c -> c.rankerPopularShare,
                  (b, v) -> b.rankerPopularShare(v.doubleValue())),
              new Param(
                  "rankerAffinityShare",
                  Kind.DOUBLE,
                  c -> c.rankerAffinityShare,
                  (b, v) -> b.rankerAffinityShare(v.doubleValue())),
              new Param(
                  "rankerRecentShare",
                  Kind.DOUBLE,
                  c -> c.rankerRecentShare,
                  (b, v) -> b.rankerRecentShare(v.doubleValue())),
              new Param(
                  "rankerTopCategories",
                  Kind.INT,
                  c -> c.rankerTopCategories,
                  (b, v) -> b.rankerTopCategories(v.intValue())),
              new Param(
                  "rankerPopularityExponent",
                  Kind.DOUBLE,
                  c -> c.rankerPopularityExponent,
                  (b, v) -> b.rankerPopularityExponent(v.doubleValue())),
              new Param(
                  "rankerNoiseSd",
                  Kind.DOUBLE,
                  c -> c.rankerNoiseSd,
                  (b, v) -> b.rankerNoiseSd(v.doubleValue())),
              new Param(
                  "duplicateClickRate",
                  Kind.DOUBLE,
                  c -> c.duplicateClickRate,
                  (b, v) -> b.duplicateClickRate(v.doubleValue())),
              new Param(
                  "orphanClickRate",
                  Kind.DOUBLE,
                  c -> c.orphanClickRate,
                  (b, v) -> b.orphanClickRate(v.doubleValue())),
              new Param(
                  "duplicateOrderRate",
                  Kind.DOUBLE,
                  c -> c.duplicateOrderRate,
                  (b, v) -> b.duplicateOrderRate(v.doubleValue())),
              new Param(
                  "orphanOrderRate",
                  Kind.DOUBLE,
                  c -> c.orphanOrderRate,
                  (b, v) -> b.orphanOrderRate(v.doubleValue()))));

  private static Map<String, Param> index(List<Param> params) {
    Map<String, Param> m = new LinkedHashMap<>();
    for (Param p : params) {
      m.put(p.name, p);
    }
    return m;
  }
}
