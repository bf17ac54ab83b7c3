package org.recsys4j.models.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.recsys4j.models.layers.dense.Activation;
import org.recsys4j.models.layers.dense.Mlp;

/** MLP against plain loops over its own parameters, plus builder validation. */
@PropertyDefaults(tries = 25)
class MlpProperties implements LayerContract {

  @Provide
  Arbitrary<LayerCase> cases() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 4),
            Arbitraries.integers().between(1, 5),
            Arbitraries.integers().between(1, 4).list().ofMinSize(1).ofMaxSize(3),
            Arbitraries.of(Activation.class).filter(a -> !a.isParametric()),
            Arbitraries.of(Activation.class).filter(a -> !a.isParametric()),
            Arbitraries.longs())
        .as(
            (b, n, units, act, outAct, seed) -> {
              SplittableRandom r = new SplittableRandom(seed);
              double[] x = new double[b * n];
              for (int i = 0; i < x.length; i++) {
                x[i] = r.nextDouble() * 4 - 2;
              }
              Mlp mlp = new Mlp("tower", units, act, outAct);
              return new LayerCase(
                  mlp, List.of(x), List.of(new long[] {b, n}), Optional.empty(), seed);
            });
  }

  @Property
  void equalsReferenceLoops(@ForAll("cases") LayerCase c) {
    Mlp mlp = (Mlp) c.layer();
    LayerCase.Built built = c.build();
    double[] got = built.eval(0).dup().data().asDouble();
    int b = (int) c.shapes().get(0)[0];
    int n = (int) c.shapes().get(0)[1];
    double[] h = c.inputs().get(0);
    for (int k = 0; k < mlp.units().size(); k++) {
      int units = mlp.units().get(k);
      double[] w = built.sd().getVariable("tower/W" + k).getArr().dup().data().asDouble();
      double[] bias = built.sd().getVariable("tower/b" + k).getArr().dup().data().asDouble();
      Activation act = k == mlp.units().size() - 1 ? mlp.outputActivation() : mlp.activation();
      h = MlpReference.dense(h, w, bias, b, n, units, act);
      n = units;
    }
    for (int i = 0; i < h.length; i++) {
      assertEquals(h[i], got[i], 1e-9 * (1 + Math.abs(h[i])), "element " + i);
    }
  }

  @Example
  void invalidUnitsAreNamed() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Mlp.of("tower", 64, 0));
    assertEquals("tower.units[1]=0 must be > 0", e.getMessage());
  }

  @Example
  void wrongInputRankIsNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Mlp.of("mlp", 4)
                    .outputShapes(List.of(org.recsys4j.core.layer.Shape.batched(3, 2))));
    assertTrue(e.getMessage().contains("mlp.input.shape=[B,3,2] must be [B,N]"), e.getMessage());
  }
}
