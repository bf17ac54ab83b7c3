package org.recsys4j.features.encode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recsys4j.core.Check;

/**
 * How many missing values a {@link FeatureEncoder} has replaced, per feature, since it was created
 * or last {@link #reset()}.
 *
 * <p>A value is missing when it is absent or null, an empty string, a NaN or ±Infinity number (or
 * such a numeric string), or a bag or sequence with no real token. Not thread-safe; read it from
 * the thread that uses the encoder.
 */
public final class MissingCounts {
  private final List<String> names;
  private final long[] counts;

  MissingCounts(List<String> names) {
    this.names = List.copyOf(names);
    this.counts = new long[names.size()];
  }

  void increment(int feature) {
    counts[feature]++;
  }

  /**
   * The count of feature {@code name}.
   *
   * @throws IllegalArgumentException if the schema has no such feature
   */
  public long get(String name) {
    int i = names.indexOf(name);
    Check.arg(i >= 0, "feature", name, "must be a feature of the schema " + names);
    return counts[i];
  }

  /** The sum over all features. */
  public long total() {
    long t = 0;
    for (long c : counts) {
      t += c;
    }
    return t;
  }

  /** A snapshot of all counts in schema order. */
  public Map<String, Long> asMap() {
    Map<String, Long> m = new LinkedHashMap<>();
    for (int i = 0; i < counts.length; i++) {
      m.put(names.get(i), counts[i]);
    }
    return m;
  }

  /** Sets all counts to 0. */
  public void reset() {
    java.util.Arrays.fill(counts, 0L);
  }

  @Override
  public String toString() {
    return "MissingCounts" + asMap();
  }
}
