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
import org.recsys4j.core.layer.Shape;
import org.recsys4j.core.spec.Pooling;
import org.recsys4j.models.layers.TestArrays.MaskKind;
import org.recsys4j.models.layers.embedding.BagPooling;

/**
 * Bag pooling against the plain loop, invariant to permuting slots, blind to masked garbage, and
 * zero on fully masked bags; for {@code [B,L,D]} and {@code [B,F,L,D]} inputs.
 */
@PropertyDefaults(tries = 25)
class BagPoolingProperties implements LayerContract, RowIndependenceContract {
  private static final double TOL = 1e-9;

  /** Groups G = B (rank 3) or B·F (rank 4), L slots, D dims. */
  @Provide
  Arbitrary<LayerCase> cases() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 3),
            Arbitraries.integers().between(0, 3),
            Arbitraries.integers().between(1, 5),
            Arbitraries.integers().between(1, 3),
            Arbitraries.of(Pooling.class),
            Arbitraries.of(MaskKind.class),
            Arbitraries.longs())
        .as(
            (b, f, l, d, pooling, kind, seed) -> {
              SplittableRandom r = new SplittableRandom(seed);
              int g = b * Math.max(1, f);
              long[] shape = f == 0 ? new long[] {b, l, d} : new long[] {b, f, l, d};
              long[] maskDims = f == 0 ? new long[] {b, l} : new long[] {b, f, l};
              double[] x = TestArrays.uniform(r, g * l * d, -2, 2);
              Optional<double[]> m = Optional.ofNullable(TestArrays.mask(r, kind, g, l));
              return new LayerCase(
                  new BagPooling("bag", pooling),
                  List.of(x),
                  List.of(shape),
                  m,
                  maskDims,
                  seed,
                  org.recsys4j.core.layer.GraphMode.TRAINING);
            });
  }

  private static int[] gld(LayerCase c) {
    long[] s = c.shapes().get(0);
    int g = (int) (s.length == 3 ? s[0] : s[0] * s[1]);
    return new int[] {g, (int) s[s.length - 2], (int) s[s.length - 1]};
  }

  @Property
  void equalsReference(@ForAll("cases") LayerCase c) {
    int[] gld = gld(c);
    double[] want =
        BagPoolingReference.pool(
            c.inputs().get(0),
            c.mask().orElse(null),
            gld[0],
            gld[1],
            gld[2],
            ((BagPooling) c.layer()).pooling());
    TestArrays.assertClose(want, c.build().values(0), TOL, "pooled");
  }

  @Property
  void fullyMaskedBagsPoolToZero(@ForAll("cases") LayerCase c) {
    int[] gld = gld(c);
    double[] zeros = new double[gld[0] * gld[1]];
    LayerCase masked = c.with(c.inputs(), c.shapes(), Optional.of(zeros), c.maskDims());
    for (double v : masked.build().values(0)) {
      assertEquals(0.0, v);
    }
  }

  @Property
  void invariantToPermutingSlots(@ForAll("cases") LayerCase c, @ForAll long permSeed) {
    int[] gld = gld(c);
    int g = gld[0];
    int l = gld[1];
    int d = gld[2];
    int[] perm = TestArrays.permutation(l, permSeed);
    double[] x = c.inputs().get(0);
    double[] px = new double[x.length];
    for (int i = 0; i < g; i++) {
      for (int s = 0; s < l; s++) {
        System.arraycopy(x, (i * l + perm[s]) * d, px, (i * l + s) * d, d);
      }
    }
    Optional<double[]> pm =
        c.mask()
            .map(
                m -> {
                  double[] out = new double[m.length];
                  for (int i = 0; i < g; i++) {
                    for (int s = 0; s < l; s++) {
                      out[i * l + s] = m[i * l + perm[s]];
                    }
                  }
                  return out;
                });
    TestArrays.assertClose(
        c.build().values(0),
        c.with(List.of(px), c.shapes(), pm, c.maskDims()).build().values(0),
        TOL,
        "permuted");
  }

  /** Appending two masked slots of garbage to every bag changes nothing. */
  @Property
  void maskedGarbageChangesNothing(@ForAll("cases") LayerCase c, @ForAll long garbageSeed) {
    int[] gld = gld(c);
    int g = gld[0];
    int l = gld[1];
    int d = gld[2];
    int l2 = l + 2;
    SplittableRandom r = new SplittableRandom(garbageSeed);
    double[] x = c.inputs().get(0);
    double[] m =
        c.mask()
            .orElseGet(
                () -> {
                  double[] ones = new double[g * l];
                  java.util.Arrays.fill(ones, 1);
                  return ones;
                });
    double[] x2 = new double[g * l2 * d];
    double[] m2 = new double[g * l2];
    for (int i = 0; i < g; i++) {
      System.arraycopy(x, i * l * d, x2, i * l2 * d, l * d);
      System.arraycopy(m, i * l, m2, i * l2, l);
      for (int k = l * d; k < l2 * d; k++) {
        x2[i * l2 * d + k] = r.nextDouble() * 100 - 50;
      }
    }
    long[] s = c.shapes().get(0).clone();
    s[s.length - 2] = l2;
    long[] md = c.maskDims().clone();
    md[md.length - 1] = l2;
    TestArrays.assertClose(
        c.build().values(0),
        c.with(List.of(x2), List.of(s), Optional.of(m2), md).build().values(0),
        TOL,
        "garbage");
  }

  @Property(tries = 10)
  void gradients(@ForAll("cases") LayerCase c) {
    assertNull(GradCheck.check(c.build(), 1e-6, 1e-5, 1e-8));
  }

  @Example
  void misalignedMaskIsNamed() {
    LayerCase c =
        new LayerCase(
            BagPooling.sum("bag"),
            List.of(new double[12]),
            List.of(new long[] {1, 2, 3, 2}),
            Optional.of(new double[2]),
            new long[] {1, 2},
            1,
            org.recsys4j.core.layer.GraphMode.TRAINING);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c::build);
    assertEquals("bag.mask=[B,2] must be [B,2,3] to match input [B,2,3,2]", e.getMessage());
  }

  @Example
  void wrongRankIsNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> BagPooling.mean("bag").outputShapes(List.of(Shape.batched(3))));
    assertEquals("bag.input.shape=[B,3] must be [B,L,D] or [B,F,L,D]", e.getMessage());
  }
}
