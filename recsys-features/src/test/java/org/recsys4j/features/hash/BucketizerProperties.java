package org.recsys4j.features.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

@PropertyDefaults(tries = 300)
class BucketizerProperties {

  /** Strictly increasing finite boundaries: a set of 1..8 distinct doubles, sorted. */
  @Provide
  Arbitrary<double[]> boundaries() {
    return Arbitraries.doubles()
        .between(-1e6, 1e6)
        .set()
        .ofMinSize(1)
        .ofMaxSize(8)
        .map(s -> new TreeSet<>(s).stream().mapToDouble(Double::doubleValue).toArray());
  }

  @Property
  void monotoneInX(
      @ForAll("boundaries") double[] bounds,
      @ForAll @DoubleRange(min = -2e6, max = 2e6) double x,
      @ForAll @DoubleRange(min = -2e6, max = 2e6) double y) {
    Bucketizer b = Bucketizer.builder().boundaries(bounds).build();
    double lo = Math.min(x, y);
    double hi = Math.max(x, y);
    assertTrue(
        b.bucket(lo) <= b.bucket(hi),
        lo + " -> " + b.bucket(lo) + ", " + hi + " -> " + b.bucket(hi));
  }

  /** Reference: the number of boundaries <= x, by a plain loop; always in 0..n. */
  @Property
  void bucketCountsBoundariesAtOrBelowX(
      @ForAll("boundaries") double[] bounds, @ForAll @DoubleRange(min = -2e6, max = 2e6) double x) {
    Bucketizer b = Bucketizer.builder().boundaries(bounds).build();
    int count = 0;
    for (double bound : bounds) {
      count += bound <= x ? 1 : 0;
    }
    assertEquals(count, b.bucket(x));
    for (int i = 0; i < bounds.length; i++) {
      assertEquals(i + 1, b.bucket(bounds[i]), "a boundary starts its bucket");
    }
    assertEquals(bounds.length + 1, b.bucket(Double.NaN));
  }

  @Property(tries = 50)
  void jsonRoundTrips(@ForAll("boundaries") double[] bounds) {
    Bucketizer b = Bucketizer.builder().boundaries(bounds).build();
    assertEquals(b, Bucketizer.fromJson(b.toJson()));
  }
}
