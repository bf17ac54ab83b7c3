package org.recsys4j.features.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.recsys4j.core.Check;
import org.recsys4j.core.json.TypedJson;

/**
 * Immutable configuration of a {@link FunnelSimulator}: a seed and six small groups, each a record
 * that validates itself: the {@link WorldScale world}, the {@link Schedule schedule}, the {@link
 * ClickEffects click} and {@link ConversionEffects conversion} effects, the {@link IncumbentRanker
 * incumbent ranker} and the {@link LogDirt log dirt}.
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
 *     + tc[device][t/4][c]                              // contextTripleSd (0 by default)
 *     + deviceEffect[dev] + newUserEffect * [segment == NEW]
 * </pre>
 *
 * and the true conversion probability given a click is {@code sigmoid(conversionBias + q[i] - s[u]
 * * (b - 4.5) / 4.5)}. See {@code docs/simulator.md} for the table of defaults and the resulting
 * rates.
 *
 * <p>Build with {@link #builder()} (one setter per parameter, e.g. {@code
 * builder().numUsers(2000).clickBias(-3.5).build()}) or from the groups. JSON (version 2) nests the
 * groups: {@code {"type":"FunnelSimulatorConfig","version":2,"seed":42,"scale":{"numUsers":...},
 * ...}}; absent keys keep their defaults, unknown keys fail, and the flat version-1 files are
 * upgraded on reading.
 *
 * @param seed seed of every random draw; same config, same logs (default 42)
 * @param scale the world's size and latent dimensions
 * @param schedule days, traffic, slate and history length
 * @param click the click model's effects
 * @param conversion the conversion model's effects
 * @param ranker the incumbent ranker
 * @param dirt duplicate and orphan rows in the logs
 */
