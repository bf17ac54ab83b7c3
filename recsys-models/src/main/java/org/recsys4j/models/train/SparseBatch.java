package org.recsys4j.models.train;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.recsys4j.core.Check;

/**
 * A batch of examples for a {@link SparseTrainer}: per sparse input, {@code size·numFields} ids
 * laid out example after example ({@code ids[b·F + f]}); optional labels in [0, 1] and optional
 * non-negative example weights.
 *
 * <p>The arrays are not copied: do not change them while the batch is in use.
 */
public final class SparseBatch {
  private final int size;
  private final Map<String, int[]> ids;
  private final float[] labels;
  private final float[] weights;

  private SparseBatch(int size, Map<String, int[]> ids, float[] labels, float[] weights) {
    this.size = size;
    this.ids = ids;
    this.labels = labels;
    this.weights = weights;
  }

  /**
   * A batch of {@code size} examples.
   *
   * @param size number of examples, at least 1
   * @param ids ids per input name
   * @param labels one label per example in [0, 1], or {@code null} for prediction
   * @param weights one weight per example, or {@code null} for all ones
   * @throws IllegalArgumentException naming the array, its length and the rule when lengths do
   *     not match {@code size}, or naming the index and value of a NaN, infinite or out-of-range
   *     label or weight
   */
  public static SparseBatch of(int size, Map<String, int[]> ids, float[] labels, float[] weights) {
    Check.positive("batch.size", size);
    Check.arg(ids != null && !ids.isEmpty(), "batch.ids", ids, "must name at least one input");
    if (labels != null) {
      Check.arg(labels.length == size, "batch.labels.length", labels.length,
          "must equal batch.size=" + size);
      for (int i = 0; i < size; i++) {
        float y = labels[i];
        if (!(y >= 0f && y <= 1f)) {
          throw new IllegalArgumentException(
              "batch.labels[" + i + "]=" + y + " must be a finite value in [0, 1]");
        }
      }
    }
    if (weights != null) {
      Check.arg(weights.length == size, "batch.weights.length", weights.length,
          "must equal batch.size=" + size);
      for (int i = 0; i < size; i++) {
        float w = weights[i];
        if (!(w >= 0f) || Float.isInfinite(w)) {
          throw new IllegalArgumentException(
              "batch.weights[" + i + "]=" + w + " must be finite and >= 0");
        }
      }
    }
    return new SparseBatch(size, new LinkedHashMap<>(ids), labels, weights);
  }

  /** A labelled batch with unit weights for a single input. */
  public static SparseBatch of(String input, int[] ids, float[] labels) {
    return of(labels.length, Map.of(input, ids), labels, null);
  }

  /** An unlabelled batch (for prediction) of {@code size} examples of a single input. */
  public static SparseBatch unlabelled(String input, int size, int[] ids) {
    return of(size, Map.of(input, ids), null, null);
  }

  /** Number of examples. */
  public int size() {
    return size;
  }

  /**
   * Ids of {@code input}.
   *
   * @throws IllegalArgumentException if the batch has no ids for that input
   */
  public int[] ids(String input) {
    int[] a = ids.get(input);
    Check.arg(a != null, "batch.ids", input, "is missing: the batch has " + ids.keySet());
    return a;
  }

  /** The labels, if any. */
  public Optional<float[]> labels() {
    return Optional.ofNullable(labels);
  }

  /** The weights, if any. */
  public Optional<float[]> weights() {
    return Optional.ofNullable(weights);
  }
}
