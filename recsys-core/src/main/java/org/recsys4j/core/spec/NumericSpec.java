package org.recsys4j.core.spec;

import java.util.ArrayList;
import java.util.List;
import org.recsys4j.core.Check;

/**
 * A numeric feature such as {@code price} or {@code age}, either bucketized or normalised.
 *
 * <ul>
 *   <li>{@link NumericTransform#BUCKETIZE}, ids looked up in {@code table} ({@code 0} is padding
 *       and never produced for a value): with {@code n} boundaries {@code b[0] < ... < b[n-1]} a
 *       finite {@code x} gets the id {@code 1 + (number of i with b[i] <= x)} in {@code 1..n+1}
 *       ({@code x < b[0]} is id 1, a boundary value falls into the bucket above it, {@code x >=
 *       b[n-1]} is id {@code n+1}); {@code space = n + 2}. A missing value gets the dedicated
 *       missing id {@link #missingId()} {@code = space = n + 2} when {@code defaultValue} is null
 *       (the default for this transform), so the table has {@link #rows()} {@code = n + 3} rows;
 *       with an explicit {@code defaultValue} it gets that value's bucket id instead and {@code
 *       rows = n + 2}. Boundaries are given or fitted with {@code
 *       org.recsys4j.features.fit.BoundaryFitter}. {@code mean} and {@code std} must keep their
 *       unused values 0 and 1.
 *   <li>{@link NumericTransform#NORMALIZE}: the float {@code (x - mean) / std}, clamped to the
 *       finite float range. A missing value is replaced by {@code defaultValue} (required, 0 by
 *       default in the builder) before the transform, so it is fed as {@code (defaultValue - mean)
 *       / std} and cannot be told from a real value equal to {@code defaultValue}; give the model
 *       an indicator feature if that matters. {@code mean} and {@code std} are given or fitted with
 *       {@code org.recsys4j.features.fit.MeanStdFitter}; {@code boundaries} is empty, {@code table}
 *       null and {@code embeddingDim} 0.
 * </ul>
 *
 * <p>Missing values are absent or null values, empty strings, NaN and ±Infinity; the encoder counts
 * them, and a model never sees NaN.
 *
 * @param name unique feature name
 * @param transform bucketize or normalise
 * @param boundaries finite, strictly increasing bucket boundaries (bucketize only), at most {@code
 *     FeatureSpec.MAX_SPACE - 2}
 * @param mean finite mean subtracted (normalise only)
 * @param std finite positive divisor (normalise only)
 * @param defaultValue finite replacement for missing values; {@code null} (bucketize only) for the
 *     dedicated missing id
 * @param table embedding table of the bucket ids (bucketize only; by default {@code name})
 * @param embeddingDim embedding dimension, at least 1 (bucketize only)
 */
