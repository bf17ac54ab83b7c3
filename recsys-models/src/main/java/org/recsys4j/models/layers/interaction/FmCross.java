package org.recsys4j.models.layers.interaction;

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
import org.recsys4j.models.layers.Masks;

/**
 * Second-order factorization-machine cross (Rendle, "Factorization Machines", ICDM 2010).
 *
 * <p>Formula: {@code y[b] = Σ_{i<j} <v_i, v_j> = ½ Σ_d [ (Σ_f v[b,f,d])² − Σ_f v[b,f,d]² ]},
 * computed with the square-of-sum trick in O(F·D) per example, where {@code v[b,f,:] =
 * m[b,f]·x[b,f,:]} when a mask is given.
 *
 * <p>Shapes: input {@code [B,F,D]}, optional mask {@code [B,F]}; output {@code [B,1]}.
 *
 * <p>Mask: {@link MaskPolicy#CONSUMES}: masked fields contribute nothing, whatever their values;
 * the output has no mask. No parameters. The result does not depend on the order of fields.
 *
 * @param name the layer's name
 */
public record FmCross(@JsonProperty("name") String name) implements Layer {
  /** Current JSON version. */
  public static final int VERSION = 1;

  /**
   * Validates.
   *
   * @throws IllegalArgumentException if the name is blank
   */
  public FmCross {
    Check.name("fm_cross.name", name);
  }

  /** An FM cross named {@code name}. */
  public static FmCross of(String name) {
    return new FmCross(name);
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
    Check.arg(x.rank() == 3, name + ".input.shape", x, "must be [B,F,D]");
    return List.of(Shape.of(x.dim(0), 1));
  }

  @Override
  public LayerOutput define(SameDiff sd, LayerInput in) {
    checkInput(in);
    Masks.checkAligned(name, in);
    Shape out = outputShapes(in.shapes()).get(0);
    SDVariable x = in.value();
    long f = in.shape().dim(1);
    long d = in.shape().dim(2);
    SDVariable sum;
    SDVariable sumOfSquares;
    // Reductions over a dimension of size 1 are replaced by reshapes: ND4J 1.0.0-M2.1 fails on
    // them (a "no-op" reduce with a null input), found by the property tests.
    if (f == 1) {
      sum = x.reshape(-1, d);
      if (in.mask().isPresent()) {
        sum = sum.mul(in.mask().get());
      }
      sumOfSquares = sum.mul(sum);
    } else if (in.mask().isPresent()) {
      // Σ_f m_f x_f as a batched matmul [B,1,F]x[B,F,D]: far cheaper in SameDiff than a
      // broadcast multiply, whose backward pass reduces over the broadcast mask.
      SDVariable m = sd.expandDims(in.mask().get(), 1);
      sum = sd.mmul(m, x).reshape(-1, d);
      sumOfSquares = sd.mmul(m, x.mul(x)).reshape(-1, d);
    } else {
      sum = x.sum(1); // [B,D]
      sumOfSquares = x.mul(x).sum(1); // [B,D]
    }
    SDVariable diff = sum.mul(sum).sub(sumOfSquares); // [B,D]
    SDVariable y = (d == 1 ? diff : diff.sum(true, 1)).mul(0.5);
    return LayerOutput.of(GraphNames.named(sd, y, name + "/out"), out);
  }
}
