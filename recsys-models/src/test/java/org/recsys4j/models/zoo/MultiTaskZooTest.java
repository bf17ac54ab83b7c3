package org.recsys4j.models.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.core.data.TrainingBatch;
import org.recsys4j.core.layer.LayerJson;
import org.recsys4j.core.spec.CategoricalSpec;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.models.builder.ModelBuilder;
import org.recsys4j.models.builder.Ref;
import org.recsys4j.models.graph.ModelGraph;
import org.recsys4j.models.layers.debias.PositionBiasTower;
import org.recsys4j.models.layers.dense.Mlp;
import org.recsys4j.models.layers.structure.Flatten;
import org.recsys4j.models.spec.Head;
import org.recsys4j.models.spec.HeadOutput;
import org.recsys4j.models.spec.InputKind;
import org.recsys4j.models.spec.InputSpec;
import org.recsys4j.models.spec.ModelJson;
import org.recsys4j.models.spec.ModelSpec;
import org.recsys4j.models.spec.TableDeclaration;
import org.recsys4j.models.train.Trainer;
import org.recsys4j.models.train.TrainerConfig;

/**
 * The multi-task recipes (ESMM, shared bottom, MMoE, PLE), the position tower in a model, and the
 * down-sampling correction of heads: they build, round-trip through JSON, train and predict, and
 * bad input is a named error.
 */
class MultiTaskZooTest {
  private static final int B = 32;

  private static FeatureSchema schema() {
    return FeatureSchema.builder()
        .add(CategoricalSpec.hashed("user").space(40).embeddingDim(4).build())
        .add(CategoricalSpec.hashed("item").space(30).embeddingDim(4).build())
        .build();
  }

