package org.recsys4j.models.layers.dense;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.recsys4j.core.Check;
import org.recsys4j.core.layer.Layer;
import org.recsys4j.core.layer.LayerInput;
import org.recsys4j.core.layer.LayerOutput;
import org.recsys4j.core.layer.MaskPolicy;
import org.recsys4j.core.layer.Shape;
import org.recsys4j.models.layers.GraphNames;
import org.recsys4j.models.layers.LayerShapes;

/**
 * Numeric values fed straight into a tower: a named identity, so that a network can wire numeric
 * inputs into concatenations like any other layer output. An input of rank above 2 is flattened.
 *
 * <p>Formula: {@code out[b,:] = x[b,:]} (row-major flattening of {@code x[b,...]}).
 *
 * <p>Shapes: input {@code [B,N]} (or {@code [B,N,...]}); output {@code [B,N]} (or {@code [B,
 * N·...]}). The output is the graph variable {@code <name>/out}.
 *
 * <p>Mask: {@link MaskPolicy#REJECTS}: numeric values have no padding. No parameters.
 *
 * @param name the layer's name
 */
public record DensePassThrough(@JsonProperty("name") String name) implements Layer {
  /** Current JSON version. */
  public static final int VERSION = 1;

  /**
   * Validates.
   *
   * @throws IllegalArgumentException if the name is invalid
   */
  public DensePassThrough {
    Check.name("dense_pass_through.name", name);
  }

  /** A pass-through named {@code name}. */
  public static DensePassThrough of(String name) {
    return new DensePassThrough(name);
  }

  @Override
  public int version() {
    return VERSION;
  }

  @Override
  public MaskPolicy maskPolicy() {
    return MaskPolicy.REJECTS;
  }

  /**
   * {@code [B,N,...]} to {@code [B, N·...]}.
   *
   * @throws IllegalArgumentException if there is not exactly one input of rank >= 2 with a batch
   *     dimension
   */
  @Override
  public List<Shape> outputShapes(List<Shape> in) {
    Shape x = LayerShapes.singleOfRankAtLeast(name, in, "[B,N] or [B,N,...]", 2);
    long width = 1;
    for (int i = 1; i < x.rank(); i++) {
      width *= x.dim(i);
    }
    return List.of(Shape.of(x.dim(0), width));
  }

  @Override
  public LayerOutput define(SameDiff sd, LayerInput in) {
    checkInput(in);
    Shape out = outputShapes(in.shapes()).get(0);
    SDVariable y =
        in.shape().rank() == 2
            ? sd.identity(name + "/out", in.value())
            : GraphNames.named(sd, in.value().reshape(-1, out.dim(1)), name + "/out");
    return LayerOutput.of(y, out);
  }
}
