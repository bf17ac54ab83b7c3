package org.recsys4j.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureSchemaTest {

  private static IllegalArgumentException fails(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run);
  }

  private static void assertMessage(IllegalArgumentException e, String... parts) {
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), "'" + e.getMessage() + "' should contain '" + p + "'");
    }
  }

  @Test
  void jsonRoundTripOfTheMovieSchema() {
    FeatureSchema s = Schemas.movies();
    String json = s.toJson();
    assertTrue(json.startsWith("{\"type\":\"FeatureSchema\",\"version\":2,"), json);
    FeatureSchema back = FeatureSchema.fromJson(json);
    assertEquals(s, back);
    assertEquals(json, back.toJson());
  }

  @Test
  void tablesCollectSharedFeaturesAndRows() {
    List<TableSpec> tables = Schemas.movies().tables();
    TableSpec item = tables.stream().filter(t -> t.name().equals("item")).findFirst().orElseThrow();
    assertEquals(List.of("item", "clicks"), item.features());
    assertEquals(500, item.rows());
    TableSpec user = tables.get(0);
    assertEquals("user", user.name());
    assertEquals(1001, user.rows(), "space 1000 plus the dedicated missing id");
    TableSpec city = tables.stream().filter(t -> t.name().equals("city")).findFirst().orElseThrow();
    assertEquals(3 + 2 + 1, city.rows(), "3 words, padding, out-of-vocabulary, missing");
    TableSpec age = tables.stream().filter(t -> t.name().equals("age")).findFirst().orElseThrow();
    assertEquals(6, age.rows(), "4 boundaries: padding and 5 buckets (default 30, no missing id)");
    assertTrue(tables.stream().noneMatch(t -> t.name().equals("price")));
  }

  @Test
  void duplicateNameFails() {
    CategoricalSpec a = CategoricalSpec.hashed("user").space(10).embeddingDim(2).build();
    IllegalArgumentException e = fails(() -> FeatureSchema.builder().add(a).add(a).build());
    assertMessage(e, "schema.features[1].name='user'", "must be unique");
  }

  @Test
  void danglingSharedTableFails() {
    SequenceSpec clicks =
        SequenceSpec.builder("clicks").space(10).maxLen(3).table("item").embeddingDim(2).build();
    IllegalArgumentException e = fails(() -> FeatureSchema.builder().add(clicks).build());
    assertMessage(e, "schema.features[0](clicks).table='item'", "must name an existing table");
  }

  @Test
  void sharedTableDimMismatchFails() {
    CategoricalSpec item = CategoricalSpec.hashed("item").space(10).embeddingDim(8).build();
    SequenceSpec clicks =
        SequenceSpec.builder("clicks").space(10).maxLen(3).table("item").embeddingDim(4).build();
    IllegalArgumentException e = fails(() -> FeatureSchema.builder().add(item).add(clicks).build());
    assertMessage(e, "schema.features[1](clicks).embeddingDim=4", "must equal embeddingDim=8");
  }

  @Test
  void sharedTableSpaceMismatchFails() {
    CategoricalSpec item = CategoricalSpec.hashed("item").space(10).embeddingDim(8).build();
    SequenceSpec clicks =
        SequenceSpec.builder("clicks").space(11).maxLen(3).table("item").embeddingDim(8).build();
    IllegalArgumentException e = fails(() -> FeatureSchema.builder().add(item).add(clicks).build());
    assertMessage(e, "schema.features[1](clicks).space=11", "must equal space=10");
  }

  @Test
  void sharingAVocabularyTableWithHashedIdsFails() {
    CategoricalSpec city =
        CategoricalSpec.vocabulary("city").vocabulary(List.of("a", "b")).embeddingDim(4).build();
    BagSpec visited =
        BagSpec.builder("visited").space(4).maxSize(3).table("city").embeddingDim(4).build();
    IllegalArgumentException e =
        fails(() -> FeatureSchema.builder().add(city).add(visited).build());
    assertMessage(
        e,
        "schema.features[1](visited).ids='hashed'",
        "must map values to ids like table 'city': vocabulary [a, b]");
  }

  @Test
  void emptySchemaFails() {
    assertMessage(fails(() -> FeatureSchema.builder().build()), "schema.features.size=0");
  }

  @Test
  void unknownKeyFails() {
    String json = Schemas.movies().toJson();
    assertMessage(
        fails(
            () ->
                FeatureSchema.fromJson(
                    json.replace(
                        "{\"type\":\"FeatureSchema\"", "{\"extra\":1,\"type\":\"FeatureSchema\""))),
        "schema.key='extra'",
        "is unknown");
    assertMessage(
        fails(
            () ->
                FeatureSchema.fromJson(json.replace("\"maxLen\":4", "\"maxLen\":4,\"maxlen\":4"))),
        "schema.features[6].key='maxlen'",
        "is unknown");
  }

  @Test
  void badVersionFails() {
    String json = Schemas.movies().toJson().replace("\"version\":2", "\"version\":3");
    assertMessage(
        fails(() -> FeatureSchema.fromJson(json)),
        "schema.version=3",
        "is not supported; this library reads version 2");
    String v1 = Schemas.movies().toJson().replace("\"version\":2", "\"version\":1");
    assertMessage(
        fails(() -> FeatureSchema.fromJson(v1)),
        "schema.version=1",
        "lowest numeric bucket id 0",
        "re-fit the schema");
  }

  @Test
  void wrongTypeMissingKeyAndMalformedJsonFail() {
    String json = Schemas.movies().toJson();
    assertMessage(
        fails(() -> FeatureSchema.fromJson(json.replace("\"FeatureSchema\"", "\"Schema\""))),
        "schema.type='Schema'");
    assertMessage(
        fails(() -> FeatureSchema.fromJson(json.replace("\"type\":\"bag\"", "\"type\":\"bags\""))),
        "schema.features[5].type='bags'");
    assertMessage(
        fails(() -> FeatureSchema.fromJson(json.replace("\"maxSize\":3,", ""))),
        "schema.features[5].maxSize=null",
        "is required");
    assertMessage(
        fails(
            () ->
                FeatureSchema.fromJson(json.replace("\"pooling\":\"SUM\"", "\"pooling\":\"MAX\""))),
        "schema.features[5].pooling='MAX'",
        "[SUM, MEAN]");
    assertMessage(fails(() -> FeatureSchema.fromJson("{\"type\":")), "must be valid JSON");
    assertMessage(
        fails(
            () ->
                FeatureSchema.fromJson(json.replace("\"maxLen\":4", "\"maxLen\":4,\"maxLen\":5"))),
        "must be valid JSON",
        "Duplicate field 'maxLen'");
  }

  @Test
  void specRulesApplyWhenReading() {
    String bad = Schemas.movies().toJson().replace("\"maxLen\":4", "\"maxLen\":0");
    assertMessage(
        fails(() -> FeatureSchema.fromJson(bad)), "sequence[clicks].maxLen=0", "must be > 0");
  }

  @Test
  void writeIsAtomicAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("schema.json");
    Files.writeString(file, "old");
    FeatureSchema s = Schemas.movies();
    s.write(file);
    assertEquals(s, FeatureSchema.read(file));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList());
    }
  }

  @Test
  void failedWriteLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
    Path target = dir.resolve("sub");
    Files.createDirectory(target);
    Files.writeString(target.resolve("x"), "keeps the directory non-empty");
    assertThrows(IOException.class, () -> Schemas.movies().write(target));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(target), files.toList());
    }
  }

  @Test
  void toBuilderRebuildsAnEqualSchema() {
    FeatureSchema s = Schemas.movies();
    assertEquals(s, s.toBuilder().build());
    for (FeatureSpec f : s.features()) {
      FeatureSpec copy;
      if (f instanceof CategoricalSpec c) {
        copy = c.toBuilder().build();
      } else if (f instanceof NumericSpec n) {
        copy = n.toBuilder().build();
      } else if (f instanceof BagSpec b) {
        copy = b.toBuilder().build();
      } else {
        copy = ((SequenceSpec) f).toBuilder().build();
      }
      assertEquals(f, copy);
    }
  }
}
