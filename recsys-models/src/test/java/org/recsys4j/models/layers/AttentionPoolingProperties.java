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
import org.recsys4j.core.layer.GraphMode;
import org.recsys4j.core.layer.Shape;
import org.recsys4j.models.layers.TestArrays.MaskKind;
import org.recsys4j.models.layers.dense.Activation;
import org.recsys4j.models.layers.sequence.AttentionNormalization;
import org.recsys4j.models.layers.sequence.AttentionPooling;

/**
 * DIN's attention pooling against the plain loop (every activation, both normalisations, Dice with
 * batch statistics in training and moving ones in inference), weights summing to 1 over unmasked
 * steps, blind to masked garbage, equivariant to permuting steps, and its gradients.
 */
@PropertyDefaults(tries = 25)
class AttentionPoolingProperties implements LayerContract, RowIndependenceContract {
  private static final double TOL = 1e-9;

  /** Keys [B,T,D], query [B,D]; Dice cases in INFERENCE mode (rows independent). */
  @Provide
  Arbitrary<LayerCase> cases() {
    return build(false);
  }

  /** As {@link #cases}, Dice cases in TRAINING mode (batch statistics over unmasked steps). */
  @Provide
  Arbitrary<LayerCase> trainingCases() {
    return build(true);
  }

  private static Arbitrary<LayerCase> build(boolean training) {
    return Combinators.combine(
            Arbitraries.integers().between(1, 3),
            Arbitraries.integers().between(1, 4),
            Arbitraries.integers().between(1, 3),
            Arbitraries.integers().between(1, 3).list().ofMinSize(1).ofMaxSize(2),
            Arbitraries.of(Activation.class),
            Arbitraries.of(AttentionNormalization.class),
            Arbitraries.of(MaskKind.class),
            Arbitraries.longs())
        .as(
            (b, t, d, units, act, norm, kind, seed) -> {
              SplittableRandom r = new SplittableRandom(seed);
              double[] keys = TestArrays.uniform(r, b * t * d, -1, 1);
              double[] query = TestArrays.uniform(r, b * d, -1, 1);
              Optional<double[]> m = Optional.ofNullable(TestArrays.mask(r, kind, b, t));
              GraphMode mode =
                  act == Activation.DICE && !training ? GraphMode.INFERENCE : GraphMode.TRAINING;
              return new LayerCase(
                  new AttentionPooling("att", units, act, norm),
                  List.of(keys, query),
                  List.of(new long[] {b, t, d}, new long[] {b, d}),
                  m,
                  new long[] {b, t},
                  seed,
                  mode);
            });
  }

  private static double[][] reference(LayerCase c, LayerCase.Built built) {
    long[] s = c.shapes().get(0);
    return SequenceReference.attention(
        (AttentionPooling) c.layer(),
        c.inputs().get(0),
        c.inputs().get(1),
        c.mask().orElse(null),
        (int) s[0],
        (int) s[1],
        (int) s[2],
        built::param,
        c.mode() == GraphMode.TRAINING);
  }

  @Property
  void equalsReference(@ForAll("trainingCases") LayerCase c) {
    LayerCase.Built built = c.build();
    double[][] want = reference(c, built);
    TestArrays.assertClose(want[0], built.values(0), TOL, "pooled");
    TestArrays.assertClose(want[1], built.values(1), TOL, "weights");
  }

  @Property
  void inferenceEqualsReference(@ForAll("cases") LayerCase c) {
    LayerCase ic = c.withMode(GraphMode.INFERENCE);
    LayerCase.Built built = ic.build();
    TestArrays.assertClose(reference(ic, built)[0], built.values(0), TOL, "pooled");
  }

  /** Softmax weights sum to 1 over the unmasked steps of a row with any, and are 0 elsewhere. */
  @Property
  void softmaxWeightsSumToOne(@ForAll("cases") LayerCase c) {
    AttentionPooling a =
        ((AttentionPooling) c.layer()).withNormalization(AttentionNormalization.SOFTMAX);
    LayerCase sc =
        new LayerCase(a, c.inputs(), c.shapes(), c.mask(), c.maskDims(), c.seed(), c.mode());
    double[] w = sc.build().values(1);
    long[] s = c.shapes().get(0);
    int t = (int) s[1];
    for (int i = 0; i < s[0]; i++) {
      double sum = 0;
      boolean any = false;
      for (int k = 0; k < t; k++) {
        double mk = c.mask().isPresent() ? c.mask().get()[i * t + k] : 1;
        any |= mk != 0;
        if (mk == 0) {
          assertEquals(0.0, w[i * t + k], "masked weight");
        }
        sum += w[i * t + k];
      }
      assertEquals(any ? 1.0 : 0.0, sum, 1e-9, "row " + i + " weights");
    }
  }

