package org.recsys4j.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureSpecTest {

  private static String message(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }

  @Test
  void categoricalRulesNameFieldValueAndRule() {
    assertEquals(
        "categorical[user].space=1 must be >= 2 (id 0 is reserved for padding)",
        message(() -> CategoricalSpec.hashed("user").space(1).embeddingDim(2).build()));
    assertEquals(
        "categorical[user].embeddingDim=0 must be > 0",
        message(() -> CategoricalSpec.hashed("user").space(10).build()));
    assertEquals(
        "categorical[city].vocabulary[1]='a' must not repeat an earlier entry",
        message(
            () ->
                CategoricalSpec.vocabulary("city")
                    .vocabulary(List.of("a", "a"))
                    .embeddingDim(2)
                    .build()));
    assertEquals(
        "categorical[city].defaultValue='' must be null (dedicated missing id) or" + " non-empty",
        message(
            () ->
                CategoricalSpec.hashed("city").space(4).defaultValue("").embeddingDim(2).build()));
    assertEquals(
        "categorical.name='  ' must not be blank",
        message(() -> CategoricalSpec.hashed("  ").space(4).embeddingDim(2).build()));
  }

  @Test
  void categoricalIds() {
    CategoricalSpec v =
        CategoricalSpec.vocabulary("city").vocabulary(List.of("a", "b")).embeddingDim(2).build();
    assertEquals(4, v.space());
    assertEquals(1, v.oovId());
    assertEquals(4, v.missingId());
    assertEquals(5, v.rows());
    CategoricalSpec h =
        CategoricalSpec.hashed("u").space(10).defaultValue("x").embeddingDim(2).build();
    assertEquals(-1, h.missingId());
    assertEquals(10, h.rows());
    assertEquals("u", h.table());
  }

  @Test
  void numericRules() {
    assertEquals(
        "numeric[age].boundaries[1]=1.0 must be > boundaries[0]=2.0 (strictly" + " increasing)",
        message(() -> NumericSpec.bucketized("age").boundaries(2, 1).embeddingDim(2).build()));
    assertEquals(
        "numeric[age].boundaries.size=0 must be >= 1 when transform=BUCKETIZE",
        message(() -> NumericSpec.bucketized("age").embeddingDim(2).build()));
    assertEquals(
        "numeric[p].std=0.0 must be finite and > 0",
        message(() -> NumericSpec.normalized("p").std(0).build()));
    assertEquals(
        "numeric[p].defaultValue=NaN must be finite",
        message(() -> NumericSpec.normalized("p").defaultValue(Double.NaN).build()));
    assertEquals(
        "numeric[p].table='t' must be null when transform=NORMALIZE",
        message(() -> NumericSpec.normalized("p").table("t").build()));
    assertEquals(
        "numeric[age].mean/std='5.0/1.0' must be 0/1 (unused) when transform=BUCKETIZE",
        message(() -> NumericSpec.bucketized("age").boundaries(1).mean(5).embeddingDim(2).build()));
    NumericSpec a = NumericSpec.bucketized("a").boundaries(1, 2).embeddingDim(2).build();
    assertEquals(4, a.space(), "padding 0 and buckets 1..3");
    assertEquals(4, a.missingId());
    assertEquals(5, a.rows(), "plus the dedicated missing id");
    NumericSpec d = a.toBuilder().defaultValue(1.5).build();
    assertEquals(-1, d.missingId());
    assertEquals(4, d.rows(), "a default value needs no missing row");
    assertEquals(
        "numeric[p].defaultValue=null must be a finite number when transform=NORMALIZE"
            + " (missing values are fed as it)",
        message(() -> NumericSpec.normalized("p").missingId().build()));
  }

  @Test
  void bagAndSequenceRules() {
    assertEquals(
        "bag[g].maxSize=0 must be > 0",
        message(() -> BagSpec.builder("g").space(8).embeddingDim(2).build()));
    assertEquals(
        "bag[g].separator='' must not be empty",
        message(
            () -> BagSpec.builder("g").space(8).maxSize(2).separator("").embeddingDim(2).build()));
    assertEquals(
        "sequence[s].paddingToken='' must be null or non-empty",
        message(
            () ->
                SequenceSpec.builder("s")
                    .space(8)
                    .maxLen(2)
                    .paddingToken("")
                    .embeddingDim(2)
                    .build()));
    assertEquals(
        "sequence[s].maxLen=-1 must be > 0",
        message(() -> SequenceSpec.builder("s").space(8).maxLen(-1).embeddingDim(2).build()));
  }
}
