package org.recsys4j.models.layers;

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
import org.recsys4j.models.layers.TestArrays.MaskKind;
import org.recsys4j.models.layers.dense.LayerNorm;

/** Layer norm against the plain loop, per position, with random γ and β. */
@PropertyDefaults(tries = 15)
class LayerNormProperties implements LayerContract, RowIndependenceContract {

  @Provide
  Arbitrary<LayerCase> cases() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 3),
            Arbitraries.integers().between(1, 4),
            Arbitraries.integers().between(0, 4),
            Arbitraries.of(MaskKind.class),
            Arbitraries.of(1e-5, 1e-3),
            Arbitraries.longs())
        .as(
            (b, n, d, kind, eps, seed) -> {
              SplittableRandom r = new SplittableRandom(seed);
              long[] shape = d == 0 ? new long[] {b, n} : new long[] {b, n, d};
              double[] x = TestArrays.uniform(r, b * n * Math.max(1, d), -3, 3);
              Optional<double[]> m =
                  d == 0 ? Optional.empty() : Optional.ofNullable(TestArrays.mask(r, kind, b, n));
              return new LayerCase(
                  LayerNorm.of("ln").withEpsilon(eps), List.of(x), List.of(shape), m, seed);
            });
  }

  private static LayerCase.Built withRandomAffine(LayerCase c) {
    LayerCase.Built built = c.build();
    SplittableRandom r = new SplittableRandom(c.seed() + 1);
    long[] s = c.shapes().get(0);
    int d = (int) s[s.length - 1];
    built.setParam("ln/gamma", TestArrays.uniform(r, d, 0.5, 1.5));
    built.setParam("ln/beta", TestArrays.uniform(r, d, -1, 1));
    return built;
  }

  @Property
  void equalsReference(@ForAll("cases") LayerCase c) {
    LayerCase.Built built = withRandomAffine(c);
    long[] s = c.shapes().get(0);
    int d = (int) s[s.length - 1];
    int p = c.inputs().get(0).length / d;
    double[] want =
        NormReference.layerNorm(
            c.inputs().get(0),
            p,
            d,
            built.param("ln/gamma"),
            built.param("ln/beta"),
            ((LayerNorm) c.layer()).epsilon());
    TestArrays.assertClose(want, built.values(0), 1e-9, "out");
  }

  /** Garbage in masked positions leaves the valid positions' outputs unchanged. */
  @Property
  void maskedGarbageChangesNothingElsewhere(@ForAll("cases") LayerCase c, @ForAll long gSeed) {
    if (c.mask().isEmpty()) {
      return;
    }
    int d = (int) c.shapes().get(0)[2];
    double[] m = c.mask().get();
    double[] x = TestArrays.garbageWhereMasked(c.inputs().get(0), m, d, gSeed);
    double[] a = withRandomAffine(c).values(0);
    double[] g = withRandomAffine(c.with(List.of(x), c.shapes(), c.mask(), c.maskDims())).values(0);
    for (int i = 0; i < m.length; i++) {
      if (m[i] == 1) {
        TestArrays.assertClose(
            java.util.Arrays.copyOfRange(a, i * d, (i + 1) * d),
            java.util.Arrays.copyOfRange(g, i * d, (i + 1) * d),
            1e-12,
            "position " + i);
      }
    }
  }

  @Property(tries = 4)
  void gradients(@ForAll("cases") LayerCase c) {
    assertNull(GradCheck.check(withRandomAffine(c), 1e-6, 1e-5, 1e-8));
  }

  /** Shrunk case: D = 1, where x − μ written as x.sub(x) got a wrong gradient from SameDiff. */
  @net.jqwik.api.Example
  void gradientsWithWidthOne() {
    gradients(
        new LayerCase(
            LayerNorm.of("ln"),
            List.of(new double[] {0.4, -1.3}),
            List.of(new long[] {2, 1}),
            Optional.empty(),
            0));
  }
}
