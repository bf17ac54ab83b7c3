package org.recsys4j.models.layers.interaction;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.recsys4j.core.Check;
import org.recsys4j.core.layer.Initializer;
import org.recsys4j.core.layer.Layer;
import org.recsys4j.core.layer.LayerInput;
import org.recsys4j.core.layer.LayerOutput;
import org.recsys4j.core.layer.MaskPolicy;
import org.recsys4j.core.layer.Shape;
import org.recsys4j.models.layers.GraphNames;
import org.recsys4j.models.layers.Masks;

/**
 * First-order (linear) term of a factorization machine or a logistic regression over sparse ids.
 *
 * <p>Formula: {@code y[b] = w0 + Σ_f m[b,f]·w[b,f]}, where {@code w[b,f]} is the weight row
 * gathered for id {@code ids[b,f]} from a width-1 lookup (see {@link
 * org.recsys4j.models.spec.Lookup}) of a width-1 table and {@code w0} a global bias (parameter
 * {@code <name>/bias}, shape {@code [1]}, initialised to zero) when {@link #useBias()}.
 *
 * <p>Shapes: input {@code [B,F,1]}, optional mask {@code [B,F]}; output {@code [B,1]}.
 *
 * <p>Mask: {@link MaskPolicy#CONSUMES}: masked fields add nothing; the output has no mask.
 *
 * @param name the layer's name
 * @param useBias whether a global bias {@code w0} is added
 */
public record LinearTerm(
    @JsonProperty("name") String name, @JsonProperty("useBias") boolean useBias) implements Layer {
  /** Current JSON version. */
  public static final int VERSION = 1;

  /**
   * Validates.
   *
   * @throws IllegalArgumentException if the name is blank
   */
  public LinearTerm {
    Check.name("linear_term.name", name);
  }

  /** A linear term with a global bias. */
  public static LinearTerm of(String name) {
    return new LinearTerm(name, true);
  }

  /** This term with or without the global bias. */
  public LinearTerm withBias(boolean bias) {
    return new LinearTerm(name, bias);
  }

  @Override
  public int version() {
    return VERSION;
  }

  @Override
  public MaskPolicy maskPolicy() {
    return MaskPolicy.CONSUMES;
  }

  @Override
  public List<Shape> outputShapes(List<Shape> in) {
    Check.arg(in.size() == 1, name + ".inputs", in.size(), "must be 1");
    Shape x = in.get(0);
    Check.arg(x.rank() == 3 && x.dim(2) == 1, name + ".input.shape", x, "must be [B,F,1]");
    return List.of(Shape.of(x.dim(0), 1));
  }

  @Override
  public LayerOutput define(SameDiff sd, LayerInput in) {
    checkInput(in);
    Masks.checkAligned(name, in);
    Shape out = outputShapes(in.shapes()).get(0);
    // [B,F,1] -> [B,F] by reshape: ND4J 1.0.0-M2.1 fails on reductions over a size-1 dimension
    long f = in.shape().dim(1);
    SDVariable w = in.value().reshape(-1, f);
    if (in.mask().isPresent()) {
      w = w.mul(in.mask().get());
    }
    SDVariable y = f == 1 ? w : w.sum(true, 1); // [B,1]
    if (useBias) {
      SDVariable b = in.context().param(sd, name, "bias", Initializer.ZEROS, 1, 1, 1);
      y = y.add(b);
    }
    return LayerOutput.of(GraphNames.named(sd, y, name + "/out"), out);
  }
}
