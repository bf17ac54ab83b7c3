package org.recsys4j.features.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.core.spec.BagSpec;
import org.recsys4j.core.spec.CategoricalSpec;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.core.spec.Schemas;
import org.recsys4j.features.hash.FeatureHasher;

class FeatureEncoderTest {

  private static final Map<String, Object> FULL_ROW =
      Map.of(
          "user",
          "u42",
          "item",
          "i7",
          "city",
          "Berlin",
          "age",
          27,
          "price",
          14.0,
          "genres",
          "Comedy|Romance",
          "clicks",
          "i1|i2|S:-1|i3|i4|i5");

  private static Map<String, Object> sparseRow() {
    Map<String, Object> m = new HashMap<>();
    m.put("user", 42L);
    m.put("item", null);
    m.put("city", "Tokyo");
    m.put("age", Double.NaN);
    m.put("price", "");
    m.put("genres", "");
    return m; // clicks absent
  }

  /**
   * Golden encoding of {@link Schemas#movies()} for two rows, computed once. The hashed ids follow
   * from FeatureHasher's pinned contract (hashing field = table name); any change here breaks every
   * saved model trained on this schema.
   */
  @Test
  void goldenIdsOfTheMovieSchema() {
    FeatureEncoder e = FeatureEncoder.of(Schemas.movies());
    EncodedBatch b = e.encodeMaps(List.of(FULL_ROW, sparseRow()));
    assertEquals(List.of("user", "item", "city", "age"), e.sparseFields());
    assertEquals(List.of("price"), e.denseFields());
    assertEquals(List.of("ids", "genres", "clicks"), List.copyOf(b.ints().keySet()));
    assertEquals(List.of("dense", "genres.mask", "clicks.mask"), List.copyOf(b.floats().keySet()));
    // age: bucket ids 1..5 (schema v2); the missing age takes its default 30's id 3
    assertArrayEquals(new int[] {239, 413, 3, 3, 519, 225, 1, 3}, b.ints("ids"));
    assertArrayEquals(new float[] {1.0f, 0.0f}, b.floats("dense"));
    assertArrayEquals(new int[] {45, 23, 0, 0, 0, 0}, b.ints("genres"));
    assertArrayEquals(new float[] {1, 1, 0, 0, 0, 0}, b.floats("genres.mask"));
    assertArrayEquals(new int[] {201, 220, 181, 429, 0, 0, 0, 0}, b.ints("clicks"));
    assertArrayEquals(new float[] {1, 1, 1, 1, 0, 0, 0, 0}, b.floats("clicks.mask"));
    assertEquals(
        Map.of(
            "user", 0L, "item", 1L, "city", 0L, "age", 1L, "price", 1L, "genres", 1L, "clicks", 1L),
        e.missingCounts().asMap());
  }

  @Test
  void goldenIdsFollowTheHasherWithTheTableAsField() {
    EncodedBatch b = FeatureEncoder.of(Schemas.movies()).encode(FULL_ROW);
    int[] ids = b.ints("ids");
    assertEquals(FeatureHasher.index("user", "u42", 1000), ids[0]);
    assertEquals(FeatureHasher.index("item", "i7", 500), ids[1]);
    int[] clicks = b.ints("clicks");
    String[] kept = {"i2", "i3", "i4", "i5"};
    for (int t = 0; t < kept.length; t++) {
      assertEquals(FeatureHasher.index("item", kept[t], 500), clicks[t], "clicks[" + t + "]");
    }
    assertEquals(FeatureHasher.index("genres", "Comedy", 64), b.ints("genres")[0]);
  }

  @Test
  void targetItemAndHistoryShareIds() {
    FeatureEncoder e = FeatureEncoder.of(Schemas.movies());
    EncodedBatch b = e.encode(Map.of("item", "i9", "clicks", List.of("i9")));
    assertEquals(b.ints("ids")[1], b.ints("clicks")[0]);
  }

  @Test
  void rowBufferIsReusedAndFullyOverwritten() {
    FeatureEncoder e = FeatureEncoder.of(Schemas.movies());
    EncodedBatch first = e.encode(FULL_ROW);
    EncodedBatch second = e.encode(sparseRow());
    assertSame(first, second);
    EncodedBatch fresh = FeatureEncoder.of(Schemas.movies()).encode(sparseRow());
    for (String k : fresh.ints().keySet()) {
      assertArrayEquals(fresh.ints(k), second.ints(k), k);
    }
    for (String k : fresh.floats().keySet()) {
      assertArrayEquals(fresh.floats(k), second.floats(k), k);
    }
  }

