package org.recsys4j.models.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.recsys4j.core.layer.Layer;
import org.recsys4j.core.layer.LayerJson;
import org.recsys4j.models.layers.dense.Activation;
import org.recsys4j.models.layers.dense.Mlp;
import org.recsys4j.models.layers.interaction.FmCross;
import org.recsys4j.models.layers.interaction.LinearTerm;

class LayerJsonTest {

  @Test
  void unknownKeyFails() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LayerJson.fromJson("{\"type\":\"linear_term\",\"name\":\"l\",\"useBias\":true,"
            + "\"l2\":0.1,\"version\":1}"));
    assertTrue(e.getMessage().contains("l2"), e.getMessage());
  }

  @Test
  void unknownTypeFails() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LayerJson.fromJson("{\"type\":\"no_such_layer\",\"name\":\"c\",\"version\":1}"));
    assertTrue(e.getMessage().contains("no_such_layer"), e.getMessage());
  }

  @Test
  void newerVersionFailsWithTheRule() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LayerJson.fromJson("{\"type\":\"linear_term\",\"name\":\"l\",\"useBias\":true,"
            + "\"version\":2}"));
    assertEquals("layer.version=2 is newer than this library reads for type 'linear_term' (1):"
        + " upgrade recsys4j", e.getMessage());
  }

  @Test
  void missingVersionFails() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LayerJson.fromJson("{\"type\":\"fm_cross\",\"name\":\"f\"}"));
    assertEquals("layer.version=null is required (type 'fm_cross', current version 1)",
        e.getMessage());
  }

  @Test
  void recordLayersRoundTripExactly() {
    Mlp mlp = Mlp.of("tower", 8, 4, 1).withActivation(Activation.TANH);
    String json = LayerJson.toJson(mlp);
    assertEquals("{\"type\":\"mlp\",\"name\":\"tower\",\"units\":[8,4,1],"
        + "\"activation\":\"TANH\",\"outputActivation\":\"LINEAR\",\"version\":1}", json);
    assertEquals(mlp, LayerJson.fromJson(json));
    assertEquals(FmCross.of("x"), LayerJson.fromJson(LayerJson.toJson(FmCross.of("x"))));
  }

  @Test
  void invalidValueInJsonFailsLikeTheConstructor() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LayerJson.fromJson("{\"type\":\"mlp\",\"name\":\"deep\",\"units\":[4,0],"
            + "\"activation\":\"RELU\",\"outputActivation\":\"LINEAR\",\"version\":1}"));
    assertEquals("deep.units[1]=0 must be > 0", e.getMessage());
    assertEquals(LinearTerm.of("linear"), LayerJson.fromJson(
        LayerJson.toJson(LinearTerm.of("linear"))));
  }

}
