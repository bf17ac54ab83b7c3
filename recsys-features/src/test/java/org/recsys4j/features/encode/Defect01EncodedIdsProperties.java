package org.recsys4j.features.encode;

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
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.core.spec.BagSpec;
import org.recsys4j.core.spec.CategoricalSpec;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.core.spec.FeatureSpec;
import org.recsys4j.core.spec.NumericSpec;
import org.recsys4j.core.spec.SequenceSpec;
import org.recsys4j.core.spec.TableSpec;

/**
 * Issue 7, defect 1 (feature side): no real value may be encoded as id 0, which is padding
 * everywhere (the lowest numeric bucket was id 0 and never learned), and the rows {@link
 * FeatureSchema#tables()} reports must cover every id the encoder emits. For random schemas (every
 * spec kind, with and without defaults, some tables shared) and random rows (values and every
 * missing form): each encoded id of a feature is in {@code [0, table.rows)}, and it is 0 exactly
 * where it is padding (never in {@code "ids"}; in a bag or sequence exactly where the mask is 0).
 */
@PropertyDefaults(tries = 300)
class Defect01EncodedIdsProperties {
  private static final List<Object> MISSING =
      Arrays.asList(
          null, "", Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, "NaN", " ");

  /** One random spec named {@code f<i>}. */
  private static Arbitrary<FeatureSpec> spec(int i) {
    String name = "f" + i;
    Arbitrary<FeatureSpec> hashed =
        Combinators.combine(Arbitraries.integers().between(2, 40), Arbitraries.of(true, false))
            .as(
                (space, dflt) ->
                    (FeatureSpec)
                        CategoricalSpec.hashed(name)
                            .space(space)
                            .embeddingDim(2)
                            .defaultValue(dflt ? "dv" : null)
                            .build());
    Arbitrary<FeatureSpec> vocab =
        Combinators.combine(Arbitraries.integers().between(1, 5), Arbitraries.of(true, false))
            .as(
                (n, dflt) -> {
                  List<String> words = new ArrayList<>();
                  for (int w = 0; w < n; w++) {
                    words.add("w" + w);
                  }
                  return (FeatureSpec)
                      CategoricalSpec.vocabulary(name)
                          .vocabulary(words)
                          .embeddingDim(2)
                          .defaultValue(dflt ? "w0" : null)
                          .build();
                });
    Arbitrary<FeatureSpec> bucketized =
        Combinators.combine(
                Arbitraries.doubles().between(-50, 50).set().ofMinSize(1).ofMaxSize(5),
                Arbitraries.of(true, false))
            .as(
                (set, dflt) -> {
                  NumericSpec.Builder b =
                      NumericSpec.bucketized(name)
                          .boundaries(
                              set.stream().sorted().mapToDouble(Double::doubleValue).toArray())
                          .embeddingDim(2);
                  if (dflt) {
                    b.defaultValue(-1e9); // far below: the lowest bucket
                  }
                  return (FeatureSpec) b.build();
                });
    Arbitrary<FeatureSpec> normalized =
        Arbitraries.just((FeatureSpec) NumericSpec.normalized(name).mean(1).std(2).build());
    Arbitrary<FeatureSpec> bag =
        Arbitraries.integers()
            .between(2, 30)
            .map(
                space ->
                    (FeatureSpec)
                        BagSpec.builder(name).space(space).maxSize(3).embeddingDim(2).build());
    Arbitrary<FeatureSpec> sequence =
        Arbitraries.integers()
            .between(2, 30)
            .map(
                space ->
                    (FeatureSpec)
                        SequenceSpec.builder(name)
                            .space(space)
                            .maxLen(3)
                            .paddingToken("PAD")
                            .embeddingDim(2)
                            .build());
    return Arbitraries.oneOf(hashed, vocab, bucketized, normalized, bag, sequence);
  }

  @Provide
  Arbitrary<FeatureSchema> schemas() {
    return Arbitraries.integers()
        .between(1, 6)
        .flatMap(
            n -> {
              List<Arbitrary<FeatureSpec>> specs = new ArrayList<>();
              for (int i = 0; i < n; i++) {
                specs.add(spec(i));
              }
              return Combinators.combine(specs)
                  .as(
                      list -> {
                        List<FeatureSpec> out = new ArrayList<>(list);
                        // share a table on purpose: a hashed feature reading f0's table with f0's
                        // space and dim
                        if (out.get(0) instanceof CategoricalSpec c
                            && c.defaultValue() == null
                            && c.vocabulary().isEmpty()) {
                          out.add(
                              CategoricalSpec.hashed("shared")
                                  .space(c.space())
                                  .embeddingDim(2)
                                  .table(c.table())
                                  .build());
                        }
                        return FeatureSchema.builder().addAll(out).build();
                      });
            });
  }

