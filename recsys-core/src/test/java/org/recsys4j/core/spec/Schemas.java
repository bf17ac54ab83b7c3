package org.recsys4j.core.spec;

import java.util.List;

/** Example schemas shared by the spec and encoder tests. */
public final class Schemas {
  private Schemas() {}

  /**
   * A movie-ranking schema: hashed user, vocabulary genre, bucketized and normalised numerics, a
   * genres bag, and a clicked-item history sharing the {@code item} table with the target item.
   */
  public static FeatureSchema movies() {
    return FeatureSchema.builder()
        .add(CategoricalSpec.hashed("user").space(1000).embeddingDim(8).build())
        .add(
            CategoricalSpec.hashed("item")
                .space(500)
                .embeddingDim(8)
                .defaultValue("unknown")
                .build())
        .add(
            CategoricalSpec.vocabulary("city")
                .vocabulary(List.of("Paris", "Berlin", "Rome"))
                .minCount(5)
                .embeddingDim(4)
                .build())
        .add(
            NumericSpec.bucketized("age")
                .boundaries(18, 25, 35, 50)
                .embeddingDim(4)
                .defaultValue(30)
                .build())
        .add(NumericSpec.normalized("price").mean(10).std(4).defaultValue(10).build())
        .add(
            BagSpec.builder("genres")
                .space(64)
                .maxSize(3)
                .pooling(Pooling.SUM)
                .embeddingDim(4)
                .build())
        .add(
            SequenceSpec.builder("clicks")
                .space(500)
                .maxLen(4)
                .paddingToken("S:-1")
                .table("item")
                .embeddingDim(8)
                .build())
        .build();
  }
}
