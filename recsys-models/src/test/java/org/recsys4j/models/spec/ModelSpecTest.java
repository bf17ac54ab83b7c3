package org.recsys4j.models.spec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.core.data.TrainingBatch;
import org.recsys4j.core.spec.CategoricalSpec;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.core.spec.NumericSpec;
import org.recsys4j.models.builder.ModelBuilder;
import org.recsys4j.models.builder.Ref;
import org.recsys4j.models.layers.combine.LogitSum;
import org.recsys4j.models.layers.dense.Mlp;
import org.recsys4j.models.layers.interaction.FmCross;
import org.recsys4j.models.layers.structure.Concat;
import org.recsys4j.models.layers.structure.Flatten;
import org.recsys4j.models.train.Trainer;
import org.recsys4j.models.train.TrainerConfig;

class ModelSpecTest {
  private static FeatureSchema schema() {
    return FeatureSchema.builder()
        .add(CategoricalSpec.hashed("user").space(50).embeddingDim(4).build())
        .add(CategoricalSpec.hashed("item").space(40).embeddingDim(4).build())
        .add(NumericSpec.normalized("price").mean(1).std(2).build())
        .build();
  }

  /** A small DeepFM-like network over ids and a numeric input. */
  private static ModelSpec deep(FeatureSchema schema) {
    ModelBuilder b = ModelBuilder.forSchema(schema).name("deep").seed(9);
    Ref emb = b.embed("ids");
    Ref lin = b.linear("ids");
    Ref fm = b.apply(FmCross.of("fm"), emb.withoutMask());
    Ref flat = b.apply(Flatten.of("flat"), emb.withoutMask());
    Ref all = b.apply(Concat.of("all", 2), flat, b.numeric("dense"));
    Ref deep = b.apply(Mlp.of("tower", 8, 1), all);
    Ref logit = b.apply(LogitSum.of("logit", 3), lin, fm, deep);
    return b.head("ctr", logit, "click").build();
  }

