package org.recsys4j.features.fit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.recsys4j.core.spec.*;

@PropertyDefaults(tries = 200)
class BoundaryFitterProperties {

  @Provide
  Arbitrary<List<Double>> values() {
    return Arbitraries.oneOf(
            Arbitraries.doubles().between(-1e6, 1e6),
            Arbitraries.of(0.0, 1.0, 1.0, 2.0),
            Arbitraries.of(Double.NaN, Double.NEGATIVE_INFINITY))
        .list()
        .ofMinSize(1)
        .ofMaxSize(2000);
  }

  @Property
  void boundariesAreStrictlyIncreasingWithinTheDataAndAtMostNumBucketsMinusOne(
      @ForAll("values") List<Double> values, @ForAll @IntRange(min = 2, max = 20) int buckets) {
    BoundaryFitter f = BoundaryFitter.of(buckets);
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      f.add(v);
      if (Double.isFinite(v)) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    if (f.count() == 0) {
      return;
    }
    double[] b = f.fit();
    assertTrue(b.length >= 1 && b.length <= buckets - 1, "length " + b.length);
    for (int i = 0; i < b.length; i++) {
      assertTrue(b[i] >= min && b[i] <= max, "b[" + i + "]=" + b[i]);
      assertTrue(i == 0 || b[i] > b[i - 1], "b[" + i + "]=" + b[i] + " not increasing");
    }
    NumericSpec.bucketized("x").boundaries(b).embeddingDim(1).build();
  }
}