  @Test
  void dedicatedMissingIdWithoutDefault() {
    FeatureEncoder e = FeatureEncoder.of(Schemas.movies());
    assertEquals(1000, e.encode(Map.of("user", "")).ints("ids")[0]);
    assertEquals(4 + 1, e.encode(Map.of()).ints("ids")[2], "city: 3 words + 2, then missing");
    assertEquals(2, e.missingCounts().get("user"));
    e.missingCounts().reset();
    assertEquals(0, e.missingCounts().total());
  }

  @Test
  void bagKeepsTheFirstMaxSizeTokensAndAcceptsCollections() {
    FeatureEncoder e = FeatureEncoder.of(Schemas.movies());
    int[] fromString = e.encode(Map.of("genres", "a||b|c|d")).ints("genres").clone();
    int[] fromList = e.encode(Map.of("genres", List.of("a", "b", "c", "d"))).ints("genres");
    assertArrayEquals(fromString, fromList);
    assertEquals(FeatureHasher.index("genres", "c", 64), fromList[2]);
  }

  @Test
  void infiniteNumericsAreMissingAndNumericStringsParse() {
    FeatureEncoder e = FeatureEncoder.of(Schemas.movies());
    assertEquals(0f, e.encode(Map.of("price", Double.NEGATIVE_INFINITY)).floats("dense")[0]);
    assertEquals(0f, e.encode(Map.of("price", "NaN")).floats("dense")[0]);
    assertEquals(0.5f, e.encode(Map.of("price", " 12 ")).floats("dense")[0]);
    assertEquals(Float.MAX_VALUE, e.encode(Map.of("price", 1e300)).floats("dense")[0]);
    assertEquals(2, e.missingCounts().get("price"));
  }

  @Test
  void malformedValuesFailNamingFeatureAndValue() {
    FeatureEncoder e = FeatureEncoder.of(Schemas.movies());
    assertEquals(
        "row.price='cheap' must be a number in decimal notation: [sign] digits [. digits]"
            + " [e|E [sign] digits], e.g. -12, 3.5, 1e-3 (no hex, no f/d suffix)",
        assertThrows(IllegalArgumentException.class, () -> e.encode(Map.of("price", "cheap")))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> e.encode(Map.of("clicks", new int[2])));
    assertEquals(
        FeatureHasher.index("item", "5", 500),
        e.encode(Map.of("clicks", 5)).ints("clicks")[0],
        "a scalar is a one-item sequence");
    assertThrows(IllegalArgumentException.class, () -> e.encode(Map.of("user", new int[0])));
    assertThrows(IllegalArgumentException.class, () -> e.encodeBatch(List.of()));
    assertThrows(IllegalArgumentException.class, () -> e.missingCounts().get("nope"));
  }

  @Test
  void outputKeyCollisionsFail() {
    FeatureSchema s =
        FeatureSchema.builder()
            .add(BagSpec.builder("dense").space(8).maxSize(2).embeddingDim(2).build())
            .build();
    assertThrows(IllegalArgumentException.class, () -> FeatureEncoder.of(s));
    FeatureSchema t =
        FeatureSchema.builder()
            .add(BagSpec.builder("g").space(8).maxSize(2).embeddingDim(2).build())
            .add(BagSpec.builder("g.mask").space(8).maxSize(2).embeddingDim(2).build())
            .build();
    assertThrows(IllegalArgumentException.class, () -> FeatureEncoder.of(t));
    FeatureSchema ok =
        FeatureSchema.builder()
            .add(CategoricalSpec.hashed("ids").space(8).embeddingDim(2).build())
            .build();
    assertEquals(List.of("ids"), List.copyOf(FeatureEncoder.of(ok).newBatch(2).ints().keySet()));
  }

  @Test
  void batchFromAnotherEncoderIsRejected() {
    FeatureSchema bagOnly =
        FeatureSchema.builder()
            .add(BagSpec.builder("g").space(8).maxSize(2).embeddingDim(2).build())
            .build();
    EncodedBatch foreign = FeatureEncoder.of(bagOnly).newBatch(1);
    FeatureEncoder e = FeatureEncoder.of(Schemas.movies());
    assertThrows(IllegalArgumentException.class, () -> e.encodeInto(Row.of(FULL_ROW), foreign, 0));
    assertThrows(
        IllegalArgumentException.class, () -> e.encodeInto(Row.of(FULL_ROW), e.newBatch(2), 2));
    FeatureSchema shorter =
        Schemas.movies().toBuilder()
            .add(BagSpec.builder("more").space(8).maxSize(2).embeddingDim(2).build())
            .build();
    assertThrows(
        IllegalArgumentException.class,
        () -> e.encodeInto(Row.of(FULL_ROW), FeatureEncoder.of(shorter).newBatch(1), 0));
    assertArrayEquals(new int[2 * e.sparseFields().size()], e.newBatch(2).ints("ids"));
  }
}