  /** Clicks depend on user and item parity; conversions only on clicked rows. */
  private static TrainingBatch batch(int n, long seed, String clickName, String convName) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] ids = new int[n * 2];
    float[] click = new float[n];
    float[] conv = new float[n];
    for (int i = 0; i < n; i++) {
      ids[2 * i] = 1 + r.nextInt(40);
      ids[2 * i + 1] = 1 + r.nextInt(30);
      click[i] = r.nextDouble() < (ids[2 * i] % 2 == ids[2 * i + 1] % 2 ? 0.6 : 0.2) ? 1 : 0;
      conv[i] = click[i] == 1 && r.nextDouble() < (ids[2 * i + 1] % 3 == 0 ? 0.7 : 0.2) ? 1 : 0;
    }
    Map<String, float[]> labels = new LinkedHashMap<>();
    labels.put(clickName, click);
    labels.put(convName, conv);
    return TrainingBatch.of(EncodedBatch.of(n, Map.of("ids", ids), Map.of()), labels);
  }

  private static float[] trainAndPredict(ModelSpec spec, String click, String conv, String head) {
    try (Trainer t = new Trainer(spec, TrainerConfig.defaults().withBatchSize(B))) {
      for (int s = 0; s < 20; s++) {
        t.fit(batch(B, s % 5, click, conv));
      }
      return t.predict(batch(50, 99, click, conv).inputs(), head);
    }
  }

  @Test
  void multiTaskRecipesRoundTripTrainAndLowerTheirLoss() {
    List<String> labels = List.of("click", "conversion");
    List<ZooModel> models =
        List.of(
            new SharedBottom(labels, List.of(8), List.of(4), 1),
            new Mmoe(labels, 3, List.of(8), List.of(4), 1),
            new Ple(labels, 2, 1, 1, List.of(8), List.of(4), 1),
            new Esmm("click", "conversion", List.of(8), 1));
    for (ZooModel m : models) {
      ModelSpec spec = m.build(schema());
      assertEquals(spec, ModelJson.fromJson(ModelJson.toJson(spec)), m.name());
      try (Trainer t = new Trainer(spec, TrainerConfig.defaults().withBatchSize(B))) {
        double first = 0;
        double last = 0;
        for (int s = 0; s < 40; s++) {
          float l = t.fit(batch(B, s % 5, "click", "conversion"));
          first += s < 5 ? l : 0;
          last += s >= 35 ? l : 0;
        }
        assertTrue(last < first, m.name() + ": loss must fall, " + first + " -> " + last);
        Map<String, float[]> p = t.predict(batch(50, 99, "click", "conversion").inputs());
        for (String h : spec.heads().stream().map(Head::name).toList()) {
          for (float v : p.get(h)) {
            assertTrue(v > 0 && v < 1, m.name() + "." + h + " p=" + v);
          }
        }
      }
    }
  }

  @Test
  void esmmLearnsCtcvrAsTheProductOfCtrAndCvrAndNeverCvrAlone() {
    Esmm esmm = new Esmm("click", "conversion", List.of(8), 3);
    ModelSpec spec = esmm.build(schema());
    assertFalse(spec.head("cvr").hasLoss(), "the CVR head has no loss of its own");
    assertEquals(List.of("click", "conversion"), spec.labels());
    try (Trainer t = new Trainer(spec, TrainerConfig.defaults().withBatchSize(B))) {
      for (int s = 0; s < 10; s++) {
        t.fit(batch(B, s, "click", "conversion"));
      }
      Map<String, float[]> p = t.predict(batch(64, 7, "click", "conversion").inputs());
      for (int i = 0; i < 64; i++) {
        float ctr = p.get("ctr")[i];
        float cvr = p.get("cvr")[i];
        float ctcvr = p.get("ctcvr")[i];
        assertEquals(ctr * cvr, ctcvr, 1e-6, "row " + i);
        assertTrue(ctcvr <= ctr && ctcvr <= cvr, "row " + i);
      }
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> t.fit(batch(B, 1, "click", "order_not_conversion")));
      assertTrue(
          e.getMessage().contains("must include 'conversion', the label a head of model esmm"),
          e.getMessage());
    }
  }

  @Test
  void anOrderWithoutAClickIsANamedError() {
    Esmm esmm = Esmm.of("click", "conversion");
    TrainingBatch ok = batch(B, 4, "click", "conversion");
    esmm.checkLabels(ok);
    float[] click = ok.labels().get("click").clone();
    float[] conv = ok.labels().get("conversion").clone();
    int i = 0;
    while (click[i] == 1) {
      i++;
    }
    conv[i] = 1;
    TrainingBatch bad = TrainingBatch.of(ok.inputs(), Map.of("click", click, "conversion", conv));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> esmm.checkLabels(bad));
    assertEquals(
        "batch.labels[conversion]["
            + i
            + "]=1.0 must be 0 when batch.labels[click]["
            + i
            + "]=0: an order without a click is not a conversion (the stitcher counts it as"
            + " ordersWithoutClick)",
        e.getMessage());
  }

  @Test
  void aDownSampledHeadIsCorrectedByLogRAtInferenceOnly() {
    ModelSpec full = new Esmm("click", "conversion", List.of(8), 5).build(schema());
    ModelSpec sampled = withRate(full, "ctr", 0.1);
    float[] p1 = trainAndPredict(full, "click", "conversion", "ctr");
    float[] pr = trainAndPredict(sampled, "click", "conversion", "ctr");
    Head h = sampled.head("ctr");
    for (int i = 0; i < p1.length; i++) {
      double want = h.calibrate(p1[i]);
      assertEquals(want, pr[i], 1e-6 * (1 + want), "row " + i);
      double logit = Math.log(p1[i] / (1.0 - p1[i])) + Math.log(0.1);
      assertEquals(1 / (1 + Math.exp(-logit)), want, 1e-9, "σ(z + log r)");
    }
    // a probability head is corrected the same way
    ModelSpec sampledCtcvr = withRate(full, "ctcvr", 0.25);
    float[] q1 = trainAndPredict(full, "click", "conversion", "ctcvr");
    float[] qr = trainAndPredict(sampledCtcvr, "click", "conversion", "ctcvr");
    for (int i = 0; i < q1.length; i++) {
      double want = sampledCtcvr.head("ctcvr").calibrate(q1[i]);
      assertEquals(want, qr[i], 1e-6 * (1 + want), "row " + i);
    }
  }

  private static ModelSpec withRate(ModelSpec s, String head, double r) {
    List<Head> heads =
        s.heads().stream()
            .map(h -> h.name().equals(head) ? h.withNegativeSampleRate(r) : h)
            .toList();
    return new ModelSpec(s.name(), s.seed(), s.inputs(), s.tables(), s.lookups(), s.nodes(), heads);
  }

  @Test
  void aSamplingRateOutsideZeroOneIsNamed() {
    for (double r : new double[] {0.0, -0.5, 1.5, Double.NaN}) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> Head.logit("ctr", "logit", "click").withNegativeSampleRate(r));
      assertEquals(
          "head[ctr].negativeSampleRate="
              + r
              + " must be in (0, 1] (the share of negatives kept in training; 1 = none dropped)",
          e.getMessage());
    }
  }

  @Test
  void modelJsonOfVersionOneIsUpgradedWithAllNegativesKept() {
    ModelSpec spec = new Esmm("click", "conversion", List.of(8), 5).build(schema());
    ObjectNode v1 = ModelJson.toTree(spec);
    v1.put("version", 1);
    v1.withArray("heads").forEach(h -> ((ObjectNode) h).remove("negativeSampleRate"));
    ModelSpec back = ModelJson.fromJson(v1.toString());
    assertEquals(spec, back);
    for (Head h : back.heads()) {
      assertEquals(1.0, h.negativeSampleRate());
    }
    assertEquals(ModelJson.VERSION, ModelJson.toTree(back).get("version").asInt());
  }

  /** A model whose position tower is dropped at inference, or fixed to position 0. */
  private static ModelSpec positionModel(PositionBiasTower tower) {
    FeatureSchema schema = schema();
    ModelBuilder sb = ModelBuilder.forSchema(schema);
    List<InputSpec> inputs = new java.util.ArrayList<>(sb.inputs());
    inputs.add(
        new InputSpec("position", InputKind.NUMERIC, 3, List.of("p0", "p1", "p2"), List.of()));
    List<TableDeclaration> tables =
        schema.tables().stream()
            .map(t -> new TableDeclaration(t.name(), t.rows(), t.embeddingDim(), 0.01))
            .toList();
    ModelBuilder b = ModelBuilder.forInputs(inputs, tables).name("pos_model").seed(2);
    Ref flat = b.apply(Flatten.of("flat"), b.embed("ids").withoutMask());
    Ref main = b.apply(Mlp.of("main", 8, 1), flat);
    Ref logit = b.apply(tower, main, b.numeric("position"));
    return b.head("ctr", logit, "click").build();
  }

  private static TrainingBatch positionBatch(int n, long seed, boolean shuffledPositions) {
    TrainingBatch t = batch(n, seed, "click", "conversion");
    SplittableRandom r = new SplittableRandom(seed + (shuffledPositions ? 1000 : 0));
    float[] pos = new float[n * 3];
    float[] click = t.labels().get("click").clone();
    for (int i = 0; i < n; i++) {
      int p = r.nextInt(3);
      pos[i * 3 + p] = 1;
      if (p > 0 && r.nextDouble() < 0.5) {
        click[i] = 0; // lower positions lose clicks
      }
    }
    EncodedBatch x = EncodedBatch.of(n, t.inputs().ints(), Map.of("position", pos));
    return TrainingBatch.of(x, "click", click);
  }

  @Test
  void aDroppedPositionTowerIsAbsentFromInferenceAndAReferenceOneIsAConstantOffset() {
    ModelSpec dropped = positionModel(PositionBiasTower.dropped("pos"));
    ModelSpec reference = positionModel(PositionBiasTower.atReference("pos", 1, 0, 0));
    assertEquals(dropped, ModelJson.fromJson(ModelJson.toJson(dropped)));
    ModelGraph inf = ModelGraph.inference(dropped, DataType.FLOAT);
    assertFalse(inf.numericPlaceholders().contains("position"), "a dropped tower reads nothing");
    assertFalse(inf.sameDiff().hasVariable("pos_tower/W0"));
    assertTrue(
        ModelGraph.training(dropped, B, DataType.FLOAT).sameDiff().hasVariable("pos_tower/W0"));
    try (Trainer d = new Trainer(dropped, TrainerConfig.defaults().withBatchSize(B));
        Trainer f = new Trainer(reference, TrainerConfig.defaults().withBatchSize(B))) {
      for (int s = 0; s < 20; s++) {
        TrainingBatch tb = positionBatch(B, s % 5, false);
        assertEquals(Float.floatToIntBits(d.fit(tb)), Float.floatToIntBits(f.fit(tb)));
      }
      float[] a = d.predict(positionBatch(40, 77, false).inputs(), "ctr");
      assertArrayEquals(a, d.predict(positionBatch(40, 77, true).inputs(), "ctr"));
      float[] c = f.predict(positionBatch(40, 77, false).inputs(), "ctr");
      assertArrayEquals(c, f.predict(positionBatch(40, 77, true).inputs(), "ctr"));
      double offset = logit(c[0]) - logit(a[0]);
      assertTrue(Math.abs(offset) > 1e-4, "the reference position's offset is learned");
      for (int i = 0; i < a.length; i++) {
        assertEquals(offset, logit(c[i]) - logit(a[i]), 1e-3, "row " + i);
      }
    }
  }

  private static double logit(double p) {
    return Math.log(p / (1 - p));
  }

  @Test
  void layerTypesAreRegistered() {
    for (String type : List.of("esmm_product", "mmoe", "ple", "position_bias_tower")) {
      String json =
          LayerJson.toJson(
              switch (type) {
                case "esmm_product" ->
                    org.recsys4j.models.layers.multitask.EsmmProduct.ofLogits("x");
                case "mmoe" ->
                    org.recsys4j.models.layers.multitask.MultiGateMixture.of("x", 2, 2, 4);
                case "ple" ->
                    org.recsys4j.models.layers.multitask.ProgressiveExtraction.of("x", 2, 1, 4);
                default -> PositionBiasTower.dropped("x");
              });
      assertTrue(json.contains("\"type\":\"" + type + "\""), json);
    }
    assertEquals(HeadOutput.PROBABILITY, Head.probability("p", "x", "y").kind());
  }
}
