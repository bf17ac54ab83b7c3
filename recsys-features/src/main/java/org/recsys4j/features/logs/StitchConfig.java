package org.recsys4j.features.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.recsys4j.core.Check;
import org.recsys4j.core.json.TypedJson;

/**
 * How {@link LogStitcher} and {@link StreamingStitcher} attribute clicks and orders to exposures.
 *
 * <p>For an exposure at time {@code te}:
 *
 * <ul>
 *   <li>a click row at {@code tc} is <b>skewed</b> if {@code tc < te - maxClockSkew}, <b>late</b>
 *       if {@code tc > te + clickWindow}, otherwise in window;
 *   <li>the first in-window click (by {@link DuplicatePolicy}) is attributed; the other in-window
 *       rows are duplicates;
 *   <li>an order row at {@code to} is skewed if {@code to < anchor - maxClockSkew} and late if
 *       {@code to > anchor + orderWindow}, where the anchor is the exposure ({@link
 *       OrderAnchor#EXPOSURE}) or the attributed click ({@link OrderAnchor#CLICK}); under {@code
 *       CLICK}, an exposure without an attributed click anchors its orders at {@code te} with a
 *       window of {@code clickWindow + orderWindow}, the latest time a click-then-order could
 *       happen;
 *   <li>the first in-window order is attributed (a conversion if the exposure was clicked, else an
 *       order without click); the other in-window rows are duplicates.
 * </ul>
 *
 * <p>Windows are closed intervals. {@link #UNBOUNDED} switches a limit off. An exposure's window
 * closes at {@link #closeMillis(long)}: after it no row can change its labels.
 *
 * <p>Immutable; build with {@link #builder()}. {@link #defaults()} (30 min clicks, 24 h orders from
 * the click, no clock skew tolerated) labels the simulator's logs exactly as {@link #untimed()},
 * the trace-id-only join of {@link LogStitcher#stitch(DayLogs)}.
 */
public final class StitchConfig {
  /** A duration that switches a window or the skew tolerance off (about 292 million years). */
  public static final Duration UNBOUNDED = Duration.ofMillis(Long.MAX_VALUE);

  /** The JSON format version written by {@link #toJson()}. */
  public static final int JSON_VERSION = 1;

  private static final String JSON_TYPE = "StitchConfig";
  private static final StitchConfig DEFAULTS = builder().build();
  private static final StitchConfig UNTIMED =
      builder().clickWindow(UNBOUNDED).orderWindow(UNBOUNDED).maxClockSkew(UNBOUNDED).build();

  /** What the order window is measured from. */
  public enum OrderAnchor {
    /** From the attributed click (from the exposure, widened by the click window, if none). */
    CLICK,
    /** From the exposure. */
    EXPOSURE
  }

  /** Which of several in-window rows with the same trace id is attributed; the rest are counted. */
  public enum DuplicatePolicy {
    /** The first row in log order (day by day, then row by row). */
    KEEP_FIRST,
    /** The row with the smallest timestamp; ties go to the first in log order. */
    KEEP_EARLIEST
  }

  private final long clickWindowMillis;
  private final long orderWindowMillis;
  private final OrderAnchor orderAnchor;
  private final long maxClockSkewMillis;
  private final DuplicatePolicy duplicatePolicy;
  private final long lateRetentionMillis;

  private StitchConfig(Builder b) {
    this.clickWindowMillis = b.clickWindowMillis;
    this.orderWindowMillis = b.orderWindowMillis;
    this.orderAnchor = b.orderAnchor;
    this.maxClockSkewMillis = b.maxClockSkewMillis;
    this.duplicatePolicy = b.duplicatePolicy;
    this.lateRetentionMillis = b.lateRetentionMillis;
  }

  /** A builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this config. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.clickWindowMillis = clickWindowMillis;
    b.orderWindowMillis = orderWindowMillis;
    b.orderAnchor = orderAnchor;
    b.maxClockSkewMillis = maxClockSkewMillis;
    b.duplicatePolicy = duplicatePolicy;
    b.lateRetentionMillis = lateRetentionMillis;
    return b;
  }

  /**
   * Clicks within 30 min of the exposure, orders within 24 h of the click, no clock skew tolerated,
   * {@link DuplicatePolicy#KEEP_FIRST}, closed exposures remembered for 1 day.
   */
  public static StitchConfig defaults() {
    return DEFAULTS;
  }

  /**
   * The join by trace id alone: unbounded windows and skew tolerance, so no row is ever late or
   * skewed. {@link LogStitcher#stitch(DayLogs)} uses it.
   */
  public static StitchConfig untimed() {
    return UNTIMED;
  }

