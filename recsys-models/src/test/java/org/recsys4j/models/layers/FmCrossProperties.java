package org.recsys4j.models.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import org.recsys4j.models.layers.interaction.FmCross;

/** FM cross against the pairwise loop, and its invariances. */
@PropertyDefaults(tries = 30)
class FmCrossProperties implements LayerContract {
  private static final double TOL = 1e-9;

  /** Shapes first (small, length 1 included), then values; masks include all-but-one and none. */
  @Provide
  Arbitrary<LayerCase> cases() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 4),
            Arbitraries.integers().between(1, 6),
            Arbitraries.integers().between(1, 5),
            Arbitraries.longs(),
            Arbitraries.integers().between(0, 3))
        .as(
            (b, f, d, seed, maskKind) -> {
              java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
              double[] x = new double[b * f * d];
              for (int i = 0; i < x.length; i++) {
                x[i] = r.nextDouble() * 4 - 2;
              }
              Optional<double[]> mask = Optional.empty();
              if (maskKind > 0) {
                double[] m = new double[b * f];
                for (int n = 0; n < b; n++) {
                  for (int i = 0; i < f; i++) {
                    m[n * f + i] =
                        switch (maskKind) {
                          case 1 -> r.nextBoolean() ? 1 : 0; // random
                          case 2 -> i == 0 ? 1 : 0; // all but one masked
                          default -> 0; // fully masked
                        };
                  }
                }
                mask = Optional.of(m);
              }
              return new LayerCase(
                  FmCross.of("fm"), List.of(x), List.of(new long[] {b, f, d}), mask, seed);
            });
  }

  @Property
  void equalsPairwiseLoop(@ForAll("cases") LayerCase c) {
    long[] s = c.shapes().get(0);
    double[] got = c.build().eval(0).dup().data().asDouble();
    double[] want =
        FmCrossReference.pairwise(
            c.inputs().get(0), c.mask().orElse(null), (int) s[0], (int) s[1], (int) s[2]);
    for (int n = 0; n < want.length; n++) {
      assertEquals(want[n], got[n], TOL * (1 + Math.abs(want[n])), "row " + n);
    }
  }

  @Property
  void invariantToPermutingFields(@ForAll("cases") LayerCase c, @ForAll long permSeed) {
    long[] s = c.shapes().get(0);
    int b = (int) s[0];
    int f = (int) s[1];
    int d = (int) s[2];
    int[] perm = permutation(f, permSeed);
    double[] x = c.inputs().get(0);
    double[] px = new double[x.length];
    for (int n = 0; n < b; n++) {
      for (int i = 0; i < f; i++) {
        System.arraycopy(x, (n * f + perm[i]) * d, px, (n * f + i) * d, d);
      }
    }
    Optional<double[]> pm =
        c.mask()
            .map(
                m -> {
                  double[] out = new double[m.length];
                  for (int n = 0; n < b; n++) {
                    for (int i = 0; i < f; i++) {
                      out[n * f + i] = m[n * f + perm[i]];
                    }
                  }
                  return out;
                });
    double[] a = c.build().eval(0).dup().data().asDouble();
    double[] p =
        new LayerCase(c.layer(), List.of(px), c.shapes(), pm, c.seed())
            .build()
            .eval(0)
            .dup()
            .data()
            .asDouble();
    for (int n = 0; n < b; n++) {
      assertEquals(a[n], p[n], TOL * (1 + Math.abs(a[n])));
    }
  }

  /** Appending masked fields filled with garbage changes nothing. */
  @Property
  void maskedGarbageChangesNothing(@ForAll("cases") LayerCase c, @ForAll long garbageSeed) {
    long[] s = c.shapes().get(0);
    int b = (int) s[0];
    int f = (int) s[1];
    int d = (int) s[2];
    int extra = 2;
    int f2 = f + extra;
    java.util.SplittableRandom r = new java.util.SplittableRandom(garbageSeed);
    double[] x = c.inputs().get(0);
    double[] m =
        c.mask()
            .orElseGet(
                () -> {
                  double[] ones = new double[b * f];
                  java.util.Arrays.fill(ones, 1);
                  return ones;
                });
    double[] x2 = new double[b * f2 * d];
    double[] m2 = new double[b * f2];
    for (int n = 0; n < b; n++) {
      System.arraycopy(x, n * f * d, x2, n * f2 * d, f * d);
      System.arraycopy(m, n * f, m2, n * f2, f);
      for (int k = f * d; k < f2 * d; k++) {
        x2[n * f2 * d + k] = r.nextDouble() * 100 - 50;
      }
    }
    double[] a = c.build().eval(0).dup().data().asDouble();
    double[] g =
        new LayerCase(
                c.layer(), List.of(x2), List.of(new long[] {b, f2, d}), Optional.of(m2), c.seed())
            .build()
            .eval(0)
            .dup()
            .data()
            .asDouble();
    for (int n = 0; n < b; n++) {
      assertEquals(a[n], g[n], TOL * (1 + Math.abs(a[n])));
    }
  }

  /** Rows computed alone equal the same rows computed in a batch. */
  @Property
  void rowAloneEqualsRowInBatch(@ForAll("cases") LayerCase c) {
    long[] s = c.shapes().get(0);
    int f = (int) s[1];
    int d = (int) s[2];
    double[] all = c.build().eval(0).dup().data().asDouble();
    double[] x0 = java.util.Arrays.copyOfRange(c.inputs().get(0), 0, f * d);
    Optional<double[]> m0 = c.mask().map(m -> java.util.Arrays.copyOfRange(m, 0, f));
    double[] one =
        new LayerCase(c.layer(), List.of(x0), List.of(new long[] {1, f, d}), m0, c.seed())
            .build()
            .eval(0)
            .dup()
            .data()
            .asDouble();
    assertEquals(all[0], one[0], TOL * (1 + Math.abs(all[0])));
  }

  static int[] permutation(int n, long seed) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}
