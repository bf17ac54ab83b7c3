package org.recsys4j.features.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

@PropertyDefaults(tries = 200)
class FeatureStatsProperties {

  @Property
  void exactModeCountsDistinctAndMissing(
      @ForAll @Size(max = 60) List<@StringLength(max = 2) String> values) {
    FeatureStatsCollector c = FeatureStatsCollector.builder("f").build();
    values.forEach(c::accept);
    FeatureStats s = c.result();
    Set<String> distinct = new HashSet<>(values);
    distinct.remove("");
    assertEquals(values.size(), s.count());
    assertEquals(values.stream().filter(String::isEmpty).count(), s.missing());
    assertEquals(distinct.size(), s.cardinality());
    long topSum = s.topValues().stream().mapToLong(ValueCount::count).sum();
    assertTrue(topSum <= s.count() - s.missing());
  }

  @Property
  void bucketCountsSumToCountAndQuantilesAreOrdered(
      @ForAll @Size(min = 1, max = 80) List<@DoubleRange(min = -50, max = 50) Double> xs) {
    FeatureStatsCollector c = FeatureStatsCollector.builder("n").boundaries(-10, 0, 10).build();
    xs.forEach(c::acceptNumber);
    NumericSummary num = c.result().numeric().orElseThrow();
    assertEquals(xs.size(), num.bucketCounts().stream().mapToLong(Long::longValue).sum());
    double prev = Double.NEGATIVE_INFINITY;
    for (Quantile q : num.quantiles()) {
      assertTrue(q.value() >= prev && q.value() >= num.min() && q.value() <= num.max());
      prev = q.value();
    }
  }

  @Property
  void collisionRateIsAProbabilityIncreasingInN(
      @ForAll @IntRange(min = 0, max = 100_000) int n, @ForAll @IntRange(min = 2) int space) {
    double r = HashCollisions.expectedRate(n, space);
    assertTrue(r >= 0 && r <= 1);
    assertTrue(HashCollisions.expectedRate(n + 1, space) >= r);
  }
}