  /** Longest time from exposure to an attributed click. */
  public Duration clickWindow() {
    return Duration.ofMillis(clickWindowMillis);
  }

  /** Longest time from the {@link #orderAnchor()} to an attributed order. */
  public Duration orderWindow() {
    return Duration.ofMillis(orderWindowMillis);
  }

  /** What the order window is measured from. */
  public OrderAnchor orderAnchor() {
    return orderAnchor;
  }

  /** How far a click or order may be timestamped before its anchor and still be attributed. */
  public Duration maxClockSkew() {
    return Duration.ofMillis(maxClockSkewMillis);
  }

  /** Which in-window row is attributed when a trace id repeats. */
  public DuplicatePolicy duplicatePolicy() {
    return duplicatePolicy;
  }

  /**
   * How long {@link StreamingStitcher} remembers the trace id of an emitted exposure after its
   * window closed, so that a row arriving later is counted as late (or skewed) and not as an
   * orphan. Costs a few dozen bytes per remembered exposure.
   */
  public Duration lateRetention() {
    return Duration.ofMillis(lateRetentionMillis);
  }

  long clickWindowMillis() {
    return clickWindowMillis;
  }

  long orderWindowMillis() {
    return orderWindowMillis;
  }

  long maxClockSkewMillis() {
    return maxClockSkewMillis;
  }

  long lateRetentionMillis() {
    return lateRetentionMillis;
  }

  /**
   * The time after which no click or order can be attributed to an exposure at {@code
   * exposureMillis}: {@code exposureMillis + clickWindow + orderWindow} under {@link
   * OrderAnchor#CLICK}, {@code exposureMillis + max(clickWindow, orderWindow)} under {@link
   * OrderAnchor#EXPOSURE}; saturates at {@link Long#MAX_VALUE}.
   */
  public long closeMillis(long exposureMillis) {
    long horizon =
        orderAnchor == OrderAnchor.CLICK
            ? plus(clickWindowMillis, orderWindowMillis)
            : Math.max(clickWindowMillis, orderWindowMillis);
    return plus(exposureMillis, horizon);
  }

  /**
   * {@code t + window}, where a window of {@link Long#MAX_VALUE} ms ({@link #UNBOUNDED}) has no end
   * and the sum saturates.
   */
  static long plus(long t, long window) {
    if (window == Long.MAX_VALUE) {
      return Long.MAX_VALUE;
    }
    long r = t + window;
    if (((t ^ r) & (window ^ r)) < 0) {
      return t < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return r;
  }

  /** {@code t - skew}, where a skew of {@link Long#MAX_VALUE} ms tolerates anything. */
  static long minus(long t, long skew) {
    long r = t - skew; // skew >= 0, so only a negative t can wrap
    return skew == Long.MAX_VALUE || r > t ? Long.MIN_VALUE : r;
  }

  /** JSON with {@code "type"}, {@code "version"} and every parameter (durations in millis). */
  public String toJson() {
    ObjectNode node = TypedJson.envelope(JSON_TYPE, JSON_VERSION);
    node.put("clickWindowMillis", clickWindowMillis);
    node.put("orderWindowMillis", orderWindowMillis);
    node.put("orderAnchor", orderAnchor.name());
    node.put("maxClockSkewMillis", maxClockSkewMillis);
    node.put("duplicatePolicy", duplicatePolicy.name());
    node.put("lateRetentionMillis", lateRetentionMillis);
    return node.toString();
  }

  /**
   * Reads {@link #toJson()} output. Parameters that are absent keep their defaults.
   *
   * @throws IllegalArgumentException on malformed JSON, a wrong type or version, an unknown key, a
   *     value of the wrong kind or an invalid configuration
   */
  public static StitchConfig fromJson(String json) {
    JsonNode node = TypedJson.read(json, JSON_TYPE, JSON_VERSION);
    Builder b = builder();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String key = e.getKey();
      JsonNode v = e.getValue();
      switch (key) {
        case "type", "version" -> {}
        case "clickWindowMillis" -> b.clickWindow(Duration.ofMillis(jsonLong(key, v)));
        case "orderWindowMillis" -> b.orderWindow(Duration.ofMillis(jsonLong(key, v)));
        case "maxClockSkewMillis" -> b.maxClockSkew(Duration.ofMillis(jsonLong(key, v)));
        case "lateRetentionMillis" -> b.lateRetention(Duration.ofMillis(jsonLong(key, v)));
        case "orderAnchor" -> b.orderAnchor(jsonEnum(OrderAnchor.class, key, v));
        case "duplicatePolicy" -> b.duplicatePolicy(jsonEnum(DuplicatePolicy.class, key, v));
        default -> Check.arg(false, "json.key", key, "is not a StitchConfig parameter");
      }
    }
    return b.build();
  }

