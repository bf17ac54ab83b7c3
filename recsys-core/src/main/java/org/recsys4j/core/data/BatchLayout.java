package org.recsys4j.core.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recsys4j.core.Check;
import org.recsys4j.core.spec.EncodedLayout;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.core.spec.FeatureSpec;

/**
 * The shape every batch of a {@link BatchSource} must have: the int and float inputs with their
 * widths W (an input {@code [B, W]} holds {@code B·W} values), and the label names.
 *
 * @param intWidths width of each int input by key ({@code "ids"}, bags, sequences), in order
 * @param floatWidths width of each float input by key ({@code "dense"}, masks), in order
 * @param labels the label columns every batch carries
 */
public record BatchLayout(
    Map<String, Integer> intWidths, Map<String, Integer> floatWidths, List<String> labels) {

  /** Validates and copies. */
  public BatchLayout {
    intWidths =
        Collections.unmodifiableMap(new LinkedHashMap<>(Check.notNull("intWidths", intWidths)));
    floatWidths =
        Collections.unmodifiableMap(new LinkedHashMap<>(Check.notNull("floatWidths", floatWidths)));
    labels = List.copyOf(Check.notNull("labels", labels));
    Check.arg(!labels.isEmpty(), "layout.labels", labels, "must name at least one label");
    intWidths.forEach((k, w) -> Check.positive("layout.intWidths[" + k + "]", w));
    floatWidths.forEach((k, w) -> Check.positive("layout.floatWidths[" + k + "]", w));
  }

  /**
   * The layout the feature encoder writes for {@code schema} ({@link EncodedLayout}): {@code "ids"}
   * of width F and {@code "dense"} of width N when present, each bag or sequence and its mask.
   */
  public static BatchLayout of(FeatureSchema schema, List<String> labels) {
    EncodedLayout l = EncodedLayout.of(Check.notNull("schema", schema));
    Map<String, Integer> ints = new LinkedHashMap<>();
    Map<String, Integer> floats = new LinkedHashMap<>();
    if (!l.idsColumns().isEmpty()) {
      ints.put(EncodedLayout.IDS, l.idsColumns().size());
    }
    if (!l.denseColumns().isEmpty()) {
      floats.put(EncodedLayout.DENSE, l.denseColumns().size());
    }
    for (FeatureSpec s : l.sequences()) {
      int w = EncodedLayout.width(s);
      ints.put(s.name(), w);
      floats.put(s.name() + EncodedLayout.MASK_SUFFIX, w);
    }
    return new BatchLayout(ints, floats, labels);
  }

  /**
   * The layout of {@code batch} itself (widths are lengths divided by the batch size).
   *
   * @throws IllegalArgumentException if a length is not a multiple of the batch size
   */
  public static BatchLayout of(TrainingBatch batch) {
    Check.notNull("batch", batch);
    int n = batch.size();
    Map<String, Integer> ints = new LinkedHashMap<>();
    Map<String, Integer> floats = new LinkedHashMap<>();
    batch.inputs().ints().forEach((k, a) -> ints.put(k, width(k, a.length, n)));
    batch.inputs().floats().forEach((k, a) -> floats.put(k, width(k, a.length, n)));
    return new BatchLayout(ints, floats, new ArrayList<>(batch.labels().keySet()));
  }

  private static int width(String key, int length, int n) {
    Check.arg(
        length > 0 && length % n == 0,
        "batch input '" + key + "' length",
        length,
        "must be a positive multiple of batch.size=" + n);
    return length / n;
  }

  /**
   * Fails unless {@code batch} has exactly this layout's inputs with their widths, its labels,
   * every label in [0,1] and weights (if any) finite and {@code >= 0}.
   *
   * @param where the batch in messages, e.g. {@code "train.arrow batch 3"}
   * @throws IllegalArgumentException naming {@code where}, the key or row, the value and the rule
   */
  public void check(TrainingBatch batch, String where) {
    Check.notNull(where, batch);
    int n = batch.size();
    EncodedBatch x = batch.inputs();
    Check.arg(
        x.ints().keySet().equals(intWidths.keySet()),
        where + " int inputs",
        x.ints().keySet(),
        "must be " + intWidths.keySet() + " (the source's schema)");
    Check.arg(
        x.floats().keySet().equals(floatWidths.keySet()),
        where + " float inputs",
        x.floats().keySet(),
        "must be " + floatWidths.keySet() + " (the source's schema)");
    intWidths.forEach((k, w) -> checkLength(where, k, x.ints().get(k).length, n, w));
    floatWidths.forEach((k, w) -> checkLength(where, k, x.floats().get(k).length, n, w));
    Check.arg(
        batch.labels().keySet().equals(new java.util.HashSet<>(labels)),
        where + " labels",
        batch.labels().keySet(),
        "must be " + labels);
    for (String label : labels) {
      float[] y = batch.labels().get(label);
      for (int i = 0; i < n; i++) {
        if (!(y[i] >= 0f && y[i] <= 1f)) {
          throw new IllegalArgumentException(
              where + " row " + i + ": label " + label + "=" + y[i] + " must be in [0,1]");
        }
      }
    }
    if (batch.weights().isPresent()) {
      float[] w = batch.weights().get();
      for (int i = 0; i < n; i++) {
        if (!(w[i] >= 0f && Float.isFinite(w[i]))) {
          throw new IllegalArgumentException(
              where + " row " + i + ": weight=" + w[i] + " must be finite and >= 0");
        }
      }
    }
  }

  private static void checkLength(String where, String key, int length, int n, int width) {
    if (length != n * width) {
      throw new IllegalArgumentException(
          where
              + ": input '"
              + key
              + "' length="
              + length
              + " must be batch.size*width="
              + n
              + "*"
              + width
              + " (the source's schema)");
    }
  }
}
