package org.recsys4j.models.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.recsys4j.models.layers.TestArrays.MaskKind;
import org.recsys4j.models.layers.dense.Activation;
import org.recsys4j.models.layers.interaction.Cin;

/**
 * CIN against the loops of xDeepFM's eq. 6, blind to masked fields, and invariant to permuting
 * fields when W's field axes are permuted with them (CIN is not invariant to permuting fields
 * alone: W^k indexes them).
 */
@PropertyDefaults(tries = 15)
class CinProperties implements LayerContract, RowIndependenceContract {

  @Provide
  Arbitrary<LayerCase> cases() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 3),
            Arbitraries.integers().between(1, 4),
            Arbitraries.integers().between(1, 3),
            Arbitraries.integers().between(1, 3).list().ofMinSize(1).ofMaxSize(3),
            Arbitraries.of(true, false),
            Arbitraries.of(Activation.LINEAR, Activation.TANH),
            Arbitraries.of(MaskKind.class),
            Arbitraries.longs())
        .as(
            (b, f, d, sizes, split, act, kind, seed) -> {
              List<Integer> hs = new ArrayList<>();
              for (int k = 0; k < sizes.size(); k++) {
                hs.add(split && k < sizes.size() - 1 ? 2 * sizes.get(k) : sizes.get(k));
              }
              SplittableRandom r = new SplittableRandom(seed);
              return new LayerCase(
                  new Cin("cin", hs, split, act),
                  List.of(TestArrays.uniform(r, b * f * d, -1.5, 1.5)),
                  List.of(new long[] {b, f, d}),
                  Optional.ofNullable(TestArrays.mask(r, kind, b, f)),
                  seed);
            });
  }

  /** Random non-zero biases, so that the bias path is checked too. */
  private static LayerCase.Built withRandomBiases(LayerCase c) {
    LayerCase.Built built = c.build();
    SplittableRandom r = new SplittableRandom(c.seed() + 1);
    List<Integer> hs = ((Cin) c.layer()).layerSizes();
    for (int k = 0; k < hs.size(); k++) {
      built.setParam("cin/b" + k, TestArrays.uniform(r, hs.get(k), -0.5, 0.5));
    }
    return built;
  }

  private static double[] reference(LayerCase c, LayerCase.Built built) {
    long[] s = c.shapes().get(0);
    return CinReference.cin(
        (Cin) c.layer(),
        c.inputs().get(0),
        c.mask().orElse(null),
        (int) s[0],
        (int) s[1],
        (int) s[2],
        built::param);
  }

  @Property
  void equalsReference(@ForAll("cases") LayerCase c) {
    LayerCase.Built built = withRandomBiases(c);
    TestArrays.assertClose(reference(c, built), built.values(0), 1e-9, "out");
  }

  /** Replacing the values of masked fields by garbage changes nothing. */
  @Property
  void maskedGarbageChangesNothing(@ForAll("cases") LayerCase c, @ForAll long garbageSeed) {
    if (c.mask().isEmpty()) {
      return;
    }
    int d = (int) c.shapes().get(0)[2];
    double[] x = TestArrays.garbageWhereMasked(c.inputs().get(0), c.mask().get(), d, garbageSeed);
    double[] a = withRandomBiases(c).values(0);
    double[] g = withRandomBiases(c.with(List.of(x), c.shapes(), c.mask(), c.maskDims())).values(0);
    TestArrays.assertClose(a, g, 1e-9, "garbage");
  }

  /** Permuting fields (and mask) together with W^0's two field axes and W^k's m axis. */
  @Property
  void invariantToPermutingFieldsWithWeights(@ForAll("cases") LayerCase c, @ForAll long permSeed) {
    long[] s = c.shapes().get(0);
    int b = (int) s[0];
    int f = (int) s[1];
    int d = (int) s[2];
    int[] p = TestArrays.permutation(f, permSeed);
    double[] x = c.inputs().get(0);
    double[] px = new double[x.length];
    for (int i = 0; i < b; i++) {
      for (int m = 0; m < f; m++) {
        System.arraycopy(x, (i * f + p[m]) * d, px, (i * f + m) * d, d);
      }
    }
    Optional<double[]> pm =
        c.mask()
            .map(
                m -> {
                  double[] out = new double[m.length];
                  for (int i = 0; i < b; i++) {
                    for (int j = 0; j < f; j++) {
                      out[i * f + j] = m[i * f + p[j]];
                    }
                  }
                  return out;
                });
    LayerCase.Built original = withRandomBiases(c);
    LayerCase.Built permuted = withRandomBiases(c.with(List.of(px), c.shapes(), pm, c.maskDims()));
    Cin cin = (Cin) c.layer();
    int h = f;
    for (int k = 0; k < cin.layerSizes().size(); k++) {
      int hk = cin.layerSizes().get(k);
      double[] w = original.param("cin/W" + k);
      double[] pw = new double[w.length];
      for (int hh = 0; hh < h; hh++) {
        for (int m = 0; m < f; m++) {
          int srcRow = (k == 0 ? p[hh] : hh) * f + p[m];
          System.arraycopy(w, srcRow * hk, pw, (hh * f + m) * hk, hk);
        }
      }
      permuted.setParam("cin/W" + k, pw);
      boolean split = cin.splitHalf() && k < cin.layerSizes().size() - 1;
      h = split ? hk / 2 : hk;
    }
    TestArrays.assertClose(original.values(0), permuted.values(0), 1e-9, "permuted");
  }

  @Property(tries = 5)
  void gradients(@ForAll("cases") LayerCase c) {
    assertNull(GradCheck.check(withRandomBiases(c), 1e-6, 1e-5, 1e-8));
  }

  /** B·D = 1 with split-half: the split by strided slice got wrong gradients there. */
  @Example
  void splitHalfGradientsAtOneRow() {
    for (int f = 1; f <= 2; f++) {
      gradients(
          new LayerCase(
              Cin.of("cin", 2, 1),
              List.of(TestArrays.uniform(new SplittableRandom(f), f, -1.5, 1.5)),
              List.of(new long[] {1, f, 1}),
              Optional.empty(),
              0));
    }
  }

  @Example
  void oddSizeWithSplitHalfIsNamed() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Cin.of("cin", 8, 7, 5));
    assertEquals("cin.layerSizes[1]=7 must be even when splitHalf=true", e.getMessage());
    assertEquals(4 + 3 + 5, Cin.of("cin", 8, 6, 5).outputSize());
    assertEquals(
        8 + 7 + 5, new Cin("cin", List.of(8, 7, 5), false, Activation.LINEAR).outputSize());
  }
}
