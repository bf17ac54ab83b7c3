package org.recsys4j.core.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.recsys4j.core.Check;

/**
 * An {@link EncodedBatch} with its label columns by name ({@code click}, {@code order}, ...) and
 * optional sample weights: what a trainer learns from.
 *
 * <p>Every label column and the weights hold one value per example ({@code B}). Values are checked
 * by the trainer (labels in [0,1], weights finite and {@code >= 0} with a positive sum), not here,
 * so that a batch can be built cheaply.
 *
 * @param inputs the encoded inputs
 * @param labels label columns by name, each of length B (not copied)
 * @param weights sample weights of length B, or empty for all 1
 */
public record TrainingBatch(
    EncodedBatch inputs, Map<String, float[]> labels, Optional<float[]> weights) {

  /**
   * Validates lengths.
   *
   * @throws IllegalArgumentException naming the column, its length and the rule
   */
  public TrainingBatch {
    Check.notNull("batch.inputs", inputs);
    Check.notNull("batch.labels", labels);
    Check.notNull("batch.weights", weights);
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    for (Map.Entry<String, float[]> e : labels.entrySet()) {
      Check.notNull("batch.labels[" + e.getKey() + "]", e.getValue());
      Check.arg(
          e.getValue().length == inputs.size(),
          "batch.labels[" + e.getKey() + "].length",
          e.getValue().length,
          "must equal batch.size=" + inputs.size());
    }
    weights.ifPresent(
        w ->
            Check.arg(
                w.length == inputs.size(),
                "batch.weights.length",
                w.length,
                "must equal batch.size=" + inputs.size()));
  }

  /** One label column, no weights. */
  public static TrainingBatch of(EncodedBatch inputs, String label, float[] values) {
    return new TrainingBatch(inputs, Map.of(label, values), Optional.empty());
  }

  /** Several label columns, no weights. */
  public static TrainingBatch of(EncodedBatch inputs, Map<String, float[]> labels) {
    return new TrainingBatch(inputs, labels, Optional.empty());
  }

  /** This batch with sample weights. */
  public TrainingBatch withWeights(float[] w) {
    return new TrainingBatch(inputs, labels, Optional.of(w));
  }

  /** Number of examples B. */
  public int size() {
    return inputs.size();
  }
}
