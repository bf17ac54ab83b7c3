package org.recsys4j.models.layers.structure;

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

/**
 * Concatenates K values along dimension 1: {@code y[b,:] = [x_1[b,:], ..., x_K[b,:]]}, e.g.
 * flattened embeddings with numeric features before a tower ({@code [B,N_k]}), or the field
 * embeddings of ids with value-scaled numeric embeddings before an FM ({@code [B,F_k,D]}).
 *
 * <p>Shapes: inputs {@code [B,N_k]} or {@code [B,F_k,D]} (equal rank, equal dimensions after 1);
 * output {@code [B,Σ N_k]} or {@code [B,Σ F_k,D]}.
 *
 * <p>Mask: {@link MaskPolicy#REJECTS}.
 *
 * @param name the layer's name
 * @param numInputs K, at least 2
 */
public record Concat(@JsonProperty("name") String name, @JsonProperty("numInputs") int numInputs)
    implements Layer {
  /** Current JSON version. */
  public static final int VERSION = 1;

  /** Validates. */
  public Concat {
    Check.name("concat.name", name);
    Check.arg(numInputs >= 2, name + ".numInputs", numInputs, "must be >= 2");
  }

  /** A concatenation of {@code k} inputs. */
  public static Concat of(String name, int k) {
    return new Concat(name, k);
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
    Check.arg(in.size() == numInputs, name + ".inputs", in.size(), "must be " + numInputs);
    Shape first = in.get(0);
    Check.arg(first.rank() >= 2, name + ".inputs[0].shape", first, "must have rank >= 2");
    long n = 0;
    for (int i = 0; i < in.size(); i++) {
      Shape s = in.get(i);
      boolean ok = s.rank() == first.rank();
      for (int d = 2; ok && d < s.rank(); d++) {
        ok = s.dim(d) == first.dim(d);
      }
      Check.arg(
          ok,
          name + ".inputs[" + i + "].shape",
          s,
          "must match inputs[0].shape=" + first + " in every dimension but 1");
      n += s.dim(1);
    }
    long[] out = first.dims();
    out[1] = n;
    return List.of(Shape.of(out));
  }

  @Override
  public LayerOutput define(SameDiff sd, LayerInput in) {
    checkInput(in);
    Shape out = outputShapes(in.shapes()).get(0);
    SDVariable y = sd.concat(1, in.values().toArray(new SDVariable[0]));
    return LayerOutput.of(y, out);
  }
}
