package org.recsys4j.features.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;
import org.recsys4j.core.Check;
import org.recsys4j.features.encode.NumberText;
import org.recsys4j.features.hash.Bucketizer;

/**
 * Accumulates {@link FeatureStats} for one feature over a stream of values, in bounded memory.
 *
 * <ul>
 *   <li><b>Missing</b>: {@code null} or {@code ""} in {@link #accept(String)}, NaN in {@link
 *       #acceptNumber(double)}, and {@link #acceptMissing()}.
 *   <li><b>Values</b>: a number is keyed by its decimal string ({@code 5.0} as {@code "5"}, {@code
 *       0.25} as {@code "0.25"}), so {@code accept("5")} and {@code acceptNumber(5)} are the same
 *       value for cardinality and top values.
 *   <li><b>Cardinality and top values</b>: exact counts while at most {@code exactLimit} distinct
 *       values have been seen; beyond that a HyperLogLog sketch ({@code lgK}, relative error about
 *       {@code 1.04 / sqrt(2^lgK)}, 1.6% at the default 12) and a frequent-items sketch ({@code
 *       sketchMapSize}; it reports only values whose count exceeds its error bound, so fewer than
 *       {@code topK} may be listed).
 *   <li><b>Numbers</b>: min, max, mean, exact bucket counts for the given boundaries, indexed by
 *       the encoder's bucket id (see {@link NumericSummary}), and KLL quantiles at the given ranks.
 * </ul>
 *
 * <p>Not thread-safe; build one per feature with {@link #builder(String)}.
 */
public final class FeatureStatsCollector {
  private final String name;
  private final int topK;
  private final int exactLimit;
  private final int sketchMapSize;
  private final List<Double> ranks;
  private final Bucketizer bucketizer;
  private final List<Double> boundaries;

  private final HllSketch hll;
  private Map<String, long[]> exact = new HashMap<>();
  private ItemsSketch<String> items;
  private final KllDoublesSketch kll;
  private final long[] buckets;
  private long count;
  private long missing;
  private long numbers;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;
  private double sum;

  private FeatureStatsCollector(Builder b) {
    this.name = b.name;
    this.topK = b.topK;
    this.exactLimit = b.exactLimit;
    this.sketchMapSize = b.sketchMapSize;
    this.ranks = List.copyOf(b.ranks);
    this.boundaries = List.copyOf(b.boundaries);
    this.bucketizer =
        boundaries.isEmpty()
            ? null
            : Bucketizer.builder()
                .boundaries(boundaries.stream().mapToDouble(Double::doubleValue).toArray())
                .build();
    // indexed by the encoder's id: 0 is padding (never counted), real buckets are 1..n+1
    this.buckets = new long[boundaries.isEmpty() ? 0 : boundaries.size() + 2];
    this.hll = new HllSketch(b.lgK);
    this.kll = KllDoublesSketch.newHeapInstance(b.kllK);
  }

  /**
   * A builder for a collector of feature {@code name}.
   *
   * @throws IllegalArgumentException if {@code name} is null
   */
  public static Builder builder(String name) {
    return new Builder(Check.notNull("name", name));
  }

  /** Adds a categorical value; {@code null} and {@code ""} count as missing. */
  public void accept(String value) {
    if (value == null || value.isEmpty()) {
      acceptMissing();
      return;
    }
    count++;
    addDistinct(value);
  }

  /**
   * Adds a numeric value; NaN counts as missing.
   *
   * @throws IllegalArgumentException if {@code value} is infinite
   */
  public void acceptNumber(double value) {
    if (Double.isNaN(value)) {
      acceptMissing();
      return;
    }
    Check.finite("value", value);
    count++;
    numbers++;
    min = Math.min(min, value);
    max = Math.max(max, value);
    sum += value;
    kll.update(value);
    if (bucketizer != null) {
      buckets[1 + bucketizer.bucket(value)]++;
    }
    addDistinct(key(value));
  }

  /** Adds a missing value. */
  public void acceptMissing() {
    count++;
    missing++;
  }

  private static String key(double v) {
    return NumberText.canonical(v);
  }

  private void addDistinct(String value) {
    hll.update(value);
    if (exact != null) {
      exact.computeIfAbsent(value, k -> new long[1])[0]++;
      if (exact.size() > exactLimit) {
        items = new ItemsSketch<>(sketchMapSize);
        for (Map.Entry<String, long[]> e : exact.entrySet()) {
          items.update(e.getKey(), e.getValue()[0]);
        }
        exact = null;
      }
    } else {
      items.update(value);
    }
  }