  private static long jsonLong(String key, JsonNode v) {
    Check.arg(v.isIntegralNumber() && v.canConvertToLong(), "json." + key, v, "must be a long");
    return v.longValue();
  }

  private static <E extends Enum<E>> E jsonEnum(Class<E> type, String key, JsonNode v) {
    Check.arg(v.isTextual(), "json." + key, v, "must be a string");
    for (E c : type.getEnumConstants()) {
      if (c.name().equals(v.asText())) {
        return c;
      }
    }
    Check.arg(
        false, "json." + key, v.asText(), "must be one of " + List.of(type.getEnumConstants()));
    throw new AssertionError();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StitchConfig c
        && clickWindowMillis == c.clickWindowMillis
        && orderWindowMillis == c.orderWindowMillis
        && orderAnchor == c.orderAnchor
        && maxClockSkewMillis == c.maxClockSkewMillis
        && duplicatePolicy == c.duplicatePolicy
        && lateRetentionMillis == c.lateRetentionMillis;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        clickWindowMillis,
        orderWindowMillis,
        orderAnchor,
        maxClockSkewMillis,
        duplicatePolicy,
        lateRetentionMillis);
  }

  @Override
  public String toString() {
    return toJson();
  }

  /** Fluent builder; {@link #build()} validates. */
  public static final class Builder {
    private long clickWindowMillis = Duration.ofMinutes(30).toMillis();
    private long orderWindowMillis = Duration.ofHours(24).toMillis();
    private OrderAnchor orderAnchor = OrderAnchor.CLICK;
    private long maxClockSkewMillis = 0;
    private DuplicatePolicy duplicatePolicy = DuplicatePolicy.KEEP_FIRST;
    private long lateRetentionMillis = Duration.ofDays(1).toMillis();

    private Builder() {}

    /**
     * Longest time from exposure to an attributed click, {@code >= 0} ({@link #UNBOUNDED} for no
     * limit). Default 30 min.
     *
     * @throws IllegalArgumentException if null or negative
     */
    public Builder clickWindow(Duration window) {
      clickWindowMillis = millis("stitchConfig.clickWindow", window);
      return this;
    }

    /**
     * Longest time from the anchor to an attributed order, {@code >= 0}. Default 24 h.
     *
     * @throws IllegalArgumentException if null or negative
     */
    public Builder orderWindow(Duration window) {
      orderWindowMillis = millis("stitchConfig.orderWindow", window);
      return this;
    }

    /**
     * What the order window is measured from. Default {@link OrderAnchor#CLICK}.
     *
     * @throws IllegalArgumentException if null
     */
    public Builder orderAnchor(OrderAnchor anchor) {
      orderAnchor = Check.notNull("stitchConfig.orderAnchor", anchor);
      return this;
    }

    /**
     * Tolerated clock skew, {@code >= 0}: a row up to this much before its anchor is still
     * attributed. Default 0.
     *
     * @throws IllegalArgumentException if null or negative
     */
    public Builder maxClockSkew(Duration skew) {
      maxClockSkewMillis = millis("stitchConfig.maxClockSkew", skew);
      return this;
    }

    /**
     * Which in-window row is attributed when a trace id repeats. Default {@link
     * DuplicatePolicy#KEEP_FIRST}.
     *
     * @throws IllegalArgumentException if null
     */
    public Builder duplicatePolicy(DuplicatePolicy policy) {
      duplicatePolicy = Check.notNull("stitchConfig.duplicatePolicy", policy);
      return this;
    }

    /**
     * How long {@link StreamingStitcher} remembers an emitted exposure's trace id, {@code >= 0}.
     * Default 1 day.
     *
     * @throws IllegalArgumentException if null or negative
     */
    public Builder lateRetention(Duration retention) {
      lateRetentionMillis = millis("stitchConfig.lateRetention", retention);
      return this;
    }

    /** The config. All values are checked by the setters, so this does not throw. */
    public StitchConfig build() {
      return new StitchConfig(this);
    }

    private static long millis(String field, Duration d) {
      Check.notNull(field, d);
      Check.arg(!d.isNegative(), field, d, "must be >= 0");
      Check.arg(d.compareTo(UNBOUNDED) <= 0, field, d, "must be <= UNBOUNDED (Long.MAX_VALUE ms)");
      return d.toMillis();
    }
  }
}
