package org.recsys4j.features.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class FunnelSimulatorConfigTest {

  private static String failure(Executable build) {
    return assertThrows(IllegalArgumentException.class, build).getMessage();
  }

  @Test
  void defaultsMatchTheDocumentedValues() {
    FunnelSimulatorConfig c = FunnelSimulatorConfig.defaults();
    assertEquals(20_000, c.numUsers());
    assertEquals(5_000, c.numItems());
    assertEquals(50, c.numCategories());
    assertEquals(7, c.numDays());
    assertEquals(10, c.slateSize());
    assertEquals(20, c.maxHistoryLength());
    assertEquals(1.3, c.recentInterestBoost());
    assertEquals(0.3, c.positionBeta());
    assertEquals(0.005, c.duplicateClickRate());
    assertEquals(0.001, c.orphanClickRate());
    assertEquals(0.25, c.rankerExploreShare(), 1e-12);
    assertEquals(0, c.startEpochMillis() % FunnelSimulatorConfig.DAY_MILLIS);
  }

  @Test
  void buildNamesFieldValueAndRule() {
    FunnelSimulatorConfig.Builder b = FunnelSimulatorConfig.builder();
    assertEquals("numUsers=0 must be > 0", failure(() -> b.numUsers(0).build()));
    assertEquals(
        "numItems=10 must be >= numCategories=50 (every category needs an item)",
        failure(() -> FunnelSimulatorConfig.builder().numItems(10).build()));
    assertEquals(
        "recentInterestWindow=25 must be in [1, 20]",
        failure(() -> FunnelSimulatorConfig.builder().recentInterestWindow(25).build()));
    assertEquals(
        "duplicateClickRate=1.5 must be in [0.0, 1.0]",
        failure(() -> FunnelSimulatorConfig.builder().duplicateClickRate(1.5).build()));
    assertEquals(
        "clickBias=NaN must be finite",
        failure(() -> FunnelSimulatorConfig.builder().clickBias(Double.NaN).build()));
    assertEquals(
        "itemPopularitySd=-0.1 must be finite and >= 0",
        failure(() -> FunnelSimulatorConfig.builder().itemPopularitySd(-0.1).build()));
    assertEquals(
        "rankerPopularShare=0.8 must be <= 1 - rankerAffinityShare(0.3) - rankerRecentShare(0.1)"
            + " (the shares must sum to at most 1)",
        failure(() -> FunnelSimulatorConfig.builder().rankerPopularShare(0.8).build()));
    assertEquals(
        "startEpochMillis=1000 must be >= 0 and a multiple of 86400000 (midnight UTC)",
        failure(() -> FunnelSimulatorConfig.builder().startEpochMillis(1000).build()));
    assertEquals(
        "slateSize=60 must be <= numItems=50",
        failure(() -> FunnelSimulatorConfig.builder().numItems(50).slateSize(60).build()));
  }

  @Test
  void toBuilderRoundTripsAndEqualityIsByValue() {
    FunnelSimulatorConfig c = FunnelSimulatorConfig.builder().seed(3).positionBeta(0.5).build();
    assertEquals(c, c.toBuilder().build());
    assertEquals(c.hashCode(), c.toBuilder().build().hashCode());
    assertNotEquals(c, c.toBuilder().positionBeta(0.4).build());
    assertNotEquals(c, c.toBuilder().seed(4).build());
  }

  @Test
  void jsonRoundTripKeepsEveryParameter() {
    FunnelSimulatorConfig c =
        FunnelSimulatorConfig.builder()
            .seed(-123456789012345L)
            .numUsers(777)
            .clickBias(-3.14159)
            .recentInterestBoost(0.1 + 0.2) // not exactly representable: must survive exactly
            .orphanOrderRate(0.0)
            .build();
    String json = c.toJson();
    assertTrue(json.startsWith("{\"type\":\"FunnelSimulatorConfig\",\"version\":1,"), json);
    FunnelSimulatorConfig back = FunnelSimulatorConfig.fromJson(json);
    assertEquals(c, back);
    assertEquals(json, back.toJson());
  }

  @Test
  void jsonKeepsDefaultsForAbsentKeysAndRejectsUnknownOnes() {
    FunnelSimulatorConfig partial =
        FunnelSimulatorConfig.fromJson(
            "{\"type\":\"FunnelSimulatorConfig\",\"version\":1,\"numUsers\":99}");
    assertEquals(FunnelSimulatorConfig.builder().numUsers(99).build(), partial);
    assertEquals(
        "json.key='numUser' is not a FunnelSimulatorConfig parameter",
        failure(
            () ->
                FunnelSimulatorConfig.fromJson(
                    "{\"type\":\"FunnelSimulatorConfig\",\"version\":1,\"numUser\":99}")));
    assertEquals(
        "json.version=2 must be 1",
        failure(
            () ->
                FunnelSimulatorConfig.fromJson(
                    "{\"type\":\"FunnelSimulatorConfig\",\"version\":2}")));
    assertEquals(
        "json.numUsers=1.5 must be an int",
        failure(
            () ->
                FunnelSimulatorConfig.fromJson(
                    "{\"type\":\"FunnelSimulatorConfig\",\"version\":1,\"numUsers\":1.5}")));
    assertEquals(
        "json.type='Bucketizer' must be 'FunnelSimulatorConfig'",
        failure(() -> FunnelSimulatorConfig.fromJson("{\"type\":\"Bucketizer\",\"version\":1}")));
  }
}
