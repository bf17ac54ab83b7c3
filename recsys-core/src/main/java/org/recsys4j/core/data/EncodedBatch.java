package org.recsys4j.core.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.recsys4j.core.Check;

/**
 * The encoder's output for {@code B} examples: flat, row-major arrays laid out example after
 * example, keyed by input name.
 *
 * <ul>
 *   <li>{@code "ids"} int {@code [B, F]}: {@code ids[b*F + f]} for the {@code F} categorical and
 *       bucketized numeric features in schema order ({@code FeatureEncoder#sparseFields()}); each
 *       id is in {@code 1..rows-1} of the feature's table ({@code FeatureSchema#tables()}): never
 *       0, which is padding, also for the lowest numeric bucket and for missing values;
 *   <li>{@code "dense"} float {@code [B, N]}: {@code dense[b*N + n]} for the {@code N} normalised
 *       numerics ({@code FeatureEncoder#denseFields()});
 *   <li>{@code "<bag>"} int {@code [B, maxSize]} and {@code "<bag>.mask"} float {@code [B,
 *       maxSize]}: id 0 with mask 0 exactly at padded positions;
 *   <li>{@code "<sequence>"} int {@code [B, maxLen]}: {@code seq[b*T + t]}, and {@code
 *       "<sequence>.mask"} float {@code [B, maxLen]}: {@code mask[b*T + t]} (1 = real, 0 = pad).
 * </ul>
 *
 * <p>Ids are per table: the encoder does not offset one table's ids past another's; a model gives
 * each table of {@code FeatureSchema#tables()} its own {@code rows}. A key is present only if the
 * schema has such a feature. {@link #ints()} is the per-input map {@code SparseBatch.of(size, ids,
 * labels, weights)} in {@code recsys-models} takes. The arrays are the encoder's buffers, not
 * copies: a batch from {@code FeatureEncoder#encode(Row)} is overwritten by the next call.
 */
public final class EncodedBatch {
  private final int size;
  private final Map<String, int[]> ints;
  private final Map<String, float[]> floats;

  /**
   * A batch over the given arrays (not copied).
   *
   * @param size number of examples B
   * @param ints int arrays by input name
   * @param floats float arrays by input name
   * @return the batch
   * @throws IllegalArgumentException if {@code size < 1}
   */
  public static EncodedBatch of(int size, Map<String, int[]> ints, Map<String, float[]> floats) {
    Check.positive("batch.size", size);
    return new EncodedBatch(size, Check.notNull("ints", ints), Check.notNull("floats", floats));
  }

  private EncodedBatch(int size, Map<String, int[]> ints, Map<String, float[]> floats) {
    this.size = size;
    this.ints = Collections.unmodifiableMap(new LinkedHashMap<>(ints));
    this.floats = Collections.unmodifiableMap(new LinkedHashMap<>(floats));
  }

  /** Number of examples {@code B}. */
  public int size() {
    return size;
  }

  /** Int arrays by input name ({@code "ids"}, bag and sequence names); not copies. */
  public Map<String, int[]> ints() {
    return ints;
  }

  /** Float arrays by input name ({@code "dense"}, {@code "<name>.mask"}); not copies. */
  public Map<String, float[]> floats() {
    return floats;
  }

  /**
   * The int array of {@code input}.
   *
   * @throws IllegalArgumentException if there is no such int input
   */
  public int[] ints(String input) {
    int[] a = ints.get(input);
    Check.arg(a != null, "input", input, "must be one of " + ints.keySet());
    return a;
  }

  /**
   * The float array of {@code input}.
   *
   * @throws IllegalArgumentException if there is no such float input
   */
  public float[] floats(String input) {
    float[] a = floats.get(input);
    Check.arg(a != null, "input", input, "must be one of " + floats.keySet());
    return a;
  }
}