public record FunnelSimulatorConfig(
    long seed,
    WorldScale scale,
    Schedule schedule,
    ClickEffects click,
    ConversionEffects conversion,
    IncumbentRanker ranker,
    LogDirt dirt) {

  /** The {@code type} written to JSON. */
  public static final String JSON_TYPE = "FunnelSimulatorConfig";

  /** The JSON format version written by {@link #toJson()}. */
  public static final int JSON_VERSION = 2;

  /** Milliseconds in a day. */
  public static final long DAY_MILLIS = 86_400_000L;

  private static final FunnelSimulatorConfig DEFAULTS =
      new FunnelSimulatorConfig(
          42L,
          WorldScale.DEFAULTS,
          Schedule.DEFAULTS,
          ClickEffects.DEFAULTS,
          ConversionEffects.DEFAULTS,
          IncumbentRanker.DEFAULTS,
          LogDirt.DEFAULTS);

  /**
   * Validates the rules between groups.
   *
   * @throws IllegalArgumentException naming the field, the value and the rule
   */
  public FunnelSimulatorConfig {
    Check.notNull("scale", scale);
    Check.notNull("schedule", schedule);
    Check.notNull("click", click);
    Check.notNull("conversion", conversion);
    Check.notNull("ranker", ranker);
    Check.notNull("dirt", dirt);
    Check.arg(
        schedule.slateSize() <= scale.numItems(),
        "schedule.slateSize",
        schedule.slateSize(),
        "must be <= scale.numItems=" + scale.numItems());
    Check.inRange(
        "click.recentInterestWindow", click.recentInterestWindow(), 1, schedule.maxHistoryLength());
    Check.inRange("ranker.topCategories", ranker.topCategories(), 1, scale.numCategories());
  }

  /** The default configuration. */
  public static FunnelSimulatorConfig defaults() {
    return DEFAULTS;
  }

  /** A builder with every default. */
  public static Builder builder() {
    return new Builder(DEFAULTS);
  }

  /** A builder holding this configuration's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * JSON with {@code "type"}, {@code "version"}, the seed and every group; doubles in shortest
   * round-trip form, so {@code fromJson(toJson())} equals this.
   */
  public String toJson() {
    ObjectNode node = TypedJson.envelope(JSON_TYPE, JSON_VERSION);
    node.setAll((ObjectNode) TypedJson.mapper().valueToTree(this));
    return node.toString();
  }

  /**
   * Reads {@link #toJson()} output (version 2) or a flat version-1 file. Parameters that are absent
   * keep their defaults.
   *
   * @throws IllegalArgumentException on malformed JSON, a wrong type or version, an unknown key, a
   *     non-numeric or non-integral value where an integer is needed, or an invalid configuration
   */
  public static FunnelSimulatorConfig fromJson(String json) {
    JsonNode node = TypedJson.parseObject(json);
    String type = node.path("type").asText(null);
    Check.arg(JSON_TYPE.equals(type), "json.type", type, "must be '" + JSON_TYPE + "'");
    int version = node.path("version").asInt(-1);
    Check.arg(
        version == 1 || version == JSON_VERSION,
        "json.version",
        version,
        "must be 1 or " + JSON_VERSION);
    ObjectNode tree = defaultsTree();
    if (version == 1) {
      mergeV1(tree, node);
    } else {
      merge(tree, node, "json");
    }
    return fromTree(tree);
  }

  private static ObjectNode defaultsTree() {
    return (ObjectNode) TypedJson.mapper().valueToTree(DEFAULTS);
  }

  /** Overlays {@code in} on the defaults tree {@code into}, checking keys and kinds. */
  private static void merge(ObjectNode into, JsonNode in, String path) {
    for (Map.Entry<String, JsonNode> e : in.properties()) {
      String key = e.getKey();
      if (path.equals("json") && TypedJson.isEnvelopeKey(key)) {
        continue;
      }
      JsonNode known = into.get(key);
      Check.arg(
          known != null,
          path.equals("json") ? "json.key" : path + ".key",
          key,
          "is not a FunnelSimulatorConfig parameter");
      String field = path + "." + key;
      JsonNode v = e.getValue();
      if (known.isObject()) {
        Check.arg(v.isObject(), field, v, "must be an object");
        merge((ObjectNode) known, v, field);
      } else {
        put(into, key, known, v, field);
      }
    }
  }

  /**
   * The upgrader from version 1, the flat form: each parameter moves into its group, and the
   * ranker's {@code rankerX} keys become {@code ranker.x}.
   */
  private static void mergeV1(ObjectNode tree, JsonNode flat) {
    for (Map.Entry<String, JsonNode> e : flat.properties()) {
      String key = e.getKey();
      if (TypedJson.isEnvelopeKey(key)) {
        continue;
      }
      String field = "json." + key;
      if (key.equals("seed")) {
        put(tree, key, tree.get(key), e.getValue(), field);
        continue;
      }
      String name =
          key.startsWith("ranker") && key.length() > 6
              ? Character.toLowerCase(key.charAt(6)) + key.substring(7)
              : key;
      String group = key.startsWith("ranker") ? "ranker" : null;
      for (Map.Entry<String, JsonNode> ge : tree.properties()) {
        if (group == null && ge.getValue().isObject() && ge.getValue().has(key)) {
          group = ge.getKey();
        }
      }
      ObjectNode target = group == null ? null : (ObjectNode) tree.get(group);
      Check.arg(
          target != null && target.has(name),
          "json.key",
          key,
          "is not a FunnelSimulatorConfig parameter");
      put(target, name, target.get(name), e.getValue(), field);
    }
  }

  private static void put(ObjectNode into, String key, JsonNode known, JsonNode v, String field) {
    Check.arg(v.isNumber(), field, v, "must be a number");
    if (known.isIntegralNumber()) {
      boolean isInt = known.isInt();
      Check.arg(
          v.isIntegralNumber() && (isInt ? v.canConvertToInt() : v.canConvertToLong()),
          field,
          v,
          isInt ? "must be an int" : "must be a long");
    }
    into.set(key, v);
  }

  private static FunnelSimulatorConfig fromTree(ObjectNode tree) {
    try {
      return TypedJson.mapper().treeToValue(tree, FunnelSimulatorConfig.class);
    } catch (JsonProcessingException e) {
      for (Throwable c = e; c != null; c = c.getCause()) {
        if (c instanceof IllegalArgumentException iae) {
          throw new IllegalArgumentException(iae.getMessage(), e);
        }
      }
      throw new IllegalArgumentException(
          "json must be a FunnelSimulatorConfig: " + e.getOriginalMessage(), e);
    }
  }

  /** The JSON form. */
  @Override
  public String toString() {
    return toJson();
  }

  /**
   * Fluent builder with one setter per parameter (the defaults are in each group's Javadoc) and one
   * per group; {@link #build()} validates.
   */
  public static final class Builder {
    private final ObjectNode tree;

    private Builder(FunnelSimulatorConfig from) {
      this.tree = (ObjectNode) TypedJson.mapper().valueToTree(from);
    }

    /** Sets the seed of every random draw. */
    public Builder seed(long value) {
      tree.put("seed", value);
      return this;
    }

    /** Sets the whole {@code scale} group. */
    public Builder scale(WorldScale value) {
      tree.set("scale", TypedJson.mapper().valueToTree(Check.notNull("scale", value)));
      return this;
    }

    /** Sets the whole {@code schedule} group. */
    public Builder schedule(Schedule value) {
      tree.set("schedule", TypedJson.mapper().valueToTree(Check.notNull("schedule", value)));
      return this;
    }

    /** Sets the whole {@code click} group. */
    public Builder click(ClickEffects value) {
      tree.set("click", TypedJson.mapper().valueToTree(Check.notNull("click", value)));
      return this;
    }

    /** Sets the whole {@code conversion} group. */
    public Builder conversion(ConversionEffects value) {
      tree.set("conversion", TypedJson.mapper().valueToTree(Check.notNull("conversion", value)));
      return this;
    }

    /** Sets the whole {@code ranker} group. */
    public Builder ranker(IncumbentRanker value) {
      tree.set("ranker", TypedJson.mapper().valueToTree(Check.notNull("ranker", value)));
      return this;
    }

    /** Sets the whole {@code dirt} group. */
    public Builder dirt(LogDirt value) {
      tree.set("dirt", TypedJson.mapper().valueToTree(Check.notNull("dirt", value)));
      return this;
    }

    /** Sets {@code scale.numUsers} (see {@link WorldScale}). */
    public Builder numUsers(int value) {
      return set("scale", "numUsers", value);
    }

    /** Sets {@code scale.numItems} (see {@link WorldScale}). */
    public Builder numItems(int value) {
      return set("scale", "numItems", value);
    }

    /** Sets {@code scale.numCategories} (see {@link WorldScale}). */
    public Builder numCategories(int value) {
      return set("scale", "numCategories", value);
    }

    /** Sets {@code scale.categoryZipfExponent} (see {@link WorldScale}). */
    public Builder categoryZipfExponent(double value) {
      return set("scale", "categoryZipfExponent", value);
    }

    /** Sets {@code scale.newUserFraction} (see {@link WorldScale}). */
    public Builder newUserFraction(double value) {
      return set("scale", "newUserFraction", value);
    }

    /** Sets {@code scale.affinityDim} (see {@link WorldScale}). */
    public Builder affinityDim(int value) {
      return set("scale", "affinityDim", value);
    }

    /** Sets {@code scale.userItemDim} (see {@link WorldScale}). */
    public Builder userItemDim(int value) {
      return set("scale", "userItemDim", value);
    }

    /** Sets {@code schedule.numDays} (see {@link Schedule}). */
    public Builder numDays(int value) {
      return set("schedule", "numDays", value);
    }

    /** Sets {@code schedule.burnInDays} (see {@link Schedule}). */
    public Builder burnInDays(int value) {
      return set("schedule", "burnInDays", value);
    }

    /** Sets {@code schedule.startEpochMillis} (see {@link Schedule}). */
    public Builder startEpochMillis(long value) {
      return set("schedule", "startEpochMillis", value);
    }

    /** Sets {@code schedule.meanRequestsPerUserPerDay} (see {@link Schedule}). */
    public Builder meanRequestsPerUserPerDay(double value) {
      return set("schedule", "meanRequestsPerUserPerDay", value);
    }

    /** Sets {@code schedule.activitySd} (see {@link Schedule}). */
    public Builder activitySd(double value) {
      return set("schedule", "activitySd", value);
    }

    /** Sets {@code schedule.slateSize} (see {@link Schedule}). */
    public Builder slateSize(int value) {
      return set("schedule", "slateSize", value);
    }

    /** Sets {@code schedule.maxHistoryLength} (see {@link Schedule}). */
    public Builder maxHistoryLength(int value) {
      return set("schedule", "maxHistoryLength", value);
    }

    /** Sets {@code click.clickBias} (see {@link ClickEffects}). */
    public Builder clickBias(double value) {
      return set("click", "clickBias", value);
    }

    /** Sets {@code click.itemPopularitySd} (see {@link ClickEffects}). */
    public Builder itemPopularitySd(double value) {
      return set("click", "itemPopularitySd", value);
    }

    /** Sets {@code click.priceClickSlope} (see {@link ClickEffects}). */
    public Builder priceClickSlope(double value) {
      return set("click", "priceClickSlope", value);
    }

    /** Sets {@code click.affinityScale} (see {@link ClickEffects}). */
    public Builder affinityScale(double value) {
      return set("click", "affinityScale", value);
    }

    /** Sets {@code click.userItemScale} (see {@link ClickEffects}). */
    public Builder userItemScale(double value) {
      return set("click", "userItemScale", value);
    }

    /** Sets {@code click.recentInterestBoost} (see {@link ClickEffects}). */
    public Builder recentInterestBoost(double value) {
      return set("click", "recentInterestBoost", value);
    }

    /** Sets {@code click.recentInterestWindow} (see {@link ClickEffects}). */
    public Builder recentInterestWindow(int value) {
      return set("click", "recentInterestWindow", value);
    }

    /** Sets {@code click.positionBeta} (see {@link ClickEffects}). */
    public Builder positionBeta(double value) {
      return set("click", "positionBeta", value);
    }

    /** Sets {@code click.hourCategorySd} (see {@link ClickEffects}). */
    public Builder hourCategorySd(double value) {
      return set("click", "hourCategorySd", value);
    }

    /** Sets {@code click.appEffect} (see {@link ClickEffects}). */
    public Builder appEffect(double value) {
      return set("click", "appEffect", value);
    }

    /** Sets {@code click.mobileWebEffect} (see {@link ClickEffects}). */
    public Builder mobileWebEffect(double value) {
      return set("click", "mobileWebEffect", value);
    }

    /** Sets {@code click.newUserEffect} (see {@link ClickEffects}). */
    public Builder newUserEffect(double value) {
      return set("click", "newUserEffect", value);
    }

    /** Sets {@code click.contextTripleSd} (see {@link ClickEffects}). */
    public Builder contextTripleSd(double value) {
      return set("click", "contextTripleSd", value);
    }

    /** Sets {@code click.interestDriftPerDay} (see {@link ClickEffects}). */
    public Builder interestDriftPerDay(double value) {
      return set("click", "interestDriftPerDay", value);
    }

    /** Sets {@code conversion.conversionBias} (see {@link ConversionEffects}). */
    public Builder conversionBias(double value) {
      return set("conversion", "conversionBias", value);
    }

    /** Sets {@code conversion.itemQualitySd} (see {@link ConversionEffects}). */
    public Builder itemQualitySd(double value) {
      return set("conversion", "itemQualitySd", value);
    }

    /** Sets {@code conversion.priceSensitivityMean} (see {@link ConversionEffects}). */
    public Builder priceSensitivityMean(double value) {
      return set("conversion", "priceSensitivityMean", value);
    }

    /** Sets {@code conversion.priceSensitivitySd} (see {@link ConversionEffects}). */
    public Builder priceSensitivitySd(double value) {
      return set("conversion", "priceSensitivitySd", value);
    }

    /** Sets {@code ranker.popularShare} (see {@link IncumbentRanker}). */
    public Builder rankerPopularShare(double value) {
      return set("ranker", "popularShare", value);
    }

    /** Sets {@code ranker.affinityShare} (see {@link IncumbentRanker}). */
    public Builder rankerAffinityShare(double value) {
      return set("ranker", "affinityShare", value);
    }

    /** Sets {@code ranker.recentShare} (see {@link IncumbentRanker}). */
    public Builder rankerRecentShare(double value) {
      return set("ranker", "recentShare", value);
    }

    /** Sets {@code ranker.topCategories} (see {@link IncumbentRanker}). */
    public Builder rankerTopCategories(int value) {
      return set("ranker", "topCategories", value);
    }

    /** Sets {@code ranker.popularityExponent} (see {@link IncumbentRanker}). */
    public Builder rankerPopularityExponent(double value) {
      return set("ranker", "popularityExponent", value);
    }

    /** Sets {@code ranker.noiseSd} (see {@link IncumbentRanker}). */
    public Builder rankerNoiseSd(double value) {
      return set("ranker", "noiseSd", value);
    }

    /** Sets {@code dirt.duplicateClickRate} (see {@link LogDirt}). */
    public Builder duplicateClickRate(double value) {
      return set("dirt", "duplicateClickRate", value);
    }

    /** Sets {@code dirt.orphanClickRate} (see {@link LogDirt}). */
    public Builder orphanClickRate(double value) {
      return set("dirt", "orphanClickRate", value);
    }

    /** Sets {@code dirt.duplicateOrderRate} (see {@link LogDirt}). */
    public Builder duplicateOrderRate(double value) {
      return set("dirt", "duplicateOrderRate", value);
    }

    /** Sets {@code dirt.orphanOrderRate} (see {@link LogDirt}). */
    public Builder orphanOrderRate(double value) {
      return set("dirt", "orphanOrderRate", value);
    }

    private Builder set(String group, String name, Number value) {
      ObjectNode g = (ObjectNode) tree.get(group);
      if (value instanceof Integer i) {
        g.put(name, i);
      } else if (value instanceof Long l) {
        g.put(name, l);
      } else {
        g.put(name, value.doubleValue());
      }
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException naming the field, the value and the rule, e.g. {@code
     *     scale.numUsers=0 must be > 0}
     */
    public FunnelSimulatorConfig build() {
      return fromTree(tree.deepCopy());
    }
  }
}
