package org.recsys4j.models.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.recsys4j.models.layers.interaction.LinearTerm;

/** The linear term against a plain loop: y = w0 + Σ_f m_f·w_f, with w0 read from the graph. */
@PropertyDefaults(tries = 25)
class LinearTermProperties implements LayerContract {

  @Provide
  Arbitrary<LayerCase> cases() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 4),
            Arbitraries.integers().between(1, 6),
            Arbitraries.of(true, false),
            Arbitraries.integers().between(0, 2),
            Arbitraries.longs())
        .as(
            (b, f, useBias, maskKind, seed) -> {
              SplittableRandom r = new SplittableRandom(seed);
              double[] w = new double[b * f];
              for (int i = 0; i < w.length; i++) {
                w[i] = r.nextDouble() * 2 - 1;
              }
              Optional<double[]> mask = Optional.empty();
              if (maskKind > 0) {
                double[] m = new double[b * f];
                for (int i = 0; i < m.length; i++) {
                  m[i] = maskKind == 1 ? (r.nextBoolean() ? 1 : 0) : 0; // random, or fully masked
                }
                mask = Optional.of(m);
              }
              return new LayerCase(
                  LinearTerm.of("lin").withBias(useBias),
                  List.of(w),
                  List.of(new long[] {b, f, 1}),
                  mask,
                  seed);
            });
  }

  @Property
  void equalsMaskedSumPlusBias(@ForAll("cases") LayerCase c) {
    int b = (int) c.shapes().get(0)[0];
    int f = (int) c.shapes().get(0)[1];
    LayerCase.Built built = c.build();
    double[] got = built.eval(0).dup().data().asDouble();
    double bias =
        ((LinearTerm) c.layer()).useBias()
            ? built.sd().getVariable("lin/bias").getArr().getDouble(0)
            : 0;
    double[] w = c.inputs().get(0);
    for (int n = 0; n < b; n++) {
      double want = bias;
      for (int i = 0; i < f; i++) {
        want += c.mask().isPresent() ? c.mask().get()[n * f + i] * w[n * f + i] : w[n * f + i];
      }
      assertEquals(want, got[n], 1e-12, "row " + n);
    }
  }
}