public record NumericSpec(
    String name,
    NumericTransform transform,
    List<Double> boundaries,
    double mean,
    double std,
    Double defaultValue,
    String table,
    int embeddingDim)
    implements FeatureSpec {

  /**
   * Validates and copies the boundaries.
   *
   * @throws IllegalArgumentException naming the field, its value and the rule broken
   */
  public NumericSpec {
    Specs.checkName("numeric.name", name);
    String p = "numeric[" + name + "].";
    Check.notNull(p + "transform", transform);
    Check.notNull(p + "boundaries", boundaries);
    boundaries = List.copyOf(boundaries);
    if (defaultValue != null) {
      Check.finite(p + "defaultValue", defaultValue);
    }
    if (transform == NumericTransform.BUCKETIZE) {
      Check.arg(
          !boundaries.isEmpty(), p + "boundaries.size", 0, "must be >= 1 when transform=BUCKETIZE");
      Specs.checkSpace(
          p + "boundaries.size",
          boundaries.size(),
          FeatureSpec.MAX_SPACE - 2,
          "FeatureSpec.MAX_SPACE-2, as space = boundaries.size()+2");
      for (int i = 0; i < boundaries.size(); i++) {
        Check.finite(p + "boundaries[" + i + "]", boundaries.get(i));
        if (i > 0) {
          Check.arg(
              boundaries.get(i) > boundaries.get(i - 1),
              p + "boundaries[" + i + "]",
              boundaries.get(i),
              "must be > boundaries["
                  + (i - 1)
                  + "]="
                  + boundaries.get(i - 1)
                  + " (strictly increasing)");
        }
      }
      Specs.checkName(p + "table", table);
      Check.positive(p + "embeddingDim", embeddingDim);
      Check.arg(
          mean == 0.0 && std == 1.0,
          p + "mean/std",
          mean + "/" + std,
          "must be 0/1 (unused) when transform=BUCKETIZE");
    } else {
      Check.arg(
          boundaries.isEmpty(),
          p + "boundaries.size",
          boundaries.size(),
          "must be 0 when transform=NORMALIZE");
      Check.arg(
          defaultValue != null,
          p + "defaultValue",
          null,
          "must be a finite number when transform=NORMALIZE (missing values are fed as it)");
      Check.finite(p + "mean", mean);
      Check.positive(p + "std", std);
      Check.arg(table == null, p + "table", table, "must be null when transform=NORMALIZE");
      Check.arg(
          embeddingDim == 0,
          p + "embeddingDim",
          embeddingDim,
          "must be 0 when transform=NORMALIZE");
    }
  }

  /** A builder for a bucketized feature (boundaries and dim to be set; table = name). */
  public static Builder bucketized(String name) {
    return new Builder(name, NumericTransform.BUCKETIZE);
  }

  /** A builder for a normalised feature (mean 0 and std 1 until set). */
  public static Builder normalized(String name) {
    return new Builder(name, NumericTransform.NORMALIZE);
  }

  /** A builder holding this spec's settings. */
  public Builder toBuilder() {
    Builder b = new Builder(name, transform);
    b.boundaries = boundaries;
    b.mean = mean;
    b.std = std;
    b.defaultValue = defaultValue;
    b.table = table;
    b.embeddingDim = embeddingDim;
    return b;
  }

  /**
   * {@code boundaries.size() + 2} when bucketized (padding 0 and the buckets {@code 1..n+1}); 0
   * when normalised.
   */
  @Override
  public int space() {
    return transform == NumericTransform.BUCKETIZE ? boundaries.size() + 2 : 0;
  }

  /**
   * The id of a missing value when bucketized without a {@code defaultValue}: {@code space}; else
   * -1 (a bucketized missing value then takes its default's bucket id, a normalised one is fed as
   * the default).
   */
  public int missingId() {
    return transform == NumericTransform.BUCKETIZE && defaultValue == null ? space() : -1;
  }

  /**
   * Embedding rows the ids need: {@code space + 1} when bucketized with the dedicated missing id,
   * {@code space} when bucketized with a {@code defaultValue}; 0 when normalised.
   */
  @Override
  public int rows() {
    return missingId() >= 0 ? space() + 1 : space();
  }

  /** The boundaries as a primitive array (empty when normalised). */
  public double[] boundaryArray() {
    double[] b = new double[boundaries.size()];
    for (int i = 0; i < b.length; i++) {
      b[i] = boundaries.get(i);
    }
    return b;
  }

  /** Fluent builder; {@link #build()} validates through the canonical constructor. */
  public static final class Builder {
    private final String name;
    private final NumericTransform transform;
    private List<Double> boundaries = List.of();
    private double mean = 0.0;
    private double std = 1.0;
    private Double defaultValue;
    private String table;
    private int embeddingDim;

    private Builder(String name, NumericTransform transform) {
      this.name = name;
      this.transform = transform;
      this.defaultValue = transform == NumericTransform.NORMALIZE ? 0.0 : null;
    }

    /** Finite, strictly increasing boundaries (copied), e.g. from {@code BoundaryFitter.fit()}. */
    public Builder boundaries(double... boundaries) {
      Check.notNull("numeric[" + name + "].boundaries", boundaries);
      List<Double> l = new ArrayList<>(boundaries.length);
      for (double d : boundaries) {
        l.add(d);
      }
      this.boundaries = List.copyOf(l);
      return this;
    }

    /** Mean subtracted when normalising. */
    public Builder mean(double mean) {
      this.mean = mean;
      return this;
    }

    /** Positive divisor when normalising. */
    public Builder std(double std) {
      this.std = std;
      return this;
    }

    /**
     * Finite replacement for missing values. Default: none when bucketized (missing values get the
     * dedicated missing id), 0 when normalised.
     */
    public Builder defaultValue(double defaultValue) {
      this.defaultValue = defaultValue;
      return this;
    }

    /**
     * Bucketized only: no default, so missing values get the dedicated missing id (the default).
     */
    public Builder missingId() {
      this.defaultValue = null;
      return this;
    }

    /** Embedding table name for bucket ids; default: the feature name (bucketize only). */
    public Builder table(String table) {
      this.table = table;
      return this;
    }

    /** Embedding dimension for bucket ids (bucketize only). */
    public Builder embeddingDim(int embeddingDim) {
      this.embeddingDim = embeddingDim;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException naming the field, its value and the rule broken
     */
    public NumericSpec build() {
      String t = table;
      if (t == null && transform == NumericTransform.BUCKETIZE) {
        t = name;
      }
      return new NumericSpec(name, transform, boundaries, mean, std, defaultValue, t, embeddingDim);
    }
  }
}
