package org.recsys4j.models.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
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
import org.recsys4j.core.layer.Shape;
import org.recsys4j.models.layers.TestArrays.MaskKind;
import org.recsys4j.models.layers.sequence.Gru;
import org.recsys4j.models.layers.sequence.GruKind;
import org.recsys4j.models.layers.sequence.GruOutput;

/**
 * GRU, AGRU and AUGRU against the plain loop; masked steps and steps with attention 0 carry the
 * state through; masked garbage changes nothing; the last state is the state after the last real
 * step; gradients over every variable with T >= 3.
 */
@PropertyDefaults(tries = 25)
class GruProperties implements LayerContract, RowIndependenceContract {
  private static final double TOL = 1e-9;

  /** Input [B,T,D] (and attention [B,T] in [0,1] for AGRU/AUGRU). */
  @Provide
  Arbitrary<LayerCase> cases() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 3),
            Arbitraries.integers().between(1, 4),
            Arbitraries.integers().between(1, 3),
            Arbitraries.integers().between(1, 3),
            Arbitraries.of(GruKind.class),
            Arbitraries.of(GruOutput.class),
            Arbitraries.of(MaskKind.class),
            Arbitraries.longs())
        .as(
            (b, t, d, h, kind, out, mk, seed) -> {
              SplittableRandom r = new SplittableRandom(seed);
              List<double[]> in = new ArrayList<>();
              List<long[]> shapes = new ArrayList<>();
              in.add(TestArrays.uniform(r, b * t * d, -1, 1));
              shapes.add(new long[] {b, t, d});
              if (kind != GruKind.GRU) {
                in.add(TestArrays.uniform(r, b * t, 0, 1));
                shapes.add(new long[] {b, t});
              }
              return new LayerCase(
                  new Gru("gru", h, kind, out),
                  in,
                  shapes,
                  Optional.ofNullable(TestArrays.mask(r, mk, b, t)),
                  new long[] {b, t},
                  seed,
                  GraphMode.TRAINING);
            });
  }

  /** Every state from the reference loop, [B·T·H]. */
  private static double[] referenceStates(LayerCase c, LayerCase.Built built) {
    long[] s = c.shapes().get(0);
    Gru g = (Gru) c.layer();
    return SequenceReference.gru(
        g,
        c.inputs().get(0),
        g.kind() == GruKind.GRU ? null : c.inputs().get(1),
        c.mask().orElse(null),
        (int) s[0],
        (int) s[1],
        (int) s[2],
        built::param);
  }

  /** The last state of each row, [B·H], of all states [B·T·H]. */
  private static double[] last(double[] all, int b, int t, int h) {
    double[] out = new double[b * h];
    for (int i = 0; i < b; i++) {
      System.arraycopy(all, (i * t + t - 1) * h, out, i * h, h);
    }
    return out;
  }

  @Property
  void equalsReference(@ForAll("cases") LayerCase c) {
    LayerCase.Built built = c.build();
    double[] want = referenceStates(c, built);
    long[] s = c.shapes().get(0);
    Gru g = (Gru) c.layer();
    if (g.output() == GruOutput.LAST_STATE) {
      want = last(want, (int) s[0], (int) s[1], g.hiddenSize());
    }
    TestArrays.assertClose(want, built.values(0), TOL, "states");
  }

  /** A masked step, and a step with attention 0 (AGRU, AUGRU), leaves the state unchanged. */
  @Property
  void maskedOrUnattendedStepsCarryTheState(@ForAll("cases") LayerCase c, @ForAll long zSeed) {
    Gru g = ((Gru) c.layer()).withOutput(GruOutput.ALL_STATES);
    long[] s = c.shapes().get(0);
    int b = (int) s[0];
    int t = (int) s[1];
    int h = g.hiddenSize();
    List<double[]> in = new ArrayList<>(c.inputs());
    SplittableRandom r = new SplittableRandom(zSeed);
    double[] att = g.kind() == GruKind.GRU ? null : in.get(1).clone();
    if (att != null) {
      for (int i = 0; i < att.length; i++) {
        if (r.nextBoolean()) {
          att[i] = 0;
        }
      }
      in.set(1, att);
    }
    LayerCase gc = new LayerCase(g, in, c.shapes(), c.mask(), c.maskDims(), c.seed(), c.mode());
    double[] states = gc.build().values(0);
    for (int i = 0; i < b; i++) {
      for (int k = 0; k < t; k++) {
        boolean masked = c.mask().isPresent() && c.mask().get()[i * t + k] == 0;
        boolean unattended = att != null && att[i * t + k] == 0;
        if (!masked && !unattended) {
          continue;
        }
        for (int j = 0; j < h; j++) {
          double before = k == 0 ? 0.0 : states[(i * t + k - 1) * h + j];
          assertEquals(before, states[(i * t + k) * h + j], 0.0, "row " + i + " step " + k);
        }
      }
    }
  }

  @Property
  void maskedGarbageChangesNothing(@ForAll("cases") LayerCase c, @ForAll long g) {
    if (c.mask().isEmpty()) {
      return;
    }
    int d = (int) c.shapes().get(0)[2];
    List<double[]> in = new ArrayList<>(c.inputs());
    in.set(0, TestArrays.garbageWhereMasked(in.get(0), c.mask().get(), d, g));
    if (in.size() > 1) {
      in.set(1, TestArrays.garbageWhereMasked(in.get(1), c.mask().get(), 1, g + 1));
    }
    TestArrays.assertClose(
        c.build().values(0),
        c.with(in, c.shapes(), c.mask(), c.maskDims()).build().values(0),
        TOL,
        "garbage");
  }

  /** Central differences over the input, the attention and every parameter, T >= 3. */
  @Property(tries = 10)
  void gradients(@ForAll("cases") LayerCase c) {
    if (c.shapes().get(0)[1] < 3) {
      return;
    }
    assertNull(GradCheck.check(c.build(), 1e-6, 1e-5, 1e-8));
  }

  @Example
  void augruGradientsFourSteps() {
    SplittableRandom r = new SplittableRandom(5);
    LayerCase c =
        new LayerCase(
            Gru.augru("augru", 2),
            List.of(TestArrays.uniform(r, 2 * 4 * 3, -1, 1), TestArrays.uniform(r, 2 * 4, 0, 1)),
            List.of(new long[] {2, 4, 3}, new long[] {2, 4}),
            Optional.of(new double[] {1, 1, 1, 0, 1, 1, 0, 0}),
            new long[] {2, 4},
            5,
            GraphMode.TRAINING);
    assertNull(GradCheck.check(c.build(), 1e-6, 1e-5, 1e-8));
  }

  @Example
  void attentionOfAnotherLengthIsNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Gru.augru("augru", 4).outputShapes(List.of(Shape.batched(5, 8), Shape.batched(4))));
    assertEquals(
        "augru.attention.shape=[B,4] must be [B,5] to match input [B,5,8]", e.getMessage());
  }

  @Example
  void zeroHiddenSizeIsNamed() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Gru.of("gru", 0));
    assertEquals(true, e.getMessage().startsWith("gru.hiddenSize=0"), e.getMessage());
  }

  @Example
  void lastStateIsTheStateAfterTheLastRealStep() {
    SplittableRandom r = new SplittableRandom(8);
    double[] x = TestArrays.uniform(r, 1 * 4 * 2, -1, 1);
    double[] mask = {1, 1, 0, 0};
    LayerCase all =
        new LayerCase(
            Gru.of("gru", 3),
            List.of(x),
            List.of(new long[] {1, 4, 2}),
            Optional.of(mask),
            new long[] {1, 4},
            8,
            GraphMode.TRAINING);
    double[] states = all.build().values(0);
    LayerCase lastCase =
        new LayerCase(
            Gru.of("gru", 3).withOutput(GruOutput.LAST_STATE),
            List.of(x),
            List.of(new long[] {1, 4, 2}),
            Optional.of(mask),
            new long[] {1, 4},
            8,
            GraphMode.TRAINING);
    TestArrays.assertClose(
        Arrays.copyOfRange(states, 3, 6), lastCase.build().values(0), 0, "last real state");
  }
}
