package org.recsys4j.models.layers.multitask;

import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.factory.Nd4j;
import org.recsys4j.core.Check;
import org.recsys4j.core.layer.DefineContext;
import org.recsys4j.core.layer.Initializer;
import org.recsys4j.core.layer.LayerInput;
import org.recsys4j.core.layer.LayerOutput;
import org.recsys4j.core.layer.Shape;
import org.recsys4j.models.layers.LayerShapes;
import org.recsys4j.models.layers.dense.Activation;
import org.recsys4j.models.layers.dense.Mlp;

/**
 * The expert towers and softmax gates that {@link MultiGateMixture} and {@link
 * ProgressiveExtraction} are made of.
 */
final class Experts {
  private Experts() {}

  /** Checks and copies expert widths: not empty, each {@code > 0}. */
  static List<Integer> checkUnits(String field, List<Integer> units) {
    Check.arg(units != null && !units.isEmpty(), field, units, "must not be empty");
    for (int i = 0; i < units.size(); i++) {
      Integer u = units.get(i);
      Check.arg(u != null && u > 0, field + "[" + i + "]", u, "must be > 0");
    }
    return List.copyOf(units);
  }

  /** K outputs {@code [B,H]} of a mixture over input {@code [B,N]}, H the last expert width. */
  static List<Shape> taskShapes(String layer, List<Shape> in, int numTasks, List<Integer> units) {
    Shape x = LayerShapes.single(layer, in, "[B,N]", 2);
    return java.util.Collections.nCopies(numTasks, Shape.of(x.dim(0), units.get(units.size() - 1)));
  }

  /** The task outputs named {@code <layer>/out<k>}, without a mask. */
  static LayerOutput outputs(
      SameDiff sd, String layer, List<SDVariable> tasks, List<Shape> shapes) {
    List<SDVariable> out = new java.util.ArrayList<>();
    for (int k = 0; k < tasks.size(); k++) {
      out.add(sd.identity(layer + "/out" + k, tasks.get(k)));
    }
    return new LayerOutput(out, shapes, java.util.Optional.empty(), java.util.Optional.empty());
  }

  /**
   * One expert: an MLP with ReLU on every layer (also the last), named {@code expertName}; its
   * parameters are {@code <expertName>/W<k>}, {@code <expertName>/b<k>}.
   */
  static SDVariable expert(
      SameDiff sd,
      DefineContext ctx,
      String expertName,
      SDVariable x,
      long fanIn,
      List<Integer> u) {
    Mlp mlp = new Mlp(expertName, u, Activation.RELU, Activation.RELU);
    return mlp.define(sd, LayerInput.of(x, Shape.batched(fanIn), ctx)).value();
  }

  /**
   * The gated sum {@code Σ_j softmax(g W + b)_j · e_j} of experts {@code e_j [B,H]} with gate input
   * {@code g [B,fanIn]}; parameters {@code <layer>/<gate>_W [fanIn,E]} (Glorot) and {@code
   * <layer>/<gate>_b [1,E]} (zeros). With one expert the gate is the constant 1 and has no
   * parameters, so the sum is the expert itself.
   */
  static SDVariable mix(
      SameDiff sd,
      DefineContext ctx,
      String layer,
      String gate,
      SDVariable g,
      long fanIn,
      List<SDVariable> experts) {
    int e = experts.size();
    if (e == 1) {
      return experts.get(0);
    }
    SDVariable w =
        ctx.param(sd, layer, gate + "_W", Initializer.GLOROT_UNIFORM, fanIn, e, fanIn, e);
    SDVariable b = ctx.param(sd, layer, gate + "_b", Initializer.ZEROS, fanIn, e, 1, e);
    // ND4J 1.0.0-M2.1's matmul backward fails on [B,1]x[1,E] (see Mlp): broadcast multiply there.
    SDVariable z = fanIn == 1 ? g.mul(w) : g.mmul(w);
    SDVariable weights = sd.nn.softmax(z.add(b), 1);
    // Column j of the gate through a matmul with a one-hot [E,1] constant: rank-3 stacking of the
    // experts (expandDims + concat) mis-shaped H=1 experts in this ND4J release.
    SDVariable y = null;
    for (int j = 0; j < e; j++) {
      double[] onehot = new double[e];
      onehot[j] = 1;
      SDVariable pick = sd.constant(Nd4j.create(onehot, new long[] {e, 1}).castTo(ctx.dataType()));
      SDVariable term = weights.mmul(pick).mul(experts.get(j));
      y = y == null ? term : y.add(term);
    }
    return y;
  }
}
