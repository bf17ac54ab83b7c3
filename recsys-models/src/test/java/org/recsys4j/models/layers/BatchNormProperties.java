package org.recsys4j.models.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.recsys4j.core.layer.GraphMode;
import org.recsys4j.models.layers.dense.BatchNorm;

/**
 * Batch norm: batch statistics in training (exposed as graph outputs), moving statistics in
 * inference, and the state update rule the trainer applies.
 */
@PropertyDefaults(tries = 15)
class BatchNormProperties implements LayerContract {

  @Provide
  Arbitrary<LayerCase> cases() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 5),
            Arbitraries.integers().between(1, 4),
            Arbitraries.of(GraphMode.class),
            Arbitraries.longs())
        .as(
            (b, n, mode, seed) ->
                new LayerCase(
                        BatchNorm.of("bn"),
                        List.of(TestArrays.uniform(new SplittableRandom(seed), b * n, -3, 3)),
                        List.of(new long[] {b, n}),
                        Optional.empty(),
                        seed)
                    .withMode(mode));
  }

  /** Random γ, β and moving statistics (moving variance positive). */
  private static LayerCase.Built withRandomParams(LayerCase c) {
    LayerCase.Built built = c.build();
    SplittableRandom r = new SplittableRandom(c.seed() + 1);
    int n = (int) c.shapes().get(0)[1];
    built.setParam("bn/gamma", TestArrays.uniform(r, n, 0.5, 1.5));
    built.setParam("bn/beta", TestArrays.uniform(r, n, -1, 1));
    built.setParam("bn/moving_mean", TestArrays.uniform(r, n, -1, 1));
    built.setParam("bn/moving_var", TestArrays.uniform(r, n, 0.5, 2));
    return built;
  }

  @Property
  void equalsReference(@ForAll("cases") LayerCase c) {
    BatchNorm bn = (BatchNorm) c.layer();
    LayerCase.Built built = withRandomParams(c);
    int b = (int) c.shapes().get(0)[0];
    int n = (int) c.shapes().get(0)[1];
    double[] x = c.inputs().get(0);
    boolean training = c.mode() == GraphMode.TRAINING;
    double[] mu = training ? NormReference.batchMean(x, b, n) : built.param(bn.movingMean());
    double[] var = training ? NormReference.batchVar(x, b, n) : built.param(bn.movingVar());
    double[] want =
        NormReference.normalise(
            x, b, n, mu, var, built.param("bn/gamma"), built.param("bn/beta"), bn.epsilon());
    TestArrays.assertClose(want, built.values(0), 1e-9, "out");
    if (training) {
      var outs = built.sd().output(built.placeholders(), bn.batchMean(), bn.batchVar());
      TestArrays.assertClose(mu, outs.get(bn.batchMean()).dup().data().asDouble(), 1e-9, "mean");
      TestArrays.assertClose(var, outs.get(bn.batchVar()).dup().data().asDouble(), 1e-9, "var");
    }
  }

  /** Gradients of every trained variable; the state variables are skipped in training. */
  @Property(tries = 8)
  void gradients(@ForAll("cases") LayerCase c) {
    Set<String> skip = new HashSet<>();
    if (c.mode() == GraphMode.TRAINING) {
      ((BatchNorm) c.layer()).stateVariables().forEach(s -> skip.add(s.variable()));
    }
    assertNull(GradCheck.check(withRandomParams(c), 1e-6, 1e-5, 1e-8, skip));
  }

  /**
   * Every small shape in both modes. Pins B = 1 in training, where the batch mean reduced over a
   * size-1 dimension and failed in ND4J before the layer appended a zero row.
   */
  @Example
  void gradientsOnEverySmallShape() {
    for (int b = 1; b <= 3; b++) {
      for (int n = 1; n <= 3; n++) {
        for (GraphMode mode : GraphMode.values()) {
          LayerCase c =
              new LayerCase(
                      BatchNorm.of("bn"),
                      List.of(TestArrays.uniform(new SplittableRandom(b * 10 + n), b * n, -3, 3)),
                      List.of(new long[] {b, n}),
                      Optional.empty(),
                      5)
                  .withMode(mode);
          gradients(c);
        }
      }
    }
  }

  /** The trainer's update: moving ← m·moving + (1 − m)·batch, for both statistics. */
  @Example
  void stateUpdateFoldsBatchStatisticsWithMomentum() {
    BatchNorm bn = BatchNorm.of("bn").withMomentum(0.9);
    double[] x = {1, 10, 3, 20, 8, 0};
    LayerCase c = new LayerCase(bn, List.of(x), List.of(new long[] {3, 2}), Optional.empty(), 7);
    LayerCase.Built built = c.build();
    var outs = built.sd().output(built.placeholders(), bn.batchMean(), bn.batchVar());
    for (var s : bn.stateVariables()) {
      INDArray state = built.sd().getVariable(s.variable()).getArr();
      double[] before = state.dup().data().asDouble();
      double[] batch = outs.get(s.batchStatistic()).dup().data().asDouble();
      s.update(state, outs.get(s.batchStatistic()));
      double[] after = state.dup().data().asDouble();
      for (int k = 0; k < before.length; k++) {
        assertEquals(0.9 * before[k] + 0.1 * batch[k], after[k], 1e-12, s.variable() + k);
      }
    }
    // batch mean [4, 10], biased variance [26/3, 200/3]; moving mean started at 0, var at 1
    assertEquals(0.4, built.param("bn/moving_mean")[0], 1e-12);
    assertEquals(0.9 + 0.1 * 200 / 3.0, built.param("bn/moving_var")[1], 1e-12);
  }

  @Example
  void singleRowInTrainingNormalisesToBeta() {
    LayerCase c =
        new LayerCase(
            BatchNorm.of("bn"),
            List.of(new double[] {5, -7, 0.5}),
            List.of(new long[] {1, 3}),
            Optional.empty(),
            3);
    LayerCase.Built built = c.build();
    built.setParam("bn/beta", new double[] {0.1, 0.2, 0.3});
    TestArrays.assertClose(new double[] {0.1, 0.2, 0.3}, built.values(0), 1e-12, "out");
  }

  @Example
  void stateUpdateRejectsMismatchedShapes() {
    var s = BatchNorm.of("bn").stateVariables().get(0);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> s.update(Nd4j.zeros(DataType.DOUBLE, 1, 3), Nd4j.zeros(DataType.DOUBLE, 1, 2)));
    assertEquals(
        "bn/batch_mean.shape=[1, 2] must equal bn/moving_mean.shape=[1, 3]", e.getMessage());
  }

  @Example
  void invalidMomentumIsNamed() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> BatchNorm.of("bn").withMomentum(1.0));
    assertEquals("bn.momentum=1.0 must be in [0, 1)", e.getMessage());
  }
}
