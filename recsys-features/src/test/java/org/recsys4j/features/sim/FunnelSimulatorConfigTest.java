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
    assertEquals(20_000, c.scale().numUsers());
    assertEquals(5_000, c.scale().numItems());
    assertEquals(50, c.scale().numCategories());
    assertEquals(7, c.schedule().numDays());
    assertEquals(10, c.schedule().slateSize());
    assertEquals(20, c.schedule().maxHistoryLength());
    assertEquals(1.3, c.click().recentInterestBoost());
    assertEquals(0.3, c.click().positionBeta());
    assertEquals(0.005, c.dirt().duplicateClickRate());
    assertEquals(0.001, c.dirt().orphanClickRate());
    assertEquals(0.25, c.ranker().exploreShare(), 1e-12);
    assertEquals(0, c.schedule().startEpochMillis() % FunnelSimulatorConfig.DAY_MILLIS);
  }

  @Test
  void buildNamesFieldValueAndRule() {
    FunnelSimulatorConfig.Builder b = FunnelSimulatorConfig.builder();
    assertEquals("scale.numUsers=0 must be > 0", failure(() -> b.numUsers(0).build()));
    assertEquals(
        "scale.numItems=10 must be >= numCategories=50 (every category needs an item)",
        failure(() -> FunnelSimulatorConfig.builder().numItems(10).build()));
    assertEquals(
        "click.recentInterestWindow=25 must be in [1, 20]",
        failure(() -> FunnelSimulatorConfig.builder().recentInterestWindow(25).build()));
    assertEquals(
        "dirt.duplicateClickRate=1.5 must be in [0.0, 1.0]",
        failure(() -> FunnelSimulatorConfig.builder().duplicateClickRate(1.5).build()));
    assertEquals(
        "click.clickBias=NaN must be finite",
        failure(() -> FunnelSimulatorConfig.builder().clickBias(Double.NaN).build()));
    assertEquals(
        "click.itemPopularitySd=-0.1 must be finite and >= 0",
        failure(() -> FunnelSimulatorConfig.builder().itemPopularitySd(-0.1).build()));
    assertEquals(
        "ranker.popularShare=0.8 must be <= 1 - affinityShare(0.3) - recentShare(0.1)"
            + " (the shares must sum to at most 1)",
        failure(() -> FunnelSimulatorConfig.builder().rankerPopularShare(0.8).build()));
    assertEquals(
        "schedule.startEpochMillis=1000 must be >= 0 and a multiple of 86400000 (midnight UTC)",
        failure(() -> FunnelSimulatorConfig.builder().startEpochMillis(1000).build()));
    assertEquals(
        "schedule.slateSize=60 must be <= scale.numItems=50",
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
    assertTrue(
        json.startsWith("{\"type\":\"FunnelSimulatorConfig\",\"version\":2,\"seed\":"), json);
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
        "json.version=3 must be 1 or 2",
        failure(
            () ->
                FunnelSimulatorConfig.fromJson(
                    "{\"type\":\"FunnelSimulatorConfig\",\"version\":3}")));
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

  @Test
  void versionTwoNestsTheGroupsAndVersionOneFilesAreUpgraded() {
    FunnelSimulatorConfig c =
        FunnelSimulatorConfig.builder().numUsers(99).rankerNoiseSd(1.5).clickBias(-3.0).build();
    assertEquals(99, c.scale().numUsers());
    assertEquals(1.5, c.ranker().noiseSd());
    assertEquals(
        c,
        FunnelSimulatorConfig.fromJson(
            "{\"type\":\"FunnelSimulatorConfig\","
                + "\"version\":2,\"scale\":{\"numUsers\":99},\"ranker\":{\"noiseSd\":1.5},"
                + "\"click\":{\"clickBias\":-3.0}}"));
    assertEquals(
        c,
        FunnelSimulatorConfig.fromJson(
            "{\"type\":\"FunnelSimulatorConfig\","
                + "\"version\":1,\"numUsers\":99,\"rankerNoiseSd\":1.5,\"clickBias\":-3.0}"));
    assertEquals(
        "json.scale.key='numUser' is not a FunnelSimulatorConfig parameter",
        failure(
            () ->
                FunnelSimulatorConfig.fromJson(
                    "{\"type\":\"FunnelSimulatorConfig\","
                        + "\"version\":2,\"scale\":{\"numUser\":99}}")));
    assertEquals(
        "json.scale.numUsers=1.5 must be an int",
        failure(
            () ->
                FunnelSimulatorConfig.fromJson(
                    "{\"type\":\"FunnelSimulatorConfig\","
                        + "\"version\":2,\"scale\":{\"numUsers\":1.5}}")));
    assertEquals(
        "scale.numUsers=0 must be > 0",
        failure(
            () ->
                FunnelSimulatorConfig.fromJson(
                    "{\"type\":\"FunnelSimulatorConfig\","
                        + "\"version\":2,\"scale\":{\"numUsers\":0}}")));
    assertEquals(
        FunnelSimulatorConfig.defaults(),
        new FunnelSimulatorConfig(
            42L,
            WorldScale.DEFAULTS,
            Schedule.DEFAULTS,
            ClickEffects.DEFAULTS,
            ConversionEffects.DEFAULTS,
            IncumbentRanker.DEFAULTS,
            LogDirt.DEFAULTS));
  }
}
