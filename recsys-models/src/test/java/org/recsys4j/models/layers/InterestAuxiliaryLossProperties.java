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
import org.recsys4j.core.layer.GraphMode;
import org.recsys4j.core.layer.Shape;
import org.recsys4j.models.layers.TestArrays.MaskKind;
import org.recsys4j.models.layers.sequence.InterestAuxiliaryLoss;

/** DIEN's auxiliary loss against the loop, blind to masked garbage, and its gradients. */
@PropertyDefaults(tries = 25)
class InterestAuxiliaryLossProperties implements LayerContract, RowIndependenceContract {
  private static final double TOL = 1e-9;

  /** States, clicked and negatives, all [B,T,D], T >= 2. */
  @Provide
  Arbitrary<LayerCase> cases() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 3),
            Arbitraries.integers().between(2, 5),
            Arbitraries.integers().between(1, 3),
            Arbitraries.of(MaskKind.class),
            Arbitraries.longs())
        .as(
            (b, t, d, mk, seed) -> {
              SplittableRandom r = new SplittableRandom(seed);
              int n = b * t * d;
              long[] s = {b, t, d};
              return new LayerCase(
                  InterestAuxiliaryLoss.of("aux"),
                  List.of(
                      TestArrays.uniform(r, n, -2, 2),
                      TestArrays.uniform(r, n, -2, 2),
                      TestArrays.uniform(r, n, -2, 2)),
                  List.of(s, s, s),
                  Optional.ofNullable(TestArrays.mask(r, mk, b, t)),
                  new long[] {b, t},
                  seed,
                  GraphMode.TRAINING);
            });
  }

  @Property
  void equalsReference(@ForAll("cases") LayerCase c) {
    long[] s = c.shapes().get(0);
    double[] want =
        SequenceReference.auxLoss(
            c.inputs().get(0),
            c.inputs().get(1),
            c.inputs().get(2),
            c.mask().orElse(null),
            (int) s[0],
            (int) s[1],
            (int) s[2]);
    TestArrays.assertClose(want, c.build().values(0), TOL, "aux loss");
  }

  @Property
  void maskedGarbageChangesNothing(@ForAll("cases") LayerCase c, @ForAll long g) {
    if (c.mask().isEmpty()) {
      return;
    }
    int d = (int) c.shapes().get(0)[2];
    double[] m = c.mask().get();
    List<double[]> in =
        List.of(
            TestArrays.garbageWhereMasked(c.inputs().get(0), m, d, g),
            TestArrays.garbageWhereMasked(c.inputs().get(1), m, d, g + 1),
            TestArrays.garbageWhereMasked(c.inputs().get(2), m, d, g + 2));
    TestArrays.assertClose(
        c.build().values(0),
        c.with(in, c.shapes(), c.mask(), c.maskDims()).build().values(0),
        TOL,
        "garbage");
  }

  @Property(tries = 10)
  void gradients(@ForAll("cases") LayerCase c) {
    if (c.shapes().get(0)[1] < 3) {
      return;
    }
    assertNull(GradCheck.check(c.build(), 1e-6, 1e-5, 1e-8));
  }

  @Example
  void oneStepIsNamed() {
    Shape s = Shape.batched(1, 4);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> InterestAuxiliaryLoss.of("aux").outputShapes(List.of(s, s, s)));
    assertEquals(
        "aux.states.shape=[B,1,4] must have T >= 2 steps (the loss pairs step t with t+1)",
        e.getMessage());
  }
}
