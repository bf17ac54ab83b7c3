package org.recsys4j.models.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Central-difference gradient check in double precision on the scalar loss {@code L = Σ c ⊙ out}
 * with fixed random {@code c}, over every variable of the graph (inputs and parameters).
 */
public final class GradCheck {
  private GradCheck() {}

  /**
   * Returns a description of the worst mismatch, or null if every element passes {@code |a − n| ≤
   * maxRel·max(|a|, |n|) + absFloor}.
   */
  public static String check(LayerCase.Built b, double eps, double maxRel, double absFloor) {
    return check(b, eps, maxRel, absFloor, java.util.Set.of());
  }

  /**
   * As {@link #check(LayerCase.Built, double, double, double)}, skipping the variables in {@code
   * skip} (state that is not trained by gradients, e.g. batch-norm moving statistics).
   */
  public static String check(
      LayerCase.Built b, double eps, double maxRel, double absFloor, java.util.Set<String> skip) {
    SameDiff sd = b.sd();
    SDVariable out = b.out().value();
    long[] shape = b.eval(0).shape();
    SplittableRandom r = new SplittableRandom(99);
    double[] c = new double[(int) prod(shape)];
    for (int i = 0; i < c.length; i++) {
      c[i] = r.nextDouble() * 2 - 1;
    }
    SDVariable cv = sd.constant("gradcheck_c", Nd4j.create(c, shape, DataType.DOUBLE));
    SDVariable loss = sd.sum("gradcheck_loss", out.mul(cv));
    sd.setLossVariables(loss.name());
    List<String> vars = new ArrayList<>();
    for (SDVariable v : sd.variables()) {
      if (v.getVariableType() == VariableType.VARIABLE && !skip.contains(v.name())) {
        vars.add(v.name());
      }
    }
    Map<String, INDArray> grads = sd.calculateGradients(b.placeholders(), vars);
    for (String name : vars) {
      INDArray arr = sd.getVariable(name).getArr();
      INDArray g = grads.get(name);
      if (g == null) {
        return name + ": no gradient";
      }
      for (long i = 0; i < arr.length(); i++) {
        double orig = arr.getDouble(i);
        arr.putScalar(i, orig + eps);
        double plus = lossValue(sd, b, loss.name());
        arr.putScalar(i, orig - eps);
        double minus = lossValue(sd, b, loss.name());
        arr.putScalar(i, orig);
        double numeric = (plus - minus) / (2 * eps);
        double analytic = g.getDouble(i);
        double tol = maxRel * Math.max(Math.abs(numeric), Math.abs(analytic)) + absFloor;
        if (Math.abs(numeric - analytic) > tol) {
          return name + "[" + i + "]: analytic=" + analytic + " numeric=" + numeric;
        }
      }
    }
    return null;
  }

  /**
   * The same graph with all outputs concatenated along dimension 1 as output 0, so that a gradient
   * check reaches the parameters of every output of a multi-output layer.
   */
  public static LayerCase.Built allOutputs(LayerCase.Built b) {
    var outs = b.out().values();
    if (outs.size() == 1) {
      return b;
    }
    SDVariable all = b.sd().concat("gradcheck_all", 1, outs.toArray(new SDVariable[0]));
    long width = 0;
    for (var s : b.out().shapes()) {
      width += s.dim(1);
    }
    return new LayerCase.Built(
        b.sd(),
        org.recsys4j.core.layer.LayerOutput.of(all, org.recsys4j.core.layer.Shape.batched(width)),
        b.placeholders());
  }

  private static double lossValue(SameDiff sd, LayerCase.Built b, String loss) {
    return sd.output(b.placeholders(), loss).get(loss).getDouble(0);
  }

  private static long prod(long[] s) {
    long p = 1;
    for (long d : s) {
      p *= d;
    }
    return p;
  }
}
