package org.recsys4j.features.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.core.spec.FeatureSpec;
import org.recsys4j.core.spec.NumericSpec;
import org.recsys4j.core.spec.Schemas;
import org.recsys4j.core.spec.SequenceSpec;
import org.recsys4j.features.hash.FeatureHasher;

@PropertyDefaults(tries = 200)
class FeatureEncoderProperties {

  /** The raw forms the encoder treats as missing. */
  private static final List<Object> MISSING =
      Arrays.asList(
          null, "", Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Float.NaN);

  private static final String PAD = "S:-1";

  private static Arbitrary<String> token() {
    return Arbitraries.of("i1", "i2", "i3", "i4", "i5", "i6", "x", "Zürich", PAD);
  }

  /** A value for each feature of {@link Schemas#movies()}, or one of the missing forms. */
  @Provide
  Arbitrary<Map<String, Object>> movieRows() {
    Arbitrary<Object> missing = Arbitraries.of(MISSING);
    Arbitrary<Object> cat =
        Arbitraries.oneOf(
            token().map(s -> (Object) s),
            Arbitraries.longs().between(-5, 5).map(l -> (Object) l),
            missing);
    Arbitrary<Object> city =
        Arbitraries.oneOf(
            Arbitraries.of("Paris", "Berlin", "Rome", "Tokyo").map(s -> (Object) s), missing);
    Arbitrary<Object> num =
        Arbitraries.oneOf(
            Arbitraries.doubles().between(-100, 100).map(d -> (Object) d),
            Arbitraries.integers().between(0, 90).map(i -> (Object) i),
            Arbitraries.integers().between(0, 90).map(i -> (Object) Integer.toString(i)),
            missing,
            Arbitraries.just("NaN"));
    Arbitrary<Object> list =
        Arbitraries.oneOf(
            token().list().ofMaxSize(8).map(l -> (Object) l),
            token().list().ofMaxSize(8).map(l -> (Object) String.join("|", l)),
            missing);
    return Combinators.combine(List.of(cat, cat, city, num, num, list, list))
        .as(
            vs -> {
              Map<String, Object> m = new HashMap<>();
              String[] names = {"user", "item", "city", "age", "price", "genres", "clicks"};
              for (int i = 0; i < names.length; i++) {
                m.put(names[i], vs.get(i));
              }
              return m;
            });
  }

  @Provide
  Arbitrary<List<Map<String, Object>>> movieBatches() {
    return movieRows().list().ofMinSize(1).ofMaxSize(6);
  }

  @Property
  void rowAndBatchEncodingsAreIdentical(@ForAll("movieBatches") List<Map<String, Object>> rows) {
    FeatureEncoder batchEncoder = FeatureEncoder.of(Schemas.movies());
    EncodedBatch batch = batchEncoder.encodeMaps(rows);
    FeatureEncoder rowEncoder = FeatureEncoder.of(Schemas.movies());
    for (int b = 0; b < rows.size(); b++) {
      EncodedBatch one = rowEncoder.encode(rows.get(b));
      for (String k : one.ints().keySet()) {
        int[] r = one.ints(k);
        assertArrayEquals(
            r,
            Arrays.copyOfRange(batch.ints(k), b * r.length, (b + 1) * r.length),
            k + " example " + b);
      }
      for (String k : one.floats().keySet()) {
        float[] r = one.floats(k);
        assertArrayEquals(
            r,
            Arrays.copyOfRange(batch.floats(k), b * r.length, (b + 1) * r.length),
            k + " example " + b);
      }
    }
    assertEquals(batchEncoder.missingCounts().asMap(), rowEncoder.missingCounts().asMap());
  }

  @Property
  void missingValuesAreCountedReplacedAndNeverNaN(@ForAll("movieRows") Map<String, Object> row) {
    FeatureEncoder e = FeatureEncoder.of(Schemas.movies());
    EncodedBatch out = e.encode(row);
    for (String f : List.of("user", "item", "city", "age", "price")) {
      Object v = row.get(f);
      boolean missing = MISSING.contains(v) || "NaN".equals(v);
      assertEquals(missing ? 1 : 0, e.missingCounts().get(f), f + "=" + v);
    }
    for (String f : List.of("genres", "clicks")) {
      Object v = row.get(f);
      boolean noToken =
          v instanceof List<?> l
              ? l.stream().allMatch(t -> f.equals("clicks") && PAD.equals(t))
              : v instanceof String str
                  ? Arrays.stream(str.split("\\|"))
                      .allMatch(t -> t.isEmpty() || f.equals("clicks") && PAD.equals(t))
                  : true;
      assertEquals(noToken ? 1 : 0, e.missingCounts().get(f), f + "=" + v);
    }
    for (float x : out.floats("dense")) {
      assertTrue(Float.isFinite(x), "dense " + x);
    }
    if (MISSING.contains(row.get("price")) || "NaN".equals(row.get("price"))) {
      assertEquals(0f, out.floats("dense")[0], "default 10 normalises to 0");
    }
    if (MISSING.contains(row.get("item"))) {
      assertEquals(FeatureHasher.index("item", "unknown", 500), out.ints("ids")[1]);
    }
    if (MISSING.contains(row.get("user"))) {
      assertEquals(1000, out.ints("ids")[0], "dedicated missing id = space");
    }
    FeatureSchema s = Schemas.movies();
    int[] ids = out.ints("ids");
    List<String> sparse = e.sparseFields();
    for (int f = 0; f < sparse.size(); f++) {
      FeatureSpec spec = s.feature(sparse.get(f)).orElseThrow();
      assertTrue(ids[f] >= 0 && ids[f] < spec.rows(), sparse.get(f) + " id " + ids[f]);
    }
  }

