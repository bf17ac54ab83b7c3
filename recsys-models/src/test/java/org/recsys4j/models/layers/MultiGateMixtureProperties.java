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
import org.recsys4j.models.layers.dense.Activation;
import org.recsys4j.models.layers.multitask.MultiGateMixture;

/** MMoE against the plain loops, with one expert against a shared bottom, and its gradients. */
@PropertyDefaults(tries = 15)
class MultiGateMixtureProperties implements LayerContract, RowIndependenceContract {

  @Provide
  Arbitrary<LayerCase> cases() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 4),
            Arbitraries.integers().between(1, 4),
            Arbitraries.integers().between(1, 3),
            Arbitraries.integers().between(1, 3),
            Arbitraries.integers().between(1, 3).list().ofMinSize(1).ofMaxSize(2),
            Arbitraries.longs())
        .as(
            (b, n, tasks, experts, units, seed) ->
                new LayerCase(
                    new MultiGateMixture("mmoe", tasks, experts, units),
                    List.of(TestArrays.uniform(new SplittableRandom(seed), b * n, -2, 2)),
                    List.of(new long[] {b, n}),
                    Optional.empty(),
                    seed));
  }

  @Property
  void equalsReference(@ForAll("cases") LayerCase c) {
    MultiGateMixture m = (MultiGateMixture) c.layer();
    LayerCase.Built built = c.build();
    MultiTaskReference.randomizeParams(built, c.seed());
    int b = (int) c.shapes().get(0)[0];
    int n = (int) c.shapes().get(0)[1];
    List<double[]> want = MultiTaskReference.mmoe(built, m, c.inputs().get(0), b, n);
    for (int k = 0; k < m.numTasks(); k++) {
      TestArrays.assertClose(want.get(k), built.values(k), 1e-9, "task " + k);
    }
  }

  /** With one expert every task reads that expert: a shared-bottom model. */
  @Property
  void oneExpertIsASharedBottom(@ForAll("cases") LayerCase c) {
    MultiGateMixture m = (MultiGateMixture) c.layer();
    MultiGateMixture one = new MultiGateMixture(m.name(), m.numTasks(), 1, m.expertUnits());
    LayerCase.Built built = new LayerCase(one, c.inputs(), c.shapes(), c.mask(), c.seed()).build();
    MultiTaskReference.randomizeParams(built, c.seed());
    int b = (int) c.shapes().get(0)[0];
    int n = (int) c.shapes().get(0)[1];
    double[] bottom =
        MultiTaskReference.mlp(
            built,
            "mmoe_expert0",
            c.inputs().get(0),
            b,
            n,
            m.expertUnits(),
            Activation.RELU,
            Activation.RELU);
    for (int k = 0; k < m.numTasks(); k++) {
      TestArrays.assertClose(bottom, built.values(k), 1e-12, "task " + k);
    }
  }

  @Property(tries = 5)
  void gradients(@ForAll("cases") LayerCase c) {
    LayerCase.Built built = c.build();
    MultiTaskReference.randomizeParams(built, c.seed());
    assertNull(GradCheck.check(GradCheck.allOutputs(built), 1e-6, 1e-5, 1e-7));
  }

  @Example
  void invalidConfigIsNamed() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> MultiGateMixture.of("mmoe", 2, 0, 4));
    assertEquals("mmoe.numExperts=0 must be > 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> MultiGateMixture.of("mmoe", 2, 2, 4, 0));
    assertEquals("mmoe.expertUnits[1]=0 must be > 0", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> MultiGateMixture.of("mmoe", 2, 2, 4).outputShapes(List.of(Shape.batched(3, 2))));
    assertEquals("mmoe.input.shape=[B,3,2] must be [B,N]", e.getMessage());
  }
}
