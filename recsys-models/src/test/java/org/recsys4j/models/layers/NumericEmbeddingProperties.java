package org.recsys4j.models.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import org.recsys4j.core.layer.Shape;
import org.recsys4j.models.layers.embedding.NumericEmbedding;

/** Numeric embedding against the plain loop, its gradients and its validation. */
@PropertyDefaults(tries = 20)
class NumericEmbeddingProperties implements LayerContract, RowIndependenceContract {

  @Provide
  Arbitrary<LayerCase> cases() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 4),
            Arbitraries.integers().between(1, 5),
            Arbitraries.integers().between(1, 4),
            Arbitraries.longs())
        .as(
            (b, n, d, seed) ->
                new LayerCase(
                    NumericEmbedding.of("num", d),
                    List.of(TestArrays.uniform(new SplittableRandom(seed), b * n, -2, 2)),
                    List.of(new long[] {b, n}),
                    Optional.empty(),
                    seed));
  }

  @Property
  void equalsReference(@ForAll("cases") LayerCase c) {
    int b = (int) c.shapes().get(0)[0];
    int n = (int) c.shapes().get(0)[1];
    int d = ((NumericEmbedding) c.layer()).embeddingDim();
    LayerCase.Built built = c.build();
    double[] want =
        NumericEmbeddingReference.embed(c.inputs().get(0), built.param("num/embedding"), b, n, d);
    TestArrays.assertClose(want, built.values(0), 1e-9, "out");
  }

  @Property(tries = 8)
  void gradients(@ForAll("cases") LayerCase c) {
    assertNull(GradCheck.check(c.build(), 1e-6, 1e-5, 1e-8));
  }

  @Example
  void invalidDimIsNamed() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> NumericEmbedding.of("num", 0));
    assertEquals("num.embeddingDim=0 must be > 0", e.getMessage());
  }

  @Example
  void wrongRankIsNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> NumericEmbedding.of("num", 4).outputShapes(List.of(Shape.batched(3, 2))));
    assertEquals("num.input.shape=[B,3,2] must be [B,N]", e.getMessage());
  }
}