  private static TrainingBatch batch(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] ids = new int[n * 2];
    float[] dense = new float[n];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      ids[2 * i] = r.nextInt(51);
      ids[2 * i + 1] = 1 + r.nextInt(40);
      dense[i] = (float) r.nextGaussian();
      y[i] = r.nextBoolean() ? 1 : 0;
    }
    Map<String, int[]> ints = new LinkedHashMap<>();
    ints.put("ids", ids);
    Map<String, float[]> floats = new LinkedHashMap<>();
    floats.put("dense", dense);
    return TrainingBatch.of(EncodedBatch.of(n, ints, floats), "click", y);
  }

  @Test
  void jsonRoundTripIsIdentityAndARebuiltModelPredictsBitIdentically(@TempDir Path dir)
      throws Exception {
    ModelSpec spec = deep(schema());
    String json = ModelJson.toJson(spec);
    ModelSpec back = ModelJson.fromJson(json);
    assertEquals(spec, back);
    assertEquals(json, ModelJson.toJson(back));
    Path file = dir.resolve("model.json");
    ModelJson.write(spec, file);
    assertEquals(spec, ModelJson.read(file));
    assertEquals(
        List.of("model.json"), Files.list(dir).map(p -> p.getFileName().toString()).toList());
    float[] a;
    float[] b;
    TrainerConfig cfg = TrainerConfig.defaults().withBatchSize(16);
    try (Trainer t1 = new Trainer(spec, cfg);
        Trainer t2 = new Trainer(back, cfg)) {
      for (int s = 0; s < 5; s++) {
        TrainingBatch tb = batch(16, s);
        assertEquals(Float.floatToIntBits(t1.fit(tb)), Float.floatToIntBits(t2.fit(tb)));
      }
      a = t1.predict(batch(30, 99).inputs(), "ctr");
      b = t2.predict(batch(30, 99).inputs(), "ctr");
    }
    assertArrayEquals(a, b);
  }

  @Test
  void jsonOfANewerVersionOrWithAnUnknownKeyFailsNamingIt() {
    String json = ModelJson.toJson(deep(schema()));
    int v = ModelJson.VERSION;
    assertEquals(
        "model.version="
            + (v + 1)
            + " is newer than this library reads for type 'model' ("
            + v
            + "): upgrade recsys4j",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    ModelJson.fromJson(
                        json.replace(
                            "\"version\" : " + v + ",\n  \"name\"",
                            "\"version\" : " + (v + 1) + ",\n  \"name\"")))
            .getMessage());
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    ModelJson.fromJson(json.replace("\"seed\" : 9", "\"seed\" : 9, \"extra\" : 1")))
            .getMessage()
            .startsWith("model.extra=1 is not a known key"));
    String newerLayer =
        json.replaceFirst(
            "\"type\" : \"fm_cross\",\n(\\s*)\"name\" : \"fm\",\n" + "(\\s*)\"version\" : 1",
            "\"type\" : \"fm_cross\",\n$1\"name\" : \"fm\",\n$2\"version\" : 3");
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> ModelJson.fromJson(newerLayer))
            .getMessage()
            .startsWith("model.nodes[1].layer.version=3 is newer"));
  }

  @Test
  void badSpecsAreNamedErrors() {
    FeatureSchema schema = schema();
    ModelBuilder b1 = ModelBuilder.forSchema(schema);
    assertEquals(
        "input=history must be one of [ids, dense]",
        assertThrows(IllegalArgumentException.class, () -> b1.embed("history")).getMessage());
    ModelBuilder b2 = ModelBuilder.forSchema(schema);
    Ref lin = b2.linear("ids");
    b2.head("ctr", lin, "click").head("ctr", lin, "click");
    assertEquals(
        "model.heads='ctr' is declared twice",
        assertThrows(IllegalArgumentException.class, b2::build).getMessage());
    ModelBuilder b3 = ModelBuilder.forSchema(schema);
    Ref emb = b3.embed("ids");
    b3.head("ctr", emb, "click");
    assertEquals(
        "head[ctr].output.shape=[B,2,4] must be [B,1]",
        assertThrows(IllegalArgumentException.class, b3::build).getMessage());
    ModelBuilder b4 = ModelBuilder.forSchema(schema);
    Ref e4 = b4.embed("ids");
    b4.apply(Flatten.of("flat"), e4);
    b4.head("ctr", b4.linear("ids"), "click");
    String m4 = assertThrows(IllegalArgumentException.class, b4::build).getMessage();
    assertTrue(m4.startsWith("node[flat].mask=PASS with input mask [B,2] must be DROP"), m4);
    assertEquals(
        "model.heads.size=0 must be >= 1",
        assertThrows(IllegalArgumentException.class, () -> ModelBuilder.forSchema(schema).build())
            .getMessage());
  }

  @Test
  void aTableSharedWithDifferentDimsIsNamed() {
    List<InputSpec> inputs =
        List.of(new InputSpec("ids", InputKind.IDS, 2, List.of("u", "i"), List.of("user", "item")));
    List<TableDeclaration> tables =
        List.of(
            new TableDeclaration("user", 10, 4, 0.01), new TableDeclaration("item", 10, 8, 0.01));
    ModelBuilder b = ModelBuilder.forInputs(inputs, tables);
    Ref emb = b.embed("ids");
    b.head("ctr", b.apply(FmCross.of("fm"), emb.withoutMask()), "click");
    assertEquals(
        "table[item].dim=8 must equal table[user].dim=4: lookup ids_emb stacks them into"
            + " one [B,F,D] value",
        assertThrows(IllegalArgumentException.class, b::build).getMessage());
  }

  @Test
  void aBatchMissingAnInputOrHoldingNanIsNamedAndNothingIsTrained() {
    try (Trainer t = new Trainer(deep(schema()), TrainerConfig.defaults().withBatchSize(8))) {
      TrainingBatch ok = batch(8, 1);
      ok.inputs().floats("dense")[3] = Float.NaN;
      assertEquals(
          "batch.dense[3][price]=NaN must be finite (the encoder replaces missing numbers"
              + " by the feature's default)",
          assertThrows(IllegalArgumentException.class, () -> t.fit(ok)).getMessage());
      Map<String, int[]> ints = new LinkedHashMap<>();
      ints.put("ids", new int[16]);
      TrainingBatch noDense =
          TrainingBatch.of(EncodedBatch.of(8, ints, new LinkedHashMap<>()), "click", new float[8]);
      assertEquals(
          "batch.dense=null is missing: the model reads numeric input 'dense' [B,1]",
          assertThrows(IllegalArgumentException.class, () -> t.fit(noDense)).getMessage());
      assertEquals(0, t.step());
    }
  }
}
