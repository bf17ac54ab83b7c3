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
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.VariableType;
import org.recsys4j.models.layers.dense.Activation;
import org.recsys4j.models.layers.interaction.CrossKind;
import org.recsys4j.models.layers.interaction.CrossNetworkV2;

/**
 * DCN-V2's cross network in its three kinds against the plain loop; zero weights give the identity
 * plus the bias term {@code x_0 ⊙ b_l}.
 */
@PropertyDefaults(tries = 15)
class CrossNetworkV2Properties implements LayerContract, RowIndependenceContract {

  @Provide
  Arbitrary<LayerCase> cases() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 3),
            Arbitraries.integers().between(1, 4),
            Arbitraries.integers().between(1, 2),
            Arbitraries.of(CrossKind.class),
            Arbitraries.integers().between(1, 3),
            Arbitraries.integers().between(1, 3),
            Arbitraries.of(Activation.TANH, Activation.LINEAR, Activation.SIGMOID),
            Arbitraries.longs())
        .as(
            (b, n, layers, kind, rank, experts, g, seed) -> {
              CrossNetworkV2 cfg =
                  switch (kind) {
                    case FULL -> CrossNetworkV2.full("dcn", layers);
                    case LOW_RANK -> CrossNetworkV2.lowRank("dcn", layers, rank);
                    case MIXTURE ->
                        CrossNetworkV2.mixture("dcn", layers, rank, experts)
                            .withLowRankActivation(g);
                  };
              return new LayerCase(
                  cfg,
                  List.of(TestArrays.uniform(new SplittableRandom(seed), b * n, -2, 2)),
                  List.of(new long[] {b, n}),
                  Optional.empty(),
                  seed);
            });
  }

  /** Random non-zero biases, so that the bias path is checked too. */
  private static LayerCase.Built withRandomBiases(LayerCase c) {
    LayerCase.Built built = c.build();
    SplittableRandom r = new SplittableRandom(c.seed() + 1);
    int n = (int) c.shapes().get(0)[1];
    for (int l = 0; l < ((CrossNetworkV2) c.layer()).numLayers(); l++) {
      built.setParam("dcn/b" + l, TestArrays.uniform(r, n, -1, 1));
    }
    return built;
  }

  @Property
  void equalsReference(@ForAll("cases") LayerCase c) {
    LayerCase.Built built = withRandomBiases(c);
    int b = (int) c.shapes().get(0)[0];
    int n = (int) c.shapes().get(0)[1];
    double[] want =
        CrossNetworkReference.crossV2(
            (CrossNetworkV2) c.layer(), c.inputs().get(0), b, n, built::param);
    TestArrays.assertClose(want, built.values(0), 1e-9, "out");
  }

  /** With every weight zero (only biases left): x_L = x_0 ⊙ (1 + Σ_l b_l). */
  @Property
  void zeroWeightsGiveIdentityPlusBias(@ForAll("cases") LayerCase c) {
    LayerCase.Built built = withRandomBiases(c);
    int b = (int) c.shapes().get(0)[0];
    int n = (int) c.shapes().get(0)[1];
    double[] biasSum = new double[n];
    for (SDVariable v : built.sd().variables()) {
      String name = v.name();
      if (v.getVariableType() != VariableType.VARIABLE || !name.startsWith("dcn/")) {
        continue;
      }
      if (name.startsWith("dcn/b")) {
        double[] bias = built.param(name);
        for (int k = 0; k < n; k++) {
          biasSum[k] += bias[k];
        }
      } else {
        built.setParam(name, new double[(int) v.getArr().length()]);
      }
    }
    double[] x = c.inputs().get(0);
    double[] want = new double[x.length];
    for (int i = 0; i < b; i++) {
      for (int k = 0; k < n; k++) {
        want[i * n + k] = x[i * n + k] * (1 + biasSum[k]);
      }
    }
    TestArrays.assertClose(want, built.values(0), 1e-12, "out");
  }

  @Property(tries = 10)
  void gradients(@ForAll("cases") LayerCase c) {
    assertNull(GradCheck.check(withRandomBiases(c), 1e-6, 1e-5, 1e-8));
  }

  /**
   * Shrunk case: a mixture at batch size 1, where the gate column taken by a strided slice got its
   * gradient in the wrong column.
   */
  @Example
  void mixtureGradientsAtBatchSizeOne() {
    for (int n : new int[] {1, 3}) {
      gradients(
          new LayerCase(
              CrossNetworkV2.mixture("dcn", 1, 1, 2),
              List.of(TestArrays.uniform(new SplittableRandom(n), n, -2, 2)),
              List.of(new long[] {1, n}),
              Optional.empty(),
              0));
    }
  }

  /** Shrunk case: low rank at [1,1], where mmul's transpose flag got a wrong gradient. */
  @Example
  void lowRankGradientsAtOneByOne() {
    gradients(
        new LayerCase(
            CrossNetworkV2.lowRank("dcn", 1, 2),
            List.of(new double[] {1.53}),
            List.of(new long[] {1, 1}),
            Optional.empty(),
            0));
  }

  @Example
  void fieldsAreValidatedPerKind() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new CrossNetworkV2("dcn", CrossKind.FULL, 2, 4, 0, Activation.LINEAR));
    assertEquals("dcn.rank=4 must be 0 when kind=FULL", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> CrossNetworkV2.lowRank("dcn", 2, 0));
    assertEquals("dcn.rank=0 must be >= 1 when kind=LOW_RANK", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> CrossNetworkV2.mixture("dcn", 2, 4, 0));
    assertEquals("dcn.numExperts=0 must be >= 1 when kind=MIXTURE", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new CrossNetworkV2("dcn", CrossKind.LOW_RANK, 2, 4, 0, Activation.TANH));
    assertEquals("dcn.lowRankActivation=TANH must be LINEAR when kind=LOW_RANK", e.getMessage());
  }
}
