package org.recsys4j.models.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
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
 * steps, blind to masked garbage, equivariant to permuting steps (without the recency bias), and
 * its gradients; with and without the recency bias (random β), which at β = 0 changes nothing and
 * with a large β[0] puts the softmax's weight on the latest real step.
 */
@PropertyDefaults(tries = 25)
class AttentionPoolingProperties implements LayerContract, RowIndependenceContract {
  private static final double TOL = 1e-9;

  /** A recency bias far above the scores of inputs in [-1,1] (e^-40 ≈ 4e-18). */
  private static final double DOMINANT = 40;

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
              boolean recency = r.nextBoolean();
              GraphMode mode =
                  act == Activation.DICE && !training ? GraphMode.INFERENCE : GraphMode.TRAINING;
              return new LayerCase(
                  new AttentionPooling("att", units, act, norm, recency),
                  List.of(keys, query),
                  List.of(new long[] {b, t, d}, new long[] {b, d}),
                  m,
                  new long[] {b, t},
                  seed,
                  mode);
            });
  }

  /** The case's graph; with the recency bias, β set to values drawn from the case's seed. */
  private static LayerCase.Built built(LayerCase c) {
    LayerCase.Built built = c.build();
    if (((AttentionPooling) c.layer()).recencyBias()) {
      int t = (int) c.shapes().get(0)[1];
      built.setParam("att/recency", TestArrays.uniform(new SplittableRandom(~c.seed()), t, -1, 1));
    }
    return built;
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
    LayerCase.Built built = built(c);
    double[][] want = reference(c, built);
    TestArrays.assertClose(want[0], built.values(0), TOL, "pooled");
    TestArrays.assertClose(want[1], built.values(1), TOL, "weights");
  }

  @Property
  void inferenceEqualsReference(@ForAll("cases") LayerCase c) {
    LayerCase ic = c.withMode(GraphMode.INFERENCE);
    LayerCase.Built built = built(ic);
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
    TestArrays.assertClose(built(c).values(0), built(gc).values(0), TOL, "garbage");
  }

  /** Permuting the steps (with their mask) permutes the weights and keeps the pooled output. */
  @Property
  void permutingStepsPermutesNothingInTheOutput(
      @ForAll("trainingCases") LayerCase c, @ForAll long permSeed) {
    Assume.that(!((AttentionPooling) c.layer()).recencyBias()); // the bias sees positions
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
    assertNull(GradCheck.check(built(c), 1e-6, 1e-5, 1e-8, java.util.Set.copyOf(stateNames(c))));
  }

  /** With β = 0 (its initial value) the recency bias changes no output. */
  @Property
  void zeroRecencyBiasChangesNothing(@ForAll("trainingCases") LayerCase c) {
    AttentionPooling a = (AttentionPooling) c.layer();
    LayerCase on = withLayer(c, a.withRecencyBias(true));
    LayerCase off = withLayer(c, a.withRecencyBias(false));
    LayerCase.Built bOn = on.build();
    LayerCase.Built bOff = off.build();
    TestArrays.assertClose(bOff.values(0), bOn.values(0), TOL, "pooled");
    TestArrays.assertClose(bOff.values(1), bOn.values(1), TOL, "weights");
  }

  /**
   * With softmax and β[0] = {@value #DOMINANT} (far above any score the MLP gives these inputs),
   * the latest real step of each row gets almost all the weight.
   */
  @Property
  void largeRecencyBiasAttendsToTheLatestRealStep(@ForAll("trainingCases") LayerCase c) {
    AttentionPooling a =
        ((AttentionPooling) c.layer())
            .withNormalization(AttentionNormalization.SOFTMAX)
            .withRecencyBias(true);
    LayerCase rc = withLayer(c, a);
    LayerCase.Built built = rc.build();
    int b = (int) c.shapes().get(0)[0];
    int t = (int) c.shapes().get(0)[1];
    double[] beta = new double[t];
    beta[0] = DOMINANT;
    built.setParam("att/recency", beta);
    double[] w = built.values(1);
    double[] m = c.mask().orElse(null);
    for (int i = 0; i < b; i++) {
      int latest = -1;
      for (int s = 0; s < t; s++) {
        if (m == null || m[i * t + s] != 0) {
          latest = s;
        }
      }
      if (latest >= 0) {
        assertTrue(w[i * t + latest] > 1 - 1e-6, "row " + i + " weight " + w[i * t + latest]);
      }
    }
  }

  private static LayerCase withLayer(LayerCase c, AttentionPooling a) {
    return new LayerCase(a, c.inputs(), c.shapes(), c.mask(), c.maskDims(), c.seed(), c.mode());
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
                "att", List.of(3, 2), Activation.DICE, AttentionNormalization.SOFTMAX, true),
            List.of(TestArrays.uniform(r, 2 * 4 * 3, -1, 1), TestArrays.uniform(r, 2 * 3, -1, 1)),
            List.of(new long[] {2, 4, 3}, new long[] {2, 3}),
            Optional.of(new double[] {1, 1, 1, 0, 1, 0, 0, 0}),
            new long[] {2, 4},
            3,
            GraphMode.TRAINING);
    assertNull(GradCheck.check(built(c), 1e-6, 1e-5, 1e-8, java.util.Set.copyOf(stateNames(c))));
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
