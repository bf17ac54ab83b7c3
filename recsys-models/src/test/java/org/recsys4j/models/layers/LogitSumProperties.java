package org.recsys4j.models.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
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
import org.recsys4j.models.layers.combine.LogitSum;

/** The logit sum against the plain loop, with a non-zero bias written into the graph. */
@PropertyDefaults(tries = 20)
class LogitSumProperties implements LayerContract, RowIndependenceContract {

  @Provide
  Arbitrary<LayerCase> cases() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 4),
            Arbitraries.integers().between(1, 4),
            Arbitraries.of(true, false),
            Arbitraries.longs())
        .as(
            (b, k, bias, seed) -> {
              SplittableRandom r = new SplittableRandom(seed);
              List<double[]> in = new ArrayList<>();
              List<long[]> shapes = new ArrayList<>();
              for (int i = 0; i < k; i++) {
                in.add(TestArrays.uniform(r, b, -3, 3));
                shapes.add(new long[] {b, 1});
              }
              return new LayerCase(
                  LogitSum.of("logit", k).withBias(bias), in, shapes, Optional.empty(), seed);
            });
  }

  @Property
  void equalsReference(@ForAll("cases") LayerCase c) {
    LayerCase.Built built = c.build();
    double bias = 0;
    if (((LogitSum) c.layer()).useBias()) {
      bias = 0.375; // any non-zero value: the initial zero would hide a missing bias
      built.setParam("logit/bias", new double[] {bias});
    }
    TestArrays.assertClose(LogitSumReference.sum(c.inputs(), bias), built.values(0), 1e-12, "y");
  }

  @Property(tries = 6)
  void gradients(@ForAll("cases") LayerCase c) {
    assertNull(GradCheck.check(c.build(), 1e-6, 1e-5, 1e-8));
  }

  @Example
  void wrongInputShapeIsNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                LogitSum.of("logit", 2).outputShapes(List.of(Shape.batched(1), Shape.batched(2))));
    assertEquals("logit.input[1].shape=[B,2] must be [B,1]", e.getMessage());
  }

  @Example
  void wrongCountIsNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> LogitSum.of("logit", 3).outputShapes(List.of(Shape.batched(1))));
    assertEquals("logit.inputs=1 must be 3", e.getMessage());
  }
}
