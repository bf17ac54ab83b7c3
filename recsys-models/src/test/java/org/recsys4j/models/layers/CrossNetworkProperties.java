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
import org.recsys4j.models.layers.interaction.CrossNetwork;

/** DCN's cross network against the plain loop; zero weights give the identity plus bias. */
@PropertyDefaults(tries = 15)
class CrossNetworkProperties implements LayerContract, RowIndependenceContract {

  @Provide
  Arbitrary<LayerCase> cases() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 3),
            Arbitraries.integers().between(1, 5),
            Arbitraries.integers().between(1, 3),
            Arbitraries.longs())
        .as(
            (b, n, layers, seed) ->
                new LayerCase(
                    CrossNetwork.of("cross", layers),
                    List.of(TestArrays.uniform(new SplittableRandom(seed), b * n, -2, 2)),
                    List.of(new long[] {b, n}),
                    Optional.empty(),
                    seed));
  }

  /** Random non-zero biases, so that the bias path is checked too. */
  private static LayerCase.Built withRandomBiases(LayerCase c) {
    LayerCase.Built built = c.build();
    SplittableRandom r = new SplittableRandom(c.seed() + 1);
    int n = (int) c.shapes().get(0)[1];
    for (int l = 0; l < ((CrossNetwork) c.layer()).numLayers(); l++) {
      built.setParam("cross/b" + l, TestArrays.uniform(r, n, -1, 1));
    }
    return built;
  }

  @Property
  void equalsReference(@ForAll("cases") LayerCase c) {
    CrossNetwork cn = (CrossNetwork) c.layer();
    LayerCase.Built built = withRandomBiases(c);
    int b = (int) c.shapes().get(0)[0];
    int n = (int) c.shapes().get(0)[1];
    double[] want =
        CrossNetworkReference.crossV1(
            "cross", cn.numLayers(), c.inputs().get(0), b, n, built::param);
    TestArrays.assertClose(want, built.values(0), 1e-9, "out");
  }

  /** With every w_l = 0: x_L = x_0 + Σ_l b_l. */
  @Property
  void zeroWeightsGiveIdentityPlusBias(@ForAll("cases") LayerCase c) {
    CrossNetwork cn = (CrossNetwork) c.layer();
    LayerCase.Built built = withRandomBiases(c);
    int b = (int) c.shapes().get(0)[0];
    int n = (int) c.shapes().get(0)[1];
    double[] want = c.inputs().get(0).clone();
    for (int l = 0; l < cn.numLayers(); l++) {
      built.setParam("cross/w" + l, new double[n]);
      double[] bias = built.param("cross/b" + l);
      for (int i = 0; i < b; i++) {
        for (int k = 0; k < n; k++) {
          want[i * n + k] += bias[k];
        }
      }
    }
    TestArrays.assertClose(want, built.values(0), 1e-12, "out");
  }

  @Property(tries = 8)
  void gradients(@ForAll("cases") LayerCase c) {
    assertNull(GradCheck.check(withRandomBiases(c), 1e-6, 1e-5, 1e-8));
  }

  @Example
  void zeroLayersIsNamed() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CrossNetwork.of("cross", 0));
    assertEquals("cross.numLayers=0 must be > 0", e.getMessage());
  }
}