  @Property
  void maskedGarbageChangesNothing(@ForAll("trainingCases") LayerCase c, @ForAll long g) {
    if (c.mask().isEmpty()) {
      return;
    }
    int d = (int) c.shapes().get(0)[2];
    double[] keys = TestArrays.garbageWhereMasked(c.inputs().get(0), c.mask().get(), d, g);
    LayerCase gc = c.with(List.of(keys, c.inputs().get(1)), c.shapes(), c.mask(), c.maskDims());
    TestArrays.assertClose(c.build().values(0), gc.build().values(0), TOL, "garbage");
  }

  /** Permuting the steps (with their mask) permutes the weights and keeps the pooled output. */
  @Property
  void permutingStepsPermutesNothingInTheOutput(
      @ForAll("trainingCases") LayerCase c, @ForAll long permSeed) {
    long[] s = c.shapes().get(0);
    int b = (int) s[0];
    int t = (int) s[1];
    int d = (int) s[2];
    int[] perm = TestArrays.permutation(t, permSeed);
    double[] x = c.inputs().get(0);
    double[] px = new double[x.length];
    for (int i = 0; i < b; i++) {
      for (int k = 0; k < t; k++) {
        System.arraycopy(x, (i * t + perm[k]) * d, px, (i * t + k) * d, d);
      }
    }
    Optional<double[]> pm = c.mask().map(m -> permuteRows(m, b, t, perm));
    LayerCase pc = c.with(List.of(px, c.inputs().get(1)), c.shapes(), pm, c.maskDims());
    LayerCase.Built a = c.build();
    LayerCase.Built p = pc.build();
    TestArrays.assertClose(a.values(0), p.values(0), TOL, "pooled");
    TestArrays.assertClose(permuteRows(a.values(1), b, t, perm), p.values(1), TOL, "weights");
  }

  private static double[] permuteRows(double[] m, int b, int t, int[] perm) {
    double[] out = new double[m.length];
    for (int i = 0; i < b; i++) {
      for (int k = 0; k < t; k++) {
        out[i * t + k] = m[i * t + perm[k]];
      }
    }
    return out;
  }

  /** Central differences over every variable (keys, query, weights, slopes) with T >= 3. */
  @Property(tries = 12)
  void gradients(@ForAll("trainingCases") LayerCase c) {
    long[] s = c.shapes().get(0);
    AttentionPooling a = (AttentionPooling) c.layer();
    if (s[1] < 3 || (a.activation() == Activation.RELU && a.units().size() > 1)) {
      // ReLU after ReLU: a first layer dead on every row feeds exact zeros, so the second layer
      // sits at the kink (z = b = 0), where central differences disagree with any subgradient
      // (shrunk case: units [1,1], B=1, T=3, D=1, NONE)
      return;
    }
    assertNull(GradCheck.check(c.build(), 1e-6, 1e-5, 1e-8, java.util.Set.copyOf(stateNames(c))));
  }

  private static List<String> stateNames(LayerCase c) {
    List<String> out = new ArrayList<>();
    ((AttentionPooling) c.layer()).stateVariables().forEach(v -> out.add(v.variable()));
    return out;
  }

  @Example
  void gradientsDiceThreeSteps() {
    SplittableRandom r = new SplittableRandom(3);
    LayerCase c =
        new LayerCase(
            new AttentionPooling(
                "att", List.of(3, 2), Activation.DICE, AttentionNormalization.SOFTMAX),
            List.of(TestArrays.uniform(r, 2 * 4 * 3, -1, 1), TestArrays.uniform(r, 2 * 3, -1, 1)),
            List.of(new long[] {2, 4, 3}, new long[] {2, 3}),
            Optional.of(new double[] {1, 1, 1, 0, 1, 0, 0, 0}),
            new long[] {2, 4},
            3,
            GraphMode.TRAINING);
    assertNull(GradCheck.check(c.build(), 1e-6, 1e-5, 1e-8, java.util.Set.copyOf(stateNames(c))));
  }

  @Example
  void queryOfAnotherWidthIsNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                AttentionPooling.of("att", 4)
                    .outputShapes(List.of(Shape.batched(5, 8), Shape.batched(4))));
    assertEquals("att.query.shape=[B,4] must be [B,8] to match keys [B,5,8]", e.getMessage());
  }

  @Example
  void emptyUnitsAreNamed() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AttentionPooling.of("att"));
    assertEquals("att.units=[] must not be empty", e.getMessage());
  }
}
