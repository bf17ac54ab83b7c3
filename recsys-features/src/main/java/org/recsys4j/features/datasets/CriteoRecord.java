package org.recsys4j.features.datasets;

import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import org.recsys4j.core.Check;

/**
 * One Criteo display-ads row: a click label, 13 integer features {@code I1..I13} and 26 hashed
 * categorical features {@code C1..C26}, each possibly missing.
 *
 * <p>Indices are 0-based: {@code integer(0)} is {@code I1}, {@code categorical(25)} is {@code C26}.
 * Immutable.
 */
public final class CriteoRecord {
  /** Number of integer features, {@code I1..I13}. */
  public static final int NUM_INTEGER = 13;

  /** Number of categorical features, {@code C1..C26}. */
  public static final int NUM_CATEGORICAL = 26;

  private final int label;
  private final long[] integers;
  private final boolean[] integerPresent;
  private final String[] categoricals;

  /**
   * Creates a row.
   *
   * @param label 0 or 1
   * @param integers 13 values; entries whose {@code integerPresent} flag is false are ignored
   * @param integerPresent 13 flags, false = missing
   * @param categoricals 26 values, {@code null} = missing
   * @throws IllegalArgumentException if the label is not 0/1, an array is null or has the wrong
   *     length, or a categorical value is empty (use null for missing)
   */
  public CriteoRecord(int label, long[] integers, boolean[] integerPresent, String[] categoricals) {
    Check.inRange("label", label, 0, 1);
    Check.arg(
        integers != null && integers.length == NUM_INTEGER,
        "integers.length",
        integers == null ? null : integers.length,
        "must be " + NUM_INTEGER);
    Check.arg(
        integerPresent != null && integerPresent.length == NUM_INTEGER,
        "integerPresent.length",
        integerPresent == null ? null : integerPresent.length,
        "must be " + NUM_INTEGER);
    Check.arg(
        categoricals != null && categoricals.length == NUM_CATEGORICAL,
        "categoricals.length",
        categoricals == null ? null : categoricals.length,
        "must be " + NUM_CATEGORICAL);
    this.label = label;
    this.integers = integers.clone();
    this.integerPresent = integerPresent.clone();
    for (int j = 0; j < NUM_INTEGER; j++) {
      if (!this.integerPresent[j]) {
        this.integers[j] = 0;
      }
    }
    this.categoricals = categoricals.clone();
    for (int j = 0; j < NUM_CATEGORICAL; j++) {
      Check.arg(
          this.categoricals[j] == null || !this.categoricals[j].isEmpty(),
          "categoricals[" + j + "]",
          this.categoricals[j],
          "must be null (missing) or non-empty");
    }
  }

  /** The click label, 0 or 1. */
  public int label() {
    return label;
  }

  /**
   * Integer feature {@code I(j+1)}, empty if missing.
   *
   * @throws IndexOutOfBoundsException if {@code j} is not in 0..12
   */
  public OptionalLong integer(int j) {
    return integerPresent[j] ? OptionalLong.of(integers[j]) : OptionalLong.empty();
  }

  /**
   * Whether {@code I(j+1)} is missing.
   *
   * @throws IndexOutOfBoundsException if {@code j} is not in 0..12
   */
  public boolean isIntegerMissing(int j) {
    return !integerPresent[j];
  }

  /**
   * Categorical feature {@code C(j+1)}, e.g. {@code "68fd1e64"}, empty if missing.
   *
   * @throws IndexOutOfBoundsException if {@code j} is not in 0..25
   */
  public Optional<String> categorical(int j) {
    return Optional.ofNullable(categoricals[j]);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CriteoRecord r
        && label == r.label
        && Arrays.equals(integers, r.integers)
        && Arrays.equals(integerPresent, r.integerPresent)
        && Arrays.equals(categoricals, r.categoricals);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (31 * label + Arrays.hashCode(integers)) + Arrays.hashCode(integerPresent))
        + Arrays.hashCode(categoricals);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("CriteoRecord{label=").append(label).append(", I=[");
    for (int j = 0; j < NUM_INTEGER; j++) {
      sb.append(j == 0 ? "" : ",").append(integerPresent[j] ? Long.toString(integers[j]) : "");
    }
    sb.append("], C=[");
    for (int j = 0; j < NUM_CATEGORICAL; j++) {
      sb.append(j == 0 ? "" : ",").append(categoricals[j] == null ? "" : categoricals[j]);
    }
    return sb.append("]}").toString();
  }
}
