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
 * A layer with concrete inputs (in double precision), and a runner that defines it in a fresh graph
 * and evaluates it. Inputs are graph variables, so gradients can be taken with respect to them. A
 * {@link StochasticLayer}'s noise placeholder is filled with {@link StochasticLayer#sampleNoise}
 * for step 0 of {@code seed}.
 *
 * @param layer the layer
 * @param inputs input values, row-major
 * @param shapes concrete input shapes (batch included)
 * @param mask optional mask values, row-major
 * @param maskDims the mask's concrete shape ({@code [B,n]} with n = dimension 1 of the first input
 *     unless given otherwise)
 * @param seed parameter seed
 * @param mode training or inference graph
 */
public record LayerCase(
    Layer layer,
    List<double[]> inputs,
    List<long[]> shapes,
    Optional<double[]> mask,
    long[] maskDims,
    long seed,
    GraphMode mode) {

  /** A training-mode case whose mask (if any) is {@code [B,n]}, n = dimension 1 of the input. */
  public LayerCase(
      Layer layer, List<double[]> inputs, List<long[]> shapes, Optional<double[]> mask, long seed) {
    this(
        layer,
        inputs,
        shapes,
        mask,
        new long[] {shapes.get(0)[0], shapes.get(0).length > 1 ? shapes.get(0)[1] : 1},
        seed,
        GraphMode.TRAINING);
  }

  /** Shapes, mode, seed and the first values, for jqwik's reports. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("LayerCase[").append(layer).append(", shapes=");
    shapes.forEach(s -> sb.append(java.util.Arrays.toString(s)));
    sb.append(", mask=")
        .append(mask.map(java.util.Arrays::toString).orElse("none"))
        .append(" ")
        .append(java.util.Arrays.toString(maskDims))
        .append(", mode=")
        .append(mode)
        .append(", seed=")
        .append(seed)
        .append(", inputs=");
    inputs.forEach(v -> sb.append(java.util.Arrays.toString(v)));
    return sb.append(']').toString();
  }

  /** This case in another graph mode. */
  public LayerCase withMode(GraphMode m) {
    return new LayerCase(layer, inputs, shapes, mask, maskDims, seed, m);
  }

  /** This case with other inputs and mask (mask dims given explicitly). */
  public LayerCase with(
      List<double[]> newInputs,
      List<long[]> newShapes,
      Optional<double[]> newMask,
      long[] newMaskDims) {
    return new LayerCase(layer, newInputs, newShapes, newMask, newMaskDims, seed, mode);
  }

  /** Symbolic input shapes (batch dimension as B). */
  public List<Shape> symbolicShapes() {
    List<Shape> out = new ArrayList<>();
    for (long[] s : shapes) {
      out.add(symbolic(s));
    }
    return out;
  }

  /** The symbolic mask shape, when there is a mask. */
  public Optional<Shape> symbolicMaskShape() {
    return mask.map(m -> symbolic(maskDims));
  }

  private static Shape symbolic(long[] s) {
    long[] d = s.clone();
    d[0] = Shape.BATCH;
    return Shape.of(d);
  }

  /** The define context of this case (double precision). */
  public DefineContext context() {
    return new DefineContext(DataType.DOUBLE, seed, mode);
  }

  /** A graph holding this case, defined and ready to run. */
  public Built build() {
    SameDiff sd = SameDiff.create();
    DefineContext ctx = context();
    List<SDVariable> vars = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      vars.add(sd.var("in" + i, Nd4j.create(inputs.get(i), shapes.get(i), DataType.DOUBLE)));
    }
    Optional<SDVariable> m = Optional.empty();
    Map<String, INDArray> ph = new HashMap<>();
    if (mask.isPresent()) {
      long[] dims = maskDims.clone();
      dims[0] = -1;
      m = Optional.of(sd.placeHolder("mask", DataType.DOUBLE, dims));
      ph.put("mask", Nd4j.create(mask.get(), maskDims, DataType.DOUBLE));
    }
    LayerInput in = new LayerInput(vars, symbolicShapes(), m, symbolicMaskShape(), ctx);
    LayerOutput out = layer.define(sd, in);
    if (layer instanceof StochasticLayer s && sd.hasVariable(s.noisePlaceholder())) {
      ph.put(s.noisePlaceholder(), s.sampleNoise(sd, shapes.get(0)[0], seed, 0));
    }
    return new Built(sd, out, ph);
  }

  /** A defined graph with its placeholders. */
  public record Built(SameDiff sd, LayerOutput out, Map<String, INDArray> placeholders) {
    /** Evaluates output {@code i}. */
    public INDArray eval(int i) {
      String name = out.values().get(i).name();
      return sd.output(placeholders, name).get(name);
    }

    /** Evaluates output {@code i} as a row-major double array. */
    public double[] values(int i) {
      return eval(i).dup().data().asDouble();
    }

    /** The current values of graph variable {@code name}, row-major. */
    public double[] param(String name) {
      return sd.getVariable(name).getArr().dup().data().asDouble();
    }

    /** Overwrites graph variable {@code name} with {@code v} (same length). */
    public void setParam(String name, double[] v) {
      INDArray arr = sd.getVariable(name).getArr();
      arr.assign(Nd4j.create(v, arr.shape(), arr.dataType()));
    }
  }
}
