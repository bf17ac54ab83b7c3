package org.recsys4j.examples;

import java.util.List;
import org.recsys4j.core.spec.CategoricalSpec;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.core.spec.SequenceSpec;

/**
 * The funnel example's features as data: a schema of eight hashed categoricals (user, item,
 * category, price bucket, position, hour, device, user segment), each in its own table with a space
 * far above its cardinality. The names are the columns of the labelled rows that the file pipeline
 * writes ({@link org.recsys4j.features.logs.LabeledRow}), so those rows feed the encoder as they
 * are.
 */
final class FunnelFeatures {
  /** Feature names, in schema order. */
  static final List<String> FIELDS =
      List.of("user", "item", "category", "price_bucket", "position", "hour", "device", "segment");

  private FunnelFeatures() {}

  /** Column of the clicked-item history in the labelled rows ({@code LabeledRow.HISTORY_ITEM}). */
  static final String HISTORY = org.recsys4j.features.logs.LabeledRow.HISTORY_ITEM;

  /** Column of the clicked items' categories, aligned with {@link #HISTORY}. */
  static final String CATEGORY_HISTORY = "history_category";

  /** Length of that history, as the pipeline stitches it for the examples ({@link FunnelData}). */
  static final int HISTORY_LENGTH = 10;

  /** The schema with embedding dimension {@code dim}. */
  static FeatureSchema schema(int dim) {
    return builder(dim).build();
  }

  /**
   * The schema plus the clicked-item history ({@value #HISTORY_LENGTH} most recent clicks strictly
   * before the exposure, oldest first) as a sequence sharing the {@code item} table with the
   * candidate item, and their categories sharing the {@code category} table, for the sequence
   * models (DIN, DIEN, mean pooling).
   */
  static FeatureSchema schemaWithHistory(int dim) {
    return builder(dim)
        .add(
            SequenceSpec.builder(HISTORY)
                .space(ITEM_SPACE)
                .maxLen(HISTORY_LENGTH)
                .table("item")
                .embeddingDim(dim)
                .build())
        .add(
            SequenceSpec.builder(CATEGORY_HISTORY)
                .space(CATEGORY_SPACE)
                .maxLen(HISTORY_LENGTH)
                .table("category")
                .embeddingDim(dim)
                .build())
        .build();
  }

  private static final int ITEM_SPACE = 1 << 18;
  private static final int CATEGORY_SPACE = 1 << 14;

  private static FeatureSchema.Builder builder(int dim) {
    // hashed spaces far above each cardinality, so that few values collide
    int[] spaces = {1 << 16, ITEM_SPACE, CATEGORY_SPACE, 1 << 10, 1 << 12, 1 << 10, 1 << 8, 1 << 8};
    FeatureSchema.Builder b = FeatureSchema.builder();
    for (int f = 0; f < FIELDS.size(); f++) {
      b.add(CategoricalSpec.hashed(FIELDS.get(f)).space(spaces[f]).embeddingDim(dim).build());
    }
    return b;
  }
}
