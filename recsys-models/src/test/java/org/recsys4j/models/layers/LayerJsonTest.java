package org.recsys4j.models.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.recsys4j.core.layer.Layer;
import org.recsys4j.core.layer.LayerJson;
import org.recsys4j.models.layers.combine.LogitSum;
import org.recsys4j.models.layers.dense.Activation;
import org.recsys4j.models.layers.dense.BatchNorm;
import org.recsys4j.models.layers.dense.DensePassThrough;
import org.recsys4j.models.layers.dense.Dropout;
import org.recsys4j.models.layers.dense.LayerNorm;
import org.recsys4j.models.layers.dense.Mlp;
import org.recsys4j.models.layers.embedding.BagPooling;
import org.recsys4j.models.layers.embedding.NumericEmbedding;
import org.recsys4j.models.layers.interaction.Cin;
import org.recsys4j.models.layers.interaction.CrossNetwork;
import org.recsys4j.models.layers.interaction.CrossNetworkV2;
import org.recsys4j.models.layers.interaction.FmCross;
import org.recsys4j.models.layers.interaction.LinearTerm;
import org.recsys4j.models.layers.sequence.AttentionNormalization;
import org.recsys4j.models.layers.sequence.AttentionPooling;

class LayerJsonTest {

  @Test
  void unknownKeyFails() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                LayerJson.fromJson(
                    "{\"type\":\"linear_term\",\"name\":\"l\",\"useBias\":true,"
                        + "\"l2\":0.1,\"version\":1}"));
    assertTrue(e.getMessage().contains("l2"), e.getMessage());
  }

  @Test
  void unknownTypeFails() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> LayerJson.fromJson("{\"type\":\"no_such_layer\",\"name\":\"c\",\"version\":1}"));
    assertTrue(e.getMessage().contains("no_such_layer"), e.getMessage());
  }

  @Test
  void newerVersionFailsWithTheRule() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                LayerJson.fromJson(
                    "{\"type\":\"linear_term\",\"name\":\"l\",\"useBias\":true,"
                        + "\"version\":2}"));
    assertEquals(
        "layer.version=2 is newer than this library reads for type 'linear_term' (1):"
            + " upgrade recsys4j",
        e.getMessage());
  }

  @Test
  void missingVersionFails() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> LayerJson.fromJson("{\"type\":\"fm_cross\",\"name\":\"f\"}"));
    assertEquals(
        "layer.version=null is required (type 'fm_cross', current version 1)", e.getMessage());
  }

  @Test
  void recordLayersRoundTripExactly() {
    Mlp mlp = Mlp.of("tower", 8, 4, 1).withActivation(Activation.TANH);
    String json = LayerJson.toJson(mlp);
    assertEquals(
        "{\"type\":\"mlp\",\"name\":\"tower\",\"units\":[8,4,1],"
            + "\"activation\":\"TANH\",\"outputActivation\":\"LINEAR\",\"version\":1}",
        json);
    assertEquals(mlp, LayerJson.fromJson(json));
    assertEquals(FmCross.of("x"), LayerJson.fromJson(LayerJson.toJson(FmCross.of("x"))));
  }

  @Test
  void invalidValueInJsonFailsLikeTheConstructor() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                LayerJson.fromJson(
                    "{\"type\":\"mlp\",\"name\":\"deep\",\"units\":[4,0],"
                        + "\"activation\":\"RELU\",\"outputActivation\":\"LINEAR\",\"version\":1}"));
    assertEquals("deep.units[1]=0 must be > 0", e.getMessage());
    assertEquals(
        LinearTerm.of("linear"), LayerJson.fromJson(LayerJson.toJson(LinearTerm.of("linear"))));
  }

  @Test
  void newLayersWriteTheirFieldsAndReadBack() {
    assertJson(
        Cin.of("cin", 8, 6),
        "{\"type\":\"cin\",\"name\":\"cin\",\"layerSizes\":[8,6],\"splitHalf\":true,"
            + "\"activation\":\"LINEAR\",\"version\":1}");
    assertJson(
        CrossNetworkV2.mixture("dcn", 3, 16, 4),
        "{\"type\":\"cross_network_v2\",\"name\":\"dcn\",\"kind\":\"MIXTURE\",\"numLayers\":3,"
            + "\"rank\":16,\"numExperts\":4,\"lowRankActivation\":\"TANH\",\"version\":1}");
    assertJson(
        CrossNetwork.of("cross", 2),
        "{\"type\":\"cross_network\",\"name\":\"cross\",\"numLayers\":2,\"version\":1}");
    assertJson(
        BatchNorm.of("bn"),
        "{\"type\":\"batch_norm\",\"name\":\"bn\",\"momentum\":0.99,\"epsilon\":0.001,"
            + "\"version\":1}");
    assertJson(
        LayerNorm.of("ln"),
        "{\"type\":\"layer_norm\",\"name\":\"ln\",\"epsilon\":1.0E-5,\"version\":1}");
    assertJson(
        Dropout.of("drop", 0.8),
        "{\"type\":\"dropout\",\"name\":\"drop\",\"keepProbability\":0.8,\"version\":1}");
    assertJson(
        BagPooling.mean("genres"),
        "{\"type\":\"bag_pooling\",\"name\":\"genres\",\"pooling\":\"MEAN\",\"version\":1}");
    assertJson(
        NumericEmbedding.of("num", 16),
        "{\"type\":\"numeric_embedding\",\"name\":\"num\",\"embeddingDim\":16,\"version\":1}");
    assertJson(
        DensePassThrough.of("dense"),
        "{\"type\":\"dense_pass_through\",\"name\":\"dense\",\"version\":1}");
    assertJson(
        LogitSum.of("logit", 2).withBias(true),
        "{\"type\":\"logit_sum\",\"name\":\"logit\",\"numInputs\":2,\"useBias\":true,"
            + "\"version\":1}");
  }

  @Test
  void invalidNewLayerJsonFailsWithTheRecordsRule() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                LayerJson.fromJson(
                    "{\"type\":\"cin\",\"name\":\"cin\",\"layerSizes\":[8,7,5],"
                        + "\"splitHalf\":true,\"activation\":\"LINEAR\",\"version\":1}"));
    assertEquals("cin.layerSizes[1]=7 must be even when splitHalf=true", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                LayerJson.fromJson(
                    "{\"type\":\"cross_network_v2\",\"name\":\"dcn\","
                        + "\"kind\":\"FULL\",\"numLayers\":2,\"rank\":8,\"numExperts\":0,"
                        + "\"lowRankActivation\":\"LINEAR\",\"version\":1}"));
    assertEquals("dcn.rank=8 must be 0 when kind=FULL", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> LayerJson.fromJson("{\"type\":\"dropout\",\"name\":\"drop\",\"version\":1}"));
    assertTrue(e.getMessage().contains("keepProbability"), e.getMessage());
  }

  @Test
  void attentionPoolingRoundTripsAndVersion1ReadsWithoutRecencyBias() {
    assertJson(
        AttentionPooling.of("att", 8, 4).withRecencyBias(true),
        "{\"type\":\"attention_pooling\",\"name\":\"att\",\"units\":[8,4],"
            + "\"activation\":\"DICE\",\"normalization\":\"SOFTMAX\",\"recencyBias\":true,"
            + "\"version\":2}");
    assertEquals(
        AttentionPooling.of("att", 8, 4).withNormalization(AttentionNormalization.NONE),
        LayerJson.fromJson(
            "{\"type\":\"attention_pooling\",\"name\":\"att\",\"units\":[8,4],"
                + "\"activation\":\"DICE\",\"normalization\":\"NONE\",\"version\":1}"));
  }

  private static void assertJson(Layer layer, String expected) {
    String json = LayerJson.toJson(layer);
    assertEquals(expected, json);
    assertEquals(layer, LayerJson.fromJson(json));
  }
}
