package org.recsys4j.models.layers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.recsys4j.core.layer.DefineContext;
import org.recsys4j.core.layer.GraphMode;
import org.recsys4j.core.layer.Layer;
import org.recsys4j.core.layer.LayerInput;
import org.recsys4j.core.layer.LayerOutput;
import org.recsys4j.core.layer.Shape;

/**
 * A layer with concrete inputs (in double precision), and a runner that defines it in a fresh
 * graph and evaluates it. Inputs are graph variables, so gradients can be taken with respect to
 * them.
 *
 * @param layer the layer
 * @param inputs input values, row-major
 * @param shapes concrete input shapes (batch included)
 * @param mask optional mask values, row-major {@code [B,n]}
 * @param seed parameter seed
 */
public record LayerCase(
    Layer layer, List<double[]> inputs, List<long[]> shapes, Optional<double[]> mask, long seed) {

  /** Symbolic input shapes (batch dimension as B). */
  public List<Shape> symbolicShapes() {
    List<Shape> out = new ArrayList<>();
    for (long[] s : shapes) {
      long[] d = s.clone();
      d[0] = Shape.BATCH;
      out.add(Shape.of(d));
    }
    return out;
  }

  /** A graph holding this case, defined and ready to run. */
  public Built build() {
    SameDiff sd = SameDiff.create();
    DefineContext ctx = new DefineContext(DataType.DOUBLE, seed, GraphMode.TRAINING);
    List<SDVariable> vars = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      vars.add(sd.var("in" + i, Nd4j.create(inputs.get(i), shapes.get(i), DataType.DOUBLE)));
    }
    Optional<SDVariable> m = Optional.empty();
    Optional<Shape> ms = Optional.empty();
    Map<String, INDArray> ph = new HashMap<>();
    if (mask.isPresent()) {
      long b = shapes.get(0)[0];
      long n = shapes.get(0)[1];
      m = Optional.of(sd.placeHolder("mask", DataType.DOUBLE, -1, n));
      ms = Optional.of(Shape.of(Shape.BATCH, n));
      ph.put("mask", Nd4j.create(mask.get(), new long[] {b, n}, DataType.DOUBLE));
    }
    LayerInput in = new LayerInput(vars, symbolicShapes(), m, ms, ctx);
    LayerOutput out = layer.define(sd, in);
    return new Built(sd, out, ph);
  }

  /** A defined graph with its placeholders. */
  public record Built(SameDiff sd, LayerOutput out, Map<String, INDArray> placeholders) {
    /** Evaluates output {@code i}. */
    public INDArray eval(int i) {
      String name = out.values().get(i).name();
      return sd.output(placeholders, name).get(name);
    }
  }
}
