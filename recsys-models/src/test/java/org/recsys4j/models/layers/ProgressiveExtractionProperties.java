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
import org.recsys4j.models.layers.multitask.ProgressiveExtraction;

/** PLE against the plain loops over its levels, experts and gates, and its gradients. */
@PropertyDefaults(tries = 12)
class ProgressiveExtractionProperties implements LayerContract, RowIndependenceContract {

  @Provide
  Arbitrary<LayerCase> cases() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 3),
            Arbitraries.integers().between(1, 3),
            Arbitraries.integers().between(1, 3),
            Arbitraries.integers().between(1, 2),
            Arbitraries.integers().between(1, 2),
            Arbitraries.integers().between(1, 2),
            Arbitraries.integers().between(1, 3),
            Arbitraries.longs())
        .as(
            (b, n, tasks, levels, perTask, shared, h, seed) ->
                new LayerCase(
                    new ProgressiveExtraction("ple", tasks, levels, perTask, shared, List.of(h)),
                    List.of(TestArrays.uniform(new SplittableRandom(seed), b * n, -2, 2)),
                    List.of(new long[] {b, n}),
                    Optional.empty(),
                    seed));
  }

  @Property
  void equalsReference(@ForAll("cases") LayerCase c) {
    ProgressiveExtraction p = (ProgressiveExtraction) c.layer();
    LayerCase.Built built = c.build();
    MultiTaskReference.randomizeParams(built, c.seed());
    int b = (int) c.shapes().get(0)[0];
    int n = (int) c.shapes().get(0)[1];
    List<double[]> want = MultiTaskReference.ple(built, p, c.inputs().get(0), b, n);
    for (int k = 0; k < p.numTasks(); k++) {
      TestArrays.assertClose(want.get(k), built.values(k), 1e-9, "task " + k);
    }
  }

  @Property(tries = 4)
  void gradients(@ForAll("cases") LayerCase c) {
    LayerCase.Built built = c.build();
    MultiTaskReference.randomizeParams(built, c.seed());
    assertNull(GradCheck.check(GradCheck.allOutputs(built), 1e-6, 1e-5, 1e-7));
  }

  @Example
  void invalidConfigIsNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ProgressiveExtraction.of("ple", 2, 0, 4));
    assertEquals("ple.numLevels=0 must be > 0", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ProgressiveExtraction.of("ple", 2, 1, 4).withExperts(1, 0));
    assertEquals("ple.sharedExperts=0 must be > 0", e.getMessage());
  }
}
