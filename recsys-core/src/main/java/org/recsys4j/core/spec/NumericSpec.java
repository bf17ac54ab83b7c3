package org.recsys4j.core.spec;

import java.util.ArrayList;
import java.util.List;
import org.recsys4j.core.Check;

/**
 * A numeric feature such as {@code price} or {@code age}, either bucketized or normalised.
 *
 * <ul>
 *   <li>{@link NumericTransform#BUCKETIZE}: the id {@code Bucketizer.bucket(x)} in {@code 0..n} for
 *       {@code n} boundaries (a boundary value falls into the bucket above it), looked up in {@code
 *       table}; {@code space = n + 1}. Here id 0 is the lowest bucket, not padding. Boundaries are
 *       given or fitted with {@link BoundaryFitter}. {@code mean} and {@code std} must keep their
 *       unused values 0 and 1.
 *   <li>{@link NumericTransform#NORMALIZE}: the float {@code (x - mean) / std}, clamped to the
 *       finite float range. {@code mean} and {@code std} are given or fitted with {@link
 *       MeanStdFitter}; {@code boundaries} is empty, {@code table} null and {@code embeddingDim}
 *       0.
 * </ul>
 *
 * <p>Missing values (null, empty string, NaN, ±Infinity) are replaced by {@code defaultValue}
 * before the transform and counted by the encoder, so a model never sees NaN.
 *
 * @param name unique feature name
 * @param transform bucketize or normalise
 * @param boundaries finite, strictly increasing bucket boundaries (bucketize only)
 * @param mean finite mean subtracted (normalise only)
 * @param std finite positive divisor (normalise only)
 * @param defaultValue finite replacement for missing values
 * @param table embedding table of the bucket ids (bucketize only; by default {@code name})
 * @param embeddingDim embedding dimension, at least 1 (bucketize only)
 */
public record NumericSpec(
    String name,
    NumericTransform transform,
    List<Double> boundaries,
    double mean,
    double std,
    double defaultValue,
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
    Check.finite(p + "defaultValue", defaultValue);
    if (transform == NumericTransform.BUCKETIZE) {
      Check.arg(!boundaries.isEmpty(), p + "boundaries.size", 0,
          "must be >= 1 when transform=BUCKETIZE");
      for (int i = 0; i < boundaries.size(); i++) {
        Check.finite(p + "boundaries[" + i + "]", boundaries.get(i));
        if (i > 0) {
          Check.arg(boundaries.get(i) > boundaries.get(i - 1), p + "boundaries[" + i + "]",
              boundaries.get(i), "must be > boundaries[" + (i - 1) + "]=" + boundaries.get(i - 1)
                  + " (strictly increasing)");
        }
      }
      Specs.checkName(p + "table", table);
      Check.positive(p + "embeddingDim", embeddingDim);
      Check.arg(mean == 0.0 && std == 1.0, p + "mean/std", mean + "/" + std,
          "must be 0/1 (unused) when transform=BUCKETIZE");
    } else {
      Check.arg(boundaries.isEmpty(), p + "boundaries.size", boundaries.size(),
          "must be 0 when transform=NORMALIZE");
      Check.finite(p + "mean", mean);
      Check.positive(p + "std", std);
      Check.arg(table == null, p + "table", table, "must be null when transform=NORMALIZE");
      Check.arg(embeddingDim == 0, p + "embeddingDim", embeddingDim,
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

  /** {@code boundaries.size() + 1} buckets when bucketized; 0 when normalised. */
  @Override
  public int space() {
    return transform == NumericTransform.BUCKETIZE ? boundaries.size() + 1 : 0;
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
    private double defaultValue = 0.0;
    private String table;
    private int embeddingDim;

    private Builder(String name, NumericTransform transform) {
      this.name = name;
      this.transform = transform;
    }

    /** Finite, strictly increasing boundaries (copied), e.g. from {@link BoundaryFitter#fit()}. */
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

    /** Finite replacement for missing values; default 0. */
    public Builder defaultValue(double defaultValue) {
      this.defaultValue = defaultValue;
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
      return new NumericSpec(name, transform, boundaries, mean, std, defaultValue, t,
          embeddingDim);
    }
  }
}