  private static Arbitrary<Object> value() {
    return Arbitraries.oneOf(
        Arbitraries.of(MISSING),
        Arbitraries.doubles().between(-100, 100).map(d -> (Object) d),
        Arbitraries.integers().between(-100, 100).map(i -> (Object) i),
        Arbitraries.of("w0", "w1", "w4", "zz", "-1e9", "3.5", "PAD", "a|b|PAD|c|d"),
        Arbitraries.of("a", "b", "PAD", "").list().ofMaxSize(5).map(l -> (Object) l));
  }

  @Provide
  Arbitrary<List<Map<String, Object>>> rows() {
    return Combinators.combine(value(), value(), value(), value(), value(), value(), value())
        .as(
            (a, b, c, d, e, f, g) -> {
              Map<String, Object> m = new HashMap<>();
              Object[] vs = {a, b, c, d, e, f, g};
              for (int i = 0; i < 6; i++) {
                m.put("f" + i, vs[i]);
              }
              m.put("shared", g);
              return m;
            })
        .list()
        .ofMinSize(1)
        .ofMaxSize(4);
  }

  @Property
  void everyIdIsBelowItsTableRowsAndZeroOnlyForPadding(
      @ForAll("schemas") FeatureSchema schema, @ForAll("rows") List<Map<String, Object>> rows) {
    FeatureEncoder enc = FeatureEncoder.of(schema);
    EncodedBatch batch;
    try {
      batch = enc.encodeMaps(rows);
    } catch (IllegalArgumentException malformed) {
      return; // e.g. "w0" for a numeric: rejected loudly, nothing encoded
    }
    Map<String, Integer> rowsOf = new HashMap<>();
    for (TableSpec t : schema.tables()) {
      rowsOf.put(t.name(), t.rows());
    }
    int f = enc.sparseFields().size();
    for (int col = 0; col < f; col++) {
      FeatureSpec spec = schema.feature(enc.sparseFields().get(col)).orElseThrow();
      int tableRows = rowsOf.get(spec.table());
      for (int b = 0; b < batch.size(); b++) {
        int id = batch.ints(FeatureEncoder.IDS)[b * f + col];
        assertTrue(
            id >= 1 && id < tableRows,
            spec.name()
                + "="
                + rows.get(b).get(spec.name())
                + " -> id "
                + id
                + " must be in [1, "
                + tableRows
                + ") of table "
                + spec.table());
      }
    }
    for (FeatureSpec spec : schema.features()) {
      if (!(spec instanceof BagSpec || spec instanceof SequenceSpec)) {
        continue;
      }
      int[] ids = batch.ints(spec.name());
      float[] mask = batch.floats(spec.name() + FeatureEncoder.MASK_SUFFIX);
      int tableRows = rowsOf.get(spec.table());
      for (int k = 0; k < ids.length; k++) {
        assertTrue(ids[k] >= 0 && ids[k] < tableRows, spec.name() + " id " + ids[k]);
        assertEquals(
            mask[k] == 0f,
            ids[k] == 0,
            spec.name() + " position " + k + ": id 0 exactly where the mask is 0");
      }
    }
  }

  /** The case: the lowest bucket was id 0, the padding id. */
  @Example
  void lowestBucketIsIdOneAndTheTableHasARowForEveryId() {
    FeatureSchema s =
        FeatureSchema.builder()
            .add(NumericSpec.bucketized("x").boundaries(0, 10).embeddingDim(2).build())
            .build();
    FeatureEncoder enc = FeatureEncoder.of(s);
    assertEquals(1, enc.encode(Map.of("x", -5)).ints("ids")[0], "x < b[0]");
    assertEquals(2, enc.encode(Map.of("x", 0)).ints("ids")[0], "b[0] <= x < b[1]");
    assertEquals(3, enc.encode(Map.of("x", 99)).ints("ids")[0], "x >= b[1]");
    Map<String, Object> missing = new HashMap<>();
    missing.put("x", null);
    assertEquals(4, enc.encode(missing).ints("ids")[0], "the dedicated missing id");
    assertEquals(5, s.tables().get(0).rows(), "padding, 3 buckets, missing");
  }
}
