package org.recsys4j.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;

@PropertyDefaults(tries = 200)
class FeatureSchemaProperties {

  /** Any string, including separators, quotes and non-ASCII characters. */
  static Arbitrary<String> tokens() {
    return Arbitraries.strings().ofMinLength(1).ofMaxLength(6).withChars("ab|:\"\\é😀 ,");
  }

  static Arbitrary<FeatureSpec> spec(String name) {
    Arbitrary<Integer> space = Arbitraries.integers().between(2, 50);
    Arbitrary<Integer> dim = Arbitraries.integers().between(1, 8);
    Arbitrary<FeatureSpec> hashed =
        Combinators.combine(space, dim, tokens().injectNull(0.5))
            .as(
                (s, d, dv) ->
                    CategoricalSpec.hashed(name).space(s).embeddingDim(d).defaultValue(dv).build());
    Arbitrary<FeatureSpec> vocab =
        Combinators.combine(
                tokens().set().ofMinSize(1).ofMaxSize(5), dim, Arbitraries.integers().between(1, 9))
            .as(
                (v, d, mc) ->
                    CategoricalSpec.vocabulary(name)
                        .vocabulary(List.copyOf(v))
                        .minCount(mc)
                        .embeddingDim(d)
                        .build());
    Arbitrary<FeatureSpec> bucketized =
        Combinators.combine(
                Arbitraries.doubles().between(-1e9, 1e9).ofScale(6).set().ofMinSize(1).ofMaxSize(5),
                dim,
                Arbitraries.doubles().between(-1e3, 1e3))
            .as(
                (b, d, dv) ->
                    NumericSpec.bucketized(name)
                        .boundaries(b.stream().sorted().mapToDouble(Double::doubleValue).toArray())
                        .embeddingDim(d)
                        .defaultValue(dv)
                        .build());
    Arbitrary<FeatureSpec> normalized =
        Combinators.combine(
                Arbitraries.doubles().between(-1e6, 1e6).ofScale(9),
                Arbitraries.doubles().between(1e-6, 1e6).ofScale(9),
                Arbitraries.doubles().between(-1e3, 1e3))
            .as((m, s, dv) -> NumericSpec.normalized(name).mean(m).std(s).defaultValue(dv).build());
    Arbitrary<FeatureSpec> bag =
        Combinators.combine(
                space,
                tokens(),
                Arbitraries.integers().between(1, 6),
                Arbitraries.of(Pooling.class),
                dim)
            .as(
                (s, sep, m, p, d) ->
                    BagSpec.builder(name)
                        .space(s)
                        .separator(sep)
                        .maxSize(m)
                        .pooling(p)
                        .embeddingDim(d)
                        .build());
    Arbitrary<FeatureSpec> seq =
        Combinators.combine(
                space,
                Arbitraries.integers().between(1, 6),
                tokens().injectNull(0.3),
                tokens(),
                dim)
            .as(
                (s, len, pad, sep, d) ->
                    SequenceSpec.builder(name)
                        .space(s)
                        .maxLen(len)
                        .paddingToken(pad)
                        .separator(sep)
                        .embeddingDim(d)
                        .build());
    return Arbitraries.oneOf(hashed, vocab, bucketized, normalized, bag, seq);
  }

  /**
   * 1..6 features named f0..f5, and with probability 1/2 a sequence sharing the table of the first
   * feature when that one is hashed.
   */
  @Provide
  Arbitrary<FeatureSchema> schemas() {
    return Arbitraries.integers()
        .between(1, 6)
        .flatMap(
            n -> {
              List<Arbitrary<FeatureSpec>> parts = new ArrayList<>();
              for (int i = 0; i < n; i++) {
                parts.add(spec("f" + i));
              }
              return Combinators.combine(parts)
                  .as(List::copyOf)
                  .flatMap(
                      specs ->
                          Arbitraries.of(true, false)
                              .map(
                                  share -> {
                                    FeatureSchema.Builder b = FeatureSchema.builder().addAll(specs);
                                    FeatureSpec first = specs.get(0);
                                    if (share
                                        && first.table() != null
                                        && Specs.idScheme(first).equals("hashed")) {
                                      b.add(
                                          SequenceSpec.builder("shared")
                                              .space(first.space())
                                              .maxLen(3)
                                              .table(first.table())
                                              .embeddingDim(first.embeddingDim())
                                              .build());
                                    }
                                    return b.build();
                                  }));
            });
  }

