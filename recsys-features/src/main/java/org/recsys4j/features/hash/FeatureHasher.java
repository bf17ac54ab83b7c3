package org.recsys4j.features.hash;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import org.recsys4j.core.Check;

/**
 * Stable hashing of {@code (field, value)} pairs into embedding indices {@code 1..space-1}; index 0
 * is reserved for padding.
 *
 * <p>The hash is part of the saved-model contract, so it is fixed and documented:
 *
 * <pre>
 *   h     = murmur3_32_fixed(SEED)( utf8(field) ++ [SEPARATOR] ++ utf8(value) )   // 32-bit
 *   index = 1 + (h as unsigned 32-bit integer) mod (space - 1)
 * </pre>
 *
 * with {@link #SEED} {@code = 0x5EED0001} and {@link #SEPARATOR} {@code = 0xFF}, a byte that never
 * occurs in UTF-8, so no two distinct {@code (field, value)} pairs hash the same byte string. The
 * hash function is Guava's {@code Hashing.murmur3_32_fixed(int)} (MurmurHash3 x86_32). A {@code
 * long} value is hashed as its decimal string, so {@code index(f, 42L, v) == index(f, "42", v)}.
 * Golden values are pinned in the tests: changing anything here is a breaking change for every
 * saved model.
 *
 * <p>Stateless and thread-safe.
 */
public final class FeatureHasher {
  /** Murmur3 seed; part of the contract. */
  public static final int SEED = 0x5EED0001;

  /** Byte written between field and value; {@code 0xFF} never occurs in UTF-8. */
  public static final byte SEPARATOR = (byte) 0xFF;

  private static final HashFunction MURMUR = Hashing.murmur3_32_fixed(SEED);

  private FeatureHasher() {}

  /**
   * The raw 32-bit hash of {@code field}, {@link #SEPARATOR} and {@code value} (UTF-8).
   *
   * @throws IllegalArgumentException if {@code field} or {@code value} is null
   */
  public static int hash32(String field, String value) {
    Check.notNull("field", field);
    Check.notNull("value", value);
    return MURMUR
        .newHasher()
        .putBytes(field.getBytes(StandardCharsets.UTF_8))
        .putByte(SEPARATOR)
        .putBytes(value.getBytes(StandardCharsets.UTF_8))
        .hash()
        .asInt();
  }

  /**
   * The index of {@code (field, value)} in {@code 1..space-1}.
   *
   * @param field feature name, e.g. {@code "userId"}
   * @param value raw value
   * @param space vocabulary size including the padding index 0; at least 2
   * @throws IllegalArgumentException if {@code space < 2} or an argument is null
   */
  public static int index(String field, String value, int space) {
    Check.arg(space >= 2, "space", space, "must be >= 2 (index 0 is reserved for padding)");
    return 1 + Integer.remainderUnsigned(hash32(field, value), space - 1);
  }

  /**
   * The index of {@code (field, Long.toString(value))}: a number hashes like its decimal string.
   *
   * @throws IllegalArgumentException if {@code space < 2} or {@code field} is null
   */
  public static int index(String field, long value, int space) {
    return index(field, Long.toString(value), space);
  }

  /**
   * Like {@link #index(String, String, int)}, but maps the raw data's padding token (for example
   * {@code "S:-1"}), {@code null} and the empty string to the padding id 0, so that padded
   * positions become zero embeddings with a false mask downstream.
   *
   * @param paddingToken the raw padding value, or null if the data has none
   */
  public static int indexOrPadding(String field, String value, int space, String paddingToken) {
    if (value == null || value.isEmpty() || value.equals(paddingToken)) {
      Check.arg(space >= 2, "space", space, "must be >= 2 (id 0 is reserved for padding)");
      return 0;
    }
    return index(field, value, space);
  }

  /**
   * Hashes a padded sequence: {@code out[t] = indexOrPadding(field, values[t], ...)} for each step;
   * the result has the same length as {@code values}.
   */
  public static int[] indexSequence(
      String field, java.util.List<String> values, int space, String paddingToken) {
    int[] out = new int[values.size()];
    for (int t = 0; t < out.length; t++) {
      out[t] = indexOrPadding(field, values.get(t), space, paddingToken);
    }
    return out;
  }
}
