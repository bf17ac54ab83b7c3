package org.recsys4j.models.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import org.recsys4j.core.layer.GraphMode;
import org.recsys4j.models.layers.TestArrays.MaskKind;
import org.recsys4j.models.layers.dense.Dropout;

/**
 * Dropout: the identity in inference; in training each value is kept and scaled by 1/keep or
 * zeroed, following the step's noise, which is reproducible and redrawn per step.
 */
@PropertyDefaults(tries = 15)
class DropoutProperties implements LayerContract, RowIndependenceContract {

  @Provide
  Arbitrary<LayerCase> cases() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 4),
            Arbitraries.integers().between(1, 5),
            Arbitraries.integers().between(0, 3),
            Arbitraries.of(0.25, 0.5, 0.9, 1.0),
            Arbitraries.of(GraphMode.class),
            Arbitraries.of(MaskKind.class),
            Arbitraries.longs())
        .as(
            (b, n, d, keep, mode, kind, seed) -> {
              SplittableRandom r = new SplittableRandom(seed);
              long[] shape = d == 0 ? new long[] {b, n} : new long[] {b, n, d};
              double[] x = TestArrays.uniform(r, b * n * Math.max(1, d), -2, 2);
              // a mask only on [B,T,D] inputs, as a sequence would carry
              Optional<double[]> m =
                  d == 0 ? Optional.empty() : Optional.ofNullable(TestArrays.mask(r, kind, b, n));
              return new LayerCase(Dropout.of("drop", keep), List.of(x), List.of(shape), m, seed)
                  .withMode(mode);
            });
  }

  @Property
  void inferenceIsTheIdentity(@ForAll("cases") LayerCase c) {
    LayerCase.Built built = c.withMode(GraphMode.INFERENCE).build();
    assertFalse(built.sd().hasVariable("drop/noise"));
    assertArrayEquals(c.inputs().get(0), built.values(0));
  }

  /** Every value is either 0 or x/keep, and equals x ⊙ ξ for the step's noise ξ. */
  @Property
  void trainingKeepsOrZeroes(@ForAll("cases") LayerCase c) {
    double keep = ((Dropout) c.layer()).keepProbability();
    LayerCase.Built built = c.withMode(GraphMode.TRAINING).build();
    double[] x = c.inputs().get(0);
    double[] y = built.values(0);
    if (keep == 1) {
      assertArrayEquals(x, y);
      return;
    }
    double[] noise = built.placeholders().get("drop/noise").dup().data().asDouble();
    TestArrays.assertClose(DropoutReference.apply(x, noise), y, 1e-12, "y");
    for (int i = 0; i < x.length; i++) {
      assertTrue(
          y[i] == 0 || Math.abs(y[i] - x[i] / keep) <= 1e-12 * (1 + Math.abs(y[i])),
          "y[" + i + "]=" + y[i] + " is neither 0 nor x/keep=" + x[i] / keep);
    }
  }

  @Property(tries = 8)
  void gradients(@ForAll("cases") LayerCase c) {
    assertNull(GradCheck.check(c.build(), 1e-6, 1e-5, 1e-8));
  }

  /** One (seed, step) gives one noise; another step another; the kept share is near keep. */
  @Example
  void noiseIsReproducibleAndRedrawnPerStep() {
    Dropout drop = Dropout.of("drop", 0.7);
    int b = 50;
    int n = 200;
    LayerCase c =
        new LayerCase(
            drop, List.of(new double[b * n]), List.of(new long[] {b, n}), Optional.empty(), 42);
    LayerCase.Built built = c.build();
    double[] s0 = drop.sampleNoise(built.sd(), b, 42, 0).data().asDouble();
    double[] s0again = drop.sampleNoise(built.sd(), b, 42, 0).data().asDouble();
    double[] s1 = drop.sampleNoise(built.sd(), b, 42, 1).data().asDouble();
    double[] otherSeed = drop.sampleNoise(built.sd(), b, 43, 0).data().asDouble();
    assertArrayEquals(s0, s0again);
    assertFalse(java.util.Arrays.equals(s0, s1));
    assertFalse(java.util.Arrays.equals(s0, otherSeed));
    long kept = java.util.Arrays.stream(s0).filter(v -> v != 0).count();
    double share = kept / (double) s0.length;
    // 10,000 Bernoulli(0.7) draws: standard deviation 0.0046; allow 5 of them
    assertEquals(0.7, share, 5 * Math.sqrt(0.7 * 0.3 / s0.length));
    for (double v : s0) {
      assertTrue(v == 0 || v == 1 / 0.7, "noise value " + v);
    }
  }

  @Example
  void invalidKeepIsNamed() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Dropout.of("drop", 0));
    assertEquals("drop.keepProbability=0.0 must be in (0, 1]", e.getMessage());
  }
}
