package org.recsys4j.models.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.recsys4j.core.layer.GraphMode;
import org.recsys4j.core.layer.Shape;
import org.recsys4j.models.layers.debias.PositionBiasTower;
import org.recsys4j.models.layers.debias.PositionInference;
import org.recsys4j.models.layers.dense.Activation;

/**
 * The position tower: main logit plus the tower in training; the main logit alone (DROP) or plus
 * the tower at the reference features (REFERENCE) at inference; gradients in training.
 */
@PropertyDefaults(tries = 15)
class PositionBiasTowerProperties implements LayerContract, RowIndependenceContract {

  @Provide
  Arbitrary<LayerCase> cases() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 4),
            Arbitraries.integers().between(1, 4),
            Arbitraries.integers().between(1, 3).list().ofMaxSize(2),
            Arbitraries.of(PositionInference.class),
            Arbitraries.longs())
        .as(
            (b, p, hidden, mode, seed) -> {
              SplittableRandom r = new SplittableRandom(seed);
              List<Double> ref = new ArrayList<>();
              if (mode == PositionInference.REFERENCE) {
                for (double v : TestArrays.uniform(r, p, -1, 1)) {
                  ref.add(v);
                }
              }
              return new LayerCase(
                  new PositionBiasTower("pos", hidden, mode, ref),
                  List.of(TestArrays.uniform(r, b, -3, 3), TestArrays.uniform(r, b * p, -1, 1)),
                  List.of(new long[] {b, 1}, new long[] {b, p}),
                  Optional.empty(),
                  seed);
            });
  }

  private static double[] tower(
      LayerCase.Built built, PositionBiasTower t, double[] x, int b, int p) {
    List<Integer> units = new ArrayList<>(t.hidden());
    units.add(1);
    return MultiTaskReference.mlp(
        built, "pos_tower", x, b, p, units, Activation.RELU, Activation.LINEAR);
  }

  @Property
  void trainingAddsTheTower(@ForAll("cases") LayerCase c) {
    PositionBiasTower t = (PositionBiasTower) c.layer();
    LayerCase.Built built = c.build();
    MultiTaskReference.randomizeParams(built, c.seed());
    int b = (int) c.shapes().get(0)[0];
    int p = (int) c.shapes().get(1)[1];
    double[] bias = tower(built, t, c.inputs().get(1), b, p);
    double[] want = c.inputs().get(0).clone();
    for (int i = 0; i < b; i++) {
      want[i] += bias[i];
    }
    TestArrays.assertClose(want, built.values(0), 1e-9, "y");
  }

  @Property
  void inferenceDropsTheTowerOrFixesItsPosition(@ForAll("cases") LayerCase c) {
    PositionBiasTower t = (PositionBiasTower) c.layer();
    LayerCase.Built built = c.withMode(GraphMode.INFERENCE).build();
    MultiTaskReference.randomizeParams(built, c.seed());
    int b = (int) c.shapes().get(0)[0];
    int p = (int) c.shapes().get(1)[1];
    double[] want = c.inputs().get(0).clone();
    if (t.inference() == PositionInference.DROP) {
      assertFalse(built.sd().hasVariable("pos_tower/W0"), "a dropped tower has no parameters");
    } else {
      double[] r = t.reference().stream().mapToDouble(Double::doubleValue).toArray();
      double offset = tower(built, t, r, 1, p)[0];
      for (int i = 0; i < b; i++) {
        want[i] += offset;
      }
    }
    TestArrays.assertClose(want, built.values(0), 1e-9, "y");
  }

  @Property(tries = 5)
  void gradients(@ForAll("cases") LayerCase c) {
    LayerCase.Built built = c.build();
    MultiTaskReference.randomizeParams(built, c.seed());
    assertNull(GradCheck.check(built, 1e-6, 1e-5, 1e-7));
  }

  @Example
  void invalidConfigIsNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new PositionBiasTower("pos", List.of(), PositionInference.REFERENCE, List.of()));
    assertEquals(
        "pos.reference.size=0 must be > 0 when inference=REFERENCE (the features of the reference"
            + " position)",
        e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                PositionBiasTower.atReference("pos", 1, 0)
                    .outputShapes(List.of(Shape.batched(1), Shape.batched(3))));
    assertEquals(
        "pos.reference.size=2 must equal the position features' width P=3", e.getMessage());
  }
}