  @Property
  void hashedIdsAreStableAndFollowTheHasher(@ForAll("tokenStrings") String value) {
    int a = FeatureEncoder.of(Schemas.movies()).encode(Map.of("user", value)).ints("ids")[0];
    int b = FeatureEncoder.of(Schemas.movies()).encode(Map.of("user", value)).ints("ids")[0];
    assertEquals(a, b);
    assertEquals(FeatureHasher.index("user", value, 1000), a);
  }

  @Provide
  Arbitrary<String> tokenStrings() {
    return Arbitraries.strings().ofMinLength(1).ofMaxLength(12);
  }

  @Property
  void bucketIdsAreMonotoneInTheValue(
      @ForAll("boundaries") double[] bounds,
      @ForAll @DoubleRange(min = -2e3, max = 2e3) double x,
      @ForAll @DoubleRange(min = -2e3, max = 2e3) double y) {
    FeatureSchema s =
        FeatureSchema.builder()
            .add(NumericSpec.bucketized("v").boundaries(bounds).embeddingDim(2).build())
            .build();
    FeatureEncoder e = FeatureEncoder.of(s);
    int lo = e.encode(Map.of("v", Math.min(x, y))).ints("ids")[0];
    int hi = e.encode(Map.of("v", Math.max(x, y))).ints("ids")[0];
    assertTrue(lo <= hi, Math.min(x, y) + " -> " + lo + ", " + Math.max(x, y) + " -> " + hi);
    assertTrue(lo >= 1, "real buckets start at 1 (0 is padding): " + lo);
    assertTrue(hi <= bounds.length + 1);
  }

  @Provide
  Arbitrary<double[]> boundaries() {
    return Arbitraries.doubles()
        .between(-1e3, 1e3)
        .set()
        .ofMinSize(1)
        .ofMaxSize(6)
        .map(set -> set.stream().sorted().mapToDouble(Double::doubleValue).toArray());
  }

  /**
   * A sequence keeps at most maxLen items, the most recent ones in order, pads with 0 at the end
   * and masks exactly the padding; the raw padding token never becomes an item; a longer history is
   * counted in truncatedCounts. Includes the empty, length-1 and all-padding cases.
   */
  @Property
  void sequencesKeepTheMostRecentItemsAndMaskExactlyThePadding(
      @ForAll("histories") List<String> history, @ForAll @IntRange(min = 1, max = 6) int maxLen) {
    FeatureSchema s =
        FeatureSchema.builder()
            .add(
                SequenceSpec.builder("clicks")
                    .space(97)
                    .maxLen(maxLen)
                    .paddingToken(PAD)
                    .embeddingDim(2)
                    .build())
            .build();
    FeatureEncoder e = FeatureEncoder.of(s);
    EncodedBatch out = e.encode(Map.of("clicks", history));
    int[] ids = out.ints("clicks");
    float[] mask = out.floats("clicks.mask");
    assertEquals(maxLen, ids.length);
    List<String> real = new ArrayList<>();
    for (String h : history) {
      if (!h.isEmpty() && !h.equals(PAD)) {
        real.add(h);
      }
    }
    int k = Math.min(real.size(), maxLen);
    List<String> kept = real.subList(real.size() - k, real.size());
    for (int t = 0; t < maxLen; t++) {
      if (t < k) {
        assertEquals(FeatureHasher.index("clicks", kept.get(t), 97), ids[t], "step " + t);
        assertEquals(1f, mask[t]);
      } else {
        assertEquals(0, ids[t], "step " + t);
        assertEquals(0f, mask[t]);
      }
      assertEquals(ids[t] != 0, mask[t] == 1f, "mask is 1 exactly on real ids");
    }
    assertEquals(real.isEmpty() ? 1 : 0, e.missingCounts().get("clicks"));
    assertEquals(real.size() > maxLen ? 1 : 0, e.truncatedCounts().get("clicks"), "truncated");
    EncodedBatch fromString =
        FeatureEncoder.of(s).encode(Map.of("clicks", String.join("|", history)));
    assertArrayEquals(ids, fromString.ints("clicks"));
  }

  @Provide
  Arbitrary<List<String>> histories() {
    return Arbitraries.oneOf(token(), Arbitraries.just("")).list().ofMaxSize(10);
  }
}