  /** The statistics so far, as an immutable snapshot; the collector can keep accepting values. */
  public FeatureStats result() {
    double card;
    double lower;
    double upper;
    boolean cardExact = exact != null;
    List<ValueCount> top = new ArrayList<>();
    if (cardExact) {
      card = exact.size();
      lower = card;
      upper = card;
      exact.entrySet().stream()
          .sorted(
              Comparator.comparingLong((Map.Entry<String, long[]> e) -> -e.getValue()[0])
                  .thenComparing(Map.Entry::getKey))
          .limit(topK)
          .forEach(
              e ->
                  top.add(
                      new ValueCount(
                          e.getKey(), e.getValue()[0], e.getValue()[0], e.getValue()[0])));
    } else {
      card = hll.getEstimate();
      lower = Math.min(card, hll.getLowerBound(2));
      upper = Math.max(card, hll.getUpperBound(2));
      ItemsSketch.Row<String>[] rows = items.getFrequentItems(ErrorType.NO_FALSE_NEGATIVES);
      Arrays.stream(rows)
          .sorted(
              Comparator.comparingLong((ItemsSketch.Row<String> r) -> -r.getEstimate())
                  .thenComparing(ItemsSketch.Row::getItem))
          .limit(topK)
          .forEach(
              r ->
                  top.add(
                      new ValueCount(
                          r.getItem(),
                          r.getEstimate(),
                          Math.min(r.getLowerBound(), r.getEstimate()),
                          Math.max(r.getUpperBound(), r.getEstimate()))));
    }
    Optional<NumericSummary> numeric = Optional.empty();
    if (numbers > 0) {
      List<Quantile> qs = new ArrayList<>(ranks.size());
      for (double r : ranks) {
        qs.add(new Quantile(r, kll.getQuantile(r, QuantileSearchCriteria.INCLUSIVE)));
      }
      List<Long> counts = new ArrayList<>(buckets.length);
      for (long c : buckets) {
        counts.add(c);
      }
      numeric =
          Optional.of(new NumericSummary(numbers, min, max, sum / numbers, qs, boundaries, counts));
    }
    return new FeatureStats(
        name, count, missing, card, lower, upper, cardExact, top, cardExact, numeric);
  }

  /** Fluent builder; {@link #build()} validates and returns a new, empty collector. */
  public static final class Builder {
    private final String name;
    private int lgK = 12;
    private int kllK = 200;
    private int topK = 10;
    private int exactLimit = 1024;
    private int sketchMapSize = 1024;
    private List<Double> ranks = List.of(0.0, 0.25, 0.5, 0.75, 0.99, 1.0);
    private List<Double> boundaries = List.of();

    private Builder(String name) {
      this.name = name;
    }

    /** HyperLogLog size {@code log2(K)}, 4..21 (default 12). */
    public Builder lgK(int lgK) {
      this.lgK = lgK;
      return this;
    }

    /** KLL accuracy parameter, 8..65535 (default 200, rank error about 1.3%). */
    public Builder kllK(int kllK) {
      this.kllK = kllK;
      return this;
    }

    /** How many top values to report, &gt;= 1 (default 10). */
    public Builder topK(int topK) {
      this.topK = topK;
      return this;
    }

    /** Distinct values counted exactly before switching to sketches, &gt;= 0 (default 1024). */
    public Builder exactLimit(int exactLimit) {
      this.exactLimit = exactLimit;
      return this;
    }

    /** Frequent-items sketch map size, a power of 2 &gt;= 8 (default 1024). */
    public Builder sketchMapSize(int sketchMapSize) {
      this.sketchMapSize = sketchMapSize;
      return this;
    }

    /** Quantile ranks in [0, 1] (default 0, 0.25, 0.5, 0.75, 0.99, 1). */
    public Builder quantileRanks(double... ranks) {
      Check.notNull("ranks", ranks);
      this.ranks = Arrays.stream(ranks).boxed().toList();
      return this;
    }

    /** Bucket boundaries, finite and strictly increasing (default none). */
    public Builder boundaries(double... boundaries) {
      Check.notNull("boundaries", boundaries);
      this.boundaries = Arrays.stream(boundaries).boxed().toList();
      return this;
    }

    /**
     * Validates and builds an empty collector.
     *
     * @throws IllegalArgumentException if a setting is out of range (see the setters), a rank is
     *     outside [0, 1], or the boundaries are not finite and strictly increasing
     */
    public FeatureStatsCollector build() {
      Check.inRange("lgK", lgK, 4, 21);
      Check.inRange("kllK", kllK, 8, 65535);
      Check.positive("topK", topK);
      Check.nonNegative("exactLimit", exactLimit);
      Check.arg(
          sketchMapSize >= 8 && Integer.bitCount(sketchMapSize) == 1,
          "sketchMapSize",
          sketchMapSize,
          "must be a power of 2 >= 8");
      for (int i = 0; i < ranks.size(); i++) {
        Check.inRange("quantileRanks[" + i + "]", ranks.get(i), 0.0, 1.0);
      }
      for (int i = 0; i < boundaries.size(); i++) {
        Check.finite("boundaries[" + i + "]", boundaries.get(i));
        if (i > 0) {
          Check.arg(
              boundaries.get(i) > boundaries.get(i - 1),
              "boundaries[" + i + "]",
              boundaries.get(i),
              "must be > boundaries[" + (i - 1) + "]=" + boundaries.get(i - 1));
        }
      }
      return new FeatureStatsCollector(this);
    }
  }
}