  @Property
  void jsonRoundTrip(@ForAll("schemas") FeatureSchema schema) {
    String json = schema.toJson();
    FeatureSchema back = FeatureSchema.fromJson(json);
    assertEquals(schema, back);
    assertEquals(json, back.toJson());
  }

  @Property
  void everyTableHasRowsForAllItsFeatures(@ForAll("schemas") FeatureSchema schema) {
    for (TableSpec t : schema.tables()) {
      for (String f : t.features()) {
        FeatureSpec s = schema.feature(f).orElseThrow();
        assertEquals(t.name(), s.table());
        assertEquals(t.embeddingDim(), s.embeddingDim());
        assertEquals(true, s.rows() <= t.rows(), f + ".rows=" + s.rows() + " > " + t.rows());
      }
    }
  }

  @Property
  void duplicatingAFeatureFails(@ForAll("schemas") FeatureSchema schema) {
    FeatureSpec first = schema.features().get(0);
    assertThrows(IllegalArgumentException.class, () -> schema.toBuilder().add(first).build());
  }

  @Property
  void aDanglingTableReferenceFails(@ForAll("schemas") FeatureSchema schema) {
    SequenceSpec dangling =
        SequenceSpec.builder("dangling")
            .space(5)
            .maxLen(2)
            .table("noSuchTable")
            .embeddingDim(2)
            .build();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> schema.toBuilder().add(dangling).build());
    assertEquals(
        true,
        e.getMessage().contains("(dangling).table='noSuchTable' must name an" + " existing table"),
        e.getMessage());
  }

  @Property
  void aSharedTableWithAnotherDimFails(@ForAll("schemas") FeatureSchema schema) {
    FeatureSpec owner = schema.features().get(0);
    if (owner.table() == null || !owner.table().equals(owner.name())) {
      return;
    }
    SequenceSpec other =
        SequenceSpec.builder("other")
            .space(Math.max(2, owner.space()))
            .maxLen(2)
            .table(owner.table())
            .embeddingDim(owner.embeddingDim() + 1)
            .build();
    assertThrows(IllegalArgumentException.class, () -> schema.toBuilder().add(other).build());
  }

  @Property
  void anyUnknownKeyFails(
      @ForAll("schemas") FeatureSchema schema, @ForAll("unknownKeys") String key) {
    String json = schema.toJson();
    String withKey =
        json.replaceFirst(
            "\\{\"type\":\"(categorical|numeric|bag|sequence)\"",
            "{\"" + key + "\":0,\"type\":\"$1\"");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FeatureSchema.fromJson(withKey));
    assertEquals(true, e.getMessage().contains(".key='" + key + "' is unknown"), e.getMessage());
  }

  @Provide
  Arbitrary<String> unknownKeys() {
    return Arbitraries.strings()
        .alpha()
        .ofMinLength(1)
        .ofMaxLength(8)
        .filter(
            k ->
                !List.of(
                        "type",
                        "name",
                        "encoding",
                        "space",
                        "vocabulary",
                        "minCount",
                        "defaultValue",
                        "table",
                        "embeddingDim",
                        "transform",
                        "boundaries",
                        "mean",
                        "std",
                        "separator",
                        "maxSize",
                        "pooling",
                        "maxLen",
                        "paddingToken")
                    .contains(k));
  }

  @Property
  void anyOtherVersionFails(
      @ForAll("schemas") FeatureSchema schema, @ForAll("otherVersions") int version) {
    String json = schema.toJson().replace("\"version\":2", "\"version\":" + version);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FeatureSchema.fromJson(json));
    assertTrue(
        e.getMessage().startsWith("schema.version=" + version + " is not supported"),
        e.getMessage());
  }

  @Provide
  Arbitrary<Integer> otherVersions() {
    return Arbitraries.integers().between(-5, 100).filter(v -> v != FeatureSchema.JSON_VERSION);
  }
}
