package org.recsys4j.models.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import org.recsys4j.models.layers.dense.DensePassThrough;

/** The pass-through is the identity (flattening rank 3), with identity gradients. */
@PropertyDefaults(tries = 15)
class DensePassThroughProperties implements LayerContract, RowIndependenceContract {

  @Provide
  Arbitrary<LayerCase> cases() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 4),
            Arbitraries.integers().between(1, 5),
            Arbitraries.integers().between(0, 3),
            Arbitraries.longs())
        .as(
            (b, n, extra, seed) -> {
              long[] shape = extra == 0 ? new long[] {b, n} : new long[] {b, n, extra};
              int size = b * n * Math.max(1, extra);
              return new LayerCase(
                  DensePassThrough.of("numeric"),
                  List.of(TestArrays.uniform(new SplittableRandom(seed), size, -5, 5)),
                  List.of(shape),
                  Optional.empty(),
                  seed);
            });
  }

  @Property
  void isTheIdentity(@ForAll("cases") LayerCase c) {
    assertArrayEquals(c.inputs().get(0), c.build().values(0));
  }

  @Property(tries = 5)
  void gradients(@ForAll("cases") LayerCase c) {
    assertNull(GradCheck.check(c.build(), 1e-6, 1e-5, 1e-8));
  }
}
