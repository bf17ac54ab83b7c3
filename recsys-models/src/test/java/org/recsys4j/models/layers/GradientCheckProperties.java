package org.recsys4j.models.layers;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.constraints.IntRange;
import org.recsys4j.models.layers.dense.Activation;
import org.recsys4j.models.layers.dense.Mlp;
import org.recsys4j.models.layers.interaction.FmCross;
import org.recsys4j.models.layers.interaction.LinearTerm;

/** Gradients of FM, the linear term and the MLP against central differences in double. */
@PropertyDefaults(tries = 8)
class GradientCheckProperties {
  private static final double EPS = 1e-6;
  private static final double MAX_REL = 1e-5;
  private static final double ABS_FLOOR = 1e-8;

  @Property
  void fmCrossGradients(
      @ForAll @IntRange(min = 1, max = 3) int b,
      @ForAll @IntRange(min = 1, max = 4) int f,
      @ForAll @IntRange(min = 1, max = 3) int d,
      @ForAll boolean masked,
      @ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Optional<double[]> mask = masked ? Optional.of(randomMask(r, b * f)) : Optional.empty();
    LayerCase c =
        new LayerCase(
            FmCross.of("fm_cross"),
            List.of(values(r, b * f * d)),
            List.of(new long[] {b, f, d}),
            mask,
            seed);
    assertNull(GradCheck.check(c.build(), EPS, MAX_REL, ABS_FLOOR));
  }

  @Property
  void linearTermGradients(
      @ForAll @IntRange(min = 1, max = 3) int b,
      @ForAll @IntRange(min = 1, max = 4) int f,
      @ForAll boolean masked,
      @ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Optional<double[]> mask = masked ? Optional.of(randomMask(r, b * f)) : Optional.empty();
    LayerCase c =
        new LayerCase(
            LinearTerm.of("linear"),
            List.of(values(r, b * f)),
            List.of(new long[] {b, f, 1}),
            mask,
            seed);
    assertNull(GradCheck.check(c.build(), EPS, MAX_REL, ABS_FLOOR));
  }

  /** Tanh and sigmoid are smooth; ReLU is checked away from its kink by the random inputs. */
  @Property
  void mlpGradients(
      @ForAll @IntRange(min = 1, max = 3) int b,
      @ForAll @IntRange(min = 1, max = 4) int n,
      @ForAll @IntRange(min = 1, max = 3) int h,
      @ForAll Activation act,
      @ForAll long seed) {
    if (act.isParametric()) {
      return; // Mlp rejects PRELU and DICE (MlpProperties checks the message)
    }
    SplittableRandom r = new SplittableRandom(seed);
    Mlp mlp = Mlp.of("mlp", h, 2).withActivation(act).withOutputActivation(Activation.SIGMOID);
    LayerCase c =
        new LayerCase(
            mlp, List.of(values(r, b * n)), List.of(new long[] {b, n}), Optional.empty(), seed);
    assertNull(GradCheck.check(c.build(), EPS, MAX_REL, 1e-7));
  }

  static double[] values(SplittableRandom r, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextDouble() * 2 - 1;
    }
    return v;
  }

  static double[] randomMask(SplittableRandom r, int n) {
    double[] m = new double[n];
    for (int i = 0; i < n; i++) {
      m[i] = r.nextBoolean() ? 1 : 0;
    }
    return m;
  }
}
