package org.recsys4j.features.hash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.recsys4j.core.Check;
import org.recsys4j.core.json.TypedJson;

/**
 * Maps a numeric value to a bucket index by sorted boundaries.
 *
 * <p>With boundaries {@code b[0] < b[1] < ... < b[n-1]} (finite, strictly increasing, {@code n >=
 * 1}):
 *
 * <pre>{@code
 * bucket(x) = number of i with b[i] <= x        // in 0..n
 *           = 0 for x < b[0],  i for b[i-1] <= x < b[i],  n for x >= b[n-1]
 * bucket(NaN) = missingBucket
 * }</pre>
 *
 * so a boundary value falls into the bucket above it, {@code -Infinity} into 0 and {@code
 * +Infinity} into {@code n}. NaN (a missing value) goes to {@code missingBucket}, which defaults to
 * the dedicated bucket {@code n + 1}; it may instead be set to any bucket in {@code 0..n+1}, e.g. 0
 * to fold missing values into the lowest bucket. {@link #numBuckets()} is the embedding vocabulary
 * size the indices need.
 *
 * <p>The {@code FeatureEncoder} does not use these indices as ids directly: a bucketized {@code
 * NumericSpec} gives {@code 1 + bucket(x)} in {@code 1..n+1}, keeping id 0 for padding, and its own
 * missing id {@code n+2}.
 *
 * <p>Immutable and thread-safe; serialises to JSON with {@code type} and {@code version}.
 */
public final class Bucketizer {
  /** The {@code type} written to JSON. */
  public static final String JSON_TYPE = "Bucketizer";

  /** The JSON format version written by {@link #toJson()}. */
  public static final int JSON_VERSION = 1;

  private static final List<String> JSON_KEYS =
      List.of("type", "version", "boundaries", "missingBucket");

  private final double[] boundaries;
  private final int missingBucket;

  private Bucketizer(double[] boundaries, int missingBucket) {
    this.boundaries = boundaries;
    this.missingBucket = missingBucket;
  }

  /** A builder with no boundaries and the default (dedicated) missing bucket. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this bucketizer's settings. */
  public Builder toBuilder() {
    Builder b = new Builder().boundaries(boundaries);
    if (missingBucket != boundaries.length + 1) {
      b.missingBucket(missingBucket); // else keep following the default if boundaries change
    }
    return b;
  }

  /**
   * The bucket of {@code x}: the number of boundaries {@code <= x}, or the missing bucket for NaN.
   */
  public int bucket(double x) {
    if (Double.isNaN(x)) {
      return missingBucket;
    }
    int lo = 0;
    int hi = boundaries.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (boundaries[mid] <= x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** A copy of the boundaries. */
  public double[] boundaries() {
    return boundaries.clone();
  }

  /** The bucket NaN maps to. */
  public int missingBucket() {
    return missingBucket;
  }

  /** Number of distinct bucket indices: {@code max(boundaries.length, missingBucket) + 1}. */
  public int numBuckets() {
    return Math.max(boundaries.length, missingBucket) + 1;
  }

  /**
   * JSON of the form {@code {"type":"Bucketizer","version":1,"boundaries":[..],"missingBucket":n}}.
   */
  public String toJson() {
    ObjectNode node = TypedJson.envelope(JSON_TYPE, JSON_VERSION);
    ArrayNode arr = node.putArray("boundaries");
    for (double b : boundaries) {
      arr.add(b);
    }
    node.put("missingBucket", missingBucket);
    return node.toString();
  }

  /**
   * Reads {@link #toJson()} output.
   *
   * @throws IllegalArgumentException on malformed JSON, a wrong type or version, an unknown key, or
   *     invalid settings
   */
  public static Bucketizer fromJson(String json) {
    JsonNode node = TypedJson.parseObject(json);
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String key = e.getKey();
      Check.arg(
          JSON_KEYS.contains(key), "json.key", key, "is unknown; expected one of " + JSON_KEYS);
    }
    TypedJson.checkEnvelope(node, "json", JSON_TYPE, JSON_VERSION);
    JsonNode arr = node.path("boundaries");
    Check.arg(arr.isArray(), "json.boundaries", arr, "must be an array of numbers");
    double[] bounds = new double[arr.size()];
    for (int i = 0; i < bounds.length; i++) {
      Check.arg(
          arr.get(i).isNumber(), "json.boundaries[" + i + "]", arr.get(i), "must be a number");
      bounds[i] = arr.get(i).asDouble();
    }
    JsonNode missing = node.path("missingBucket");
    Check.arg(missing.isInt(), "json.missingBucket", missing, "must be an integer");
    return builder().boundaries(bounds).missingBucket(missing.asInt()).build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bucketizer b
        && missingBucket == b.missingBucket
        && Arrays.equals(boundaries, b.boundaries);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(boundaries) + missingBucket;
  }

  @Override
  public String toString() {
    return "Bucketizer[boundaries="
        + Arrays.toString(boundaries)
        + ", missingBucket="
        + missingBucket
        + "]";
  }

  /** Fluent builder; {@link #build()} validates. */
  public static final class Builder {
    private double[] boundaries = new double[0];
    private Integer missingBucket;

    private Builder() {}

    /** Sorted, finite, strictly increasing boundaries (copied). */
    public Builder boundaries(double... boundaries) {
      Check.notNull("bucketizer.boundaries", boundaries);
      this.boundaries = boundaries.clone();
      return this;
    }

    /**
     * The bucket NaN maps to, in {@code 0..boundaries.length+1}; defaults to {@code
     * boundaries.length+1}.
     */
    public Builder missingBucket(int missingBucket) {
      this.missingBucket = missingBucket;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException if there is no boundary, a boundary is not finite or not
     *     greater than its predecessor, or {@code missingBucket} is out of range
     */
    public Bucketizer build() {
      int n = boundaries.length;
      Check.arg(n >= 1, "bucketizer.boundaries.length", n, "must be >= 1");
      for (int i = 0; i < n; i++) {
        Check.finite("bucketizer.boundaries[" + i + "]", boundaries[i]);
        if (i > 0) {
          Check.arg(
              boundaries[i] > boundaries[i - 1],
              "bucketizer.boundaries[" + i + "]",
              boundaries[i],
              "must be > boundaries["
                  + (i - 1)
                  + "]="
                  + boundaries[i - 1]
                  + " (strictly increasing)");
        }
      }
      int missing = missingBucket == null ? n + 1 : missingBucket;
      Check.inRange("bucketizer.missingBucket", missing, 0, n + 1);
      return new Bucketizer(boundaries.clone(), missing);
    }
  }
}
