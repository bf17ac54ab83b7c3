package org.recsys4j.features.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.core.spec.NumericSpec;

/**
 * Issue 7, defect 3: a missing numeric value fell back to {@code defaultValue} (0 by default) and
 * shared a bucket with real zeros. A bucketized numeric without an explicit default now gives every
 * missing form its own id {@code n + 2}, counted as missing; with an explicit default, the
 * default's bucket; a normalised numeric is fed its default, normalised.
 */
class Defect03MissingNumericIdTest {
  /** Absent (not in the map), null, empty, blank, NaN, ±Infinity and the string "NaN". */
  private static final List<Object> MISSING =
      Arrays.asList(
          null,
          "",
          "  ",
          Double.NaN,
          Float.NaN,
          Double.POSITIVE_INFINITY,
          Double.NEGATIVE_INFINITY,
          "NaN",
          "-Infinity");

  private static Map<String, Object> row(String name, Object value) {
    Map<String, Object> m = new HashMap<>();
    m.put(name, value);
    return m;
  }

  @Test
  void missingBucketizedValueGetsItsOwnIdNotTheBucketOfZero() {
    FeatureSchema s =
        FeatureSchema.builder()
            .add(NumericSpec.bucketized("x").boundaries(-1, 1, 5).embeddingDim(2).build())
            .build();
    FeatureEncoder enc = FeatureEncoder.of(s);
    int zero = enc.encode(row("x", 0.0)).ints("ids")[0];
    int missingId = 3 + 2; // 3 boundaries: buckets 1..4, missing 5
    assertEquals(missingId + 1, s.tables().get(0).rows(), "rows cover the missing id");
    for (Object m : MISSING) {
      int id = enc.encode(row("x", m)).ints("ids")[0];
      assertEquals(missingId, id, "missing form " + m);
      assertNotEquals(zero, id, "a missing value must not share the bucket of 0");
    }
    assertEquals(missingId, enc.encode(Map.of()).ints("ids")[0], "absent");
    assertEquals(MISSING.size() + 1, enc.missingCounts().get("x"), "every missing form counted");
  }

  @Test
  void explicitDefaultTakesTheDefaultsBucketAndNeedsNoMissingRow() {
    NumericSpec spec =
        NumericSpec.bucketized("x").boundaries(-1, 1, 5).defaultValue(3).embeddingDim(2).build();
    FeatureSchema s = FeatureSchema.builder().add(spec).build();
    FeatureEncoder enc = FeatureEncoder.of(s);
    int three = enc.encode(row("x", 3)).ints("ids")[0];
    assertEquals(3, three, "1 <= 3 < 5 is the third real bucket");
    for (Object m : MISSING) {
      assertEquals(three, enc.encode(row("x", m)).ints("ids")[0], "missing form " + m);
    }
    assertEquals(5, s.tables().get(0).rows(), "padding and 4 buckets");
  }

  @Test
  void normalisedMissingValueIsFedTheDefaultNormalised() {
    FeatureSchema s =
        FeatureSchema.builder()
            .add(NumericSpec.normalized("p").mean(10).std(4).defaultValue(2).build())
            .build();
    FeatureEncoder enc = FeatureEncoder.of(s);
    for (Object m : MISSING) {
      assertEquals(-2f, enc.encode(row("p", m)).floats("dense")[0], "(2 - 10) / 4 for " + m);
    }
    assertEquals(MISSING.size(), enc.missingCounts().get("p"));
  }
}
