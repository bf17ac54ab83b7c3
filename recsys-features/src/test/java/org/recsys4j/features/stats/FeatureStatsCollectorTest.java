package org.recsys4j.features.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureStatsCollectorTest {

  @Test
  void categoricalCoverageCardinalityAndExactTopValues() {
    FeatureStatsCollector c = FeatureStatsCollector.builder("C1").topK(2).build();
    for (String v : new String[] {"a", "b", "a", null, "", "c", "a", "b"}) {
      c.accept(v);
    }
    c.acceptMissing();
    FeatureStats s = c.result();
    assertEquals("C1", s.name());
    assertEquals(9, s.count());
    assertEquals(3, s.missing());
    assertEquals(6.0 / 9, s.coverage(), 1e-12);
    assertEquals(3.0, s.cardinality());
    assertTrue(s.cardinalityExact());
    assertTrue(s.topValuesExact());
    assertEquals(
        List.of(new ValueCount("a", 3, 3, 3), new ValueCount("b", 2, 2, 2)), s.topValues());
    assertTrue(s.numeric().isEmpty());
    assertEquals(HashCollisions.expectedRate(3, 100), s.collisionRate(100));
  }

  @Test
  void switchesToSketchesBeyondTheExactLimit() {
    FeatureStatsCollector c =
        FeatureStatsCollector.builder("user").exactLimit(100).sketchMapSize(64).topK(3).build();
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      c.accept("u" + i);
      if (i % 4 == 0) {
        c.accept("hot"); // 5,000 times
      }
    }
    FeatureStats s = c.result();
    assertFalse(s.cardinalityExact());
    assertFalse(s.topValuesExact());
    // HLL lgK=12: relative standard error about 1.6%; allow 3 sigma
    assertEquals(n + 1, s.cardinality(), 0.05 * n);
    assertTrue(s.cardinalityLower() <= n + 1 && n + 1 <= s.cardinalityUpper(), s.toString());
    ValueCount top = s.topValues().get(0);
    assertEquals("hot", top.value());
    assertTrue(top.lowerBound() <= 5000 && 5000 <= top.upperBound(), top.toString());
  }

  @Test
  void numericQuantilesBucketsAndMissing() {
    FeatureStatsCollector c =
        FeatureStatsCollector.builder("I1").boundaries(0, 10, 100).quantileRanks(0, 0.5, 1).build();
    for (int i = 0; i <= 100; i++) {
      c.acceptNumber(i);
    }
    c.acceptNumber(-5);
    c.acceptNumber(Double.NaN);
    c.accept("5"); // same value as acceptNumber(5): no new distinct value
    FeatureStats s = c.result();
    assertEquals(104, s.count());
    assertEquals(1, s.missing());
    assertEquals(102.0, s.cardinality());
    assertEquals(new ValueCount("5", 2, 2, 2), s.topValues().get(0));
    NumericSummary num = s.numeric().orElseThrow();
    assertEquals(102, num.count());
    assertEquals(-5, num.min());
    assertEquals(100, num.max());
    assertEquals((5050.0 - 5) / 102, num.mean(), 1e-12);
    // buckets: x<0 | 0<=x<10 | 10<=x<100 | x>=100 (boundary goes up, as in Bucketizer)
    assertEquals(List.of(0L, 1L, 10L, 90L, 1L), num.bucketCounts(), "by encoder id, 0 = padding");
    assertEquals(10.0 / 102, num.bucketShare(2), 1e-12);
    // few values: KLL is exact; the median is the smallest x with rank(x) >= 0.5: the 51st of
    // the 102 sorted values -5, 0, 1, ..., 100, which is 49
    assertEquals(
        List.of(new Quantile(0, -5), new Quantile(0.5, 49), new Quantile(1, 100)), num.quantiles());
    assertThrows(IllegalArgumentException.class, () -> c.acceptNumber(Double.POSITIVE_INFINITY));
  }

  @Test
  void builderValidationNamesFieldValueAndRule() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> FeatureStatsCollector.builder("x").boundaries(1, 1).build());
    assertEquals("boundaries[1]=1.0 must be > boundaries[0]=1.0", e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> FeatureStatsCollector.builder("x").sketchMapSize(100).build());
    assertThrows(
        IllegalArgumentException.class,
        () -> FeatureStatsCollector.builder("x").quantileRanks(1.5).build());
    assertThrows(
        IllegalArgumentException.class, () -> FeatureStatsCollector.builder("x").lgK(3).build());
  }

  @Test
  void emptyFeatureAndTable() {
    FeatureStats empty = FeatureStatsCollector.builder("empty").build().result();
    assertEquals(0.0, empty.coverage());
    assertEquals(0.0, empty.cardinality());
    FeatureStatsCollector c = FeatureStatsCollector.builder("C1").build();
    c.accept("a");
    c.accept("a");
    c.accept(null);
    String table = FeatureStatsTable.render(List.of(c.result(), empty), 1000, 3);
    String[] lines = table.split("\n");
    assertEquals(3, lines.length);
    assertTrue(lines[0].startsWith("feature"), table);
    assertTrue(
        lines[1].startsWith("C1") && lines[1].contains("0.6667") && lines[1].endsWith("a=2"),
        table);
  }
}
