package org.recsys4j.models.layers.structure;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.recsys4j.core.Check;
import org.recsys4j.core.layer.Layer;
import org.recsys4j.core.layer.LayerInput;
import org.recsys4j.core.layer.LayerOutput;
import org.recsys4j.core.layer.MaskPolicy;
import org.recsys4j.core.layer.Shape;

/**
 * Flattens each example: {@code y[b, f·D + d] = x[b,f,d]}, e.g. the field embeddings that feed
 * DeepFM's MLP.
 *
 * <p>Shapes: input {@code [B,F,D]}; output {@code [B,F·D]}.
 *
 * <p>Mask: {@link MaskPolicy#REJECTS}. Flattening embeddings of padded ids is exact without a mask
 * (their rows are zeros); the builder must drop the mask explicitly to say so.
 *
 * @param name the layer's name
 */
public record Flatten(@JsonProperty("name") String name) implements Layer {
  /** Current JSON version. */
  public static final int VERSION = 1;

  /** Validates. */
  public Flatten {
    Check.name("flatten.name", name);
  }

  /** A flatten layer named {@code name}. */
  public static Flatten of(String name) {
    return new Flatten(name);
  }

  @Override
  public int version() {
    return VERSION;
  }

  @Override
  public MaskPolicy maskPolicy() {
    return MaskPolicy.REJECTS;
  }

  @Override
  public List<Shape> outputShapes(List<Shape> in) {
    Check.arg(in.size() == 1, name + ".inputs", in.size(), "must be 1");
    Shape x = in.get(0);
    Check.arg(x.rank() >= 2, name + ".input.shape", x, "must be [B,...] with rank >= 2");
    return List.of(Shape.of(x.dim(0), x.exampleSize()));
  }

  @Override
  public LayerOutput define(org.nd4j.autodiff.samediff.SameDiff sd, LayerInput in) {
    checkInput(in);
    Shape out = outputShapes(in.shapes()).get(0);
    return LayerOutput.of(in.value().reshape(-1, out.dim(1)), out);
  }
}
