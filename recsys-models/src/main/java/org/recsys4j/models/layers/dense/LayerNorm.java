package org.recsys4j.models.layers.dense;

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
import org.recsys4j.models.layers.LayerShapes;
import org.recsys4j.models.layers.Masks;
import org.recsys4j.models.layers.Params;

/**
 * Layer normalisation (Ba, Kiros and Hinton, "Layer Normalization", 2016) over the last dimension,
 * built from primitive ops.
 *
 * <p>Formula: {@code y = γ ⊙ (x − μ) / sqrt(σ² + ε) + β} with {@code μ} and the biased variance
 * {@code σ²} taken over the last dimension of each position. Parameters {@code <name>/gamma} and
 * {@code <name>/beta}, shape {@code [1,D]}, ones and zeros. The same graph in training and
 * inference. With D = 1 every position normalises to {@code β}.
 *
 * <p>Shapes: input {@code [B,N]} or {@code [B,T,D]} (normalised over N, resp. D); output the same
 * shape.
 *
 * <p>Mask: {@link MaskPolicy#PROPAGATES}: each position is normalised alone, so masked positions do
 * not affect the others; the mask is passed on.
 *
 * @param name the layer's name
 * @param epsilon {@code ε}, finite and &gt; 0
 */
public record LayerNorm(@JsonProperty("name") String name, @JsonProperty("epsilon") double epsilon)
    implements Layer {
  /** Current JSON version. */
  public static final int VERSION = 1;

  /** The default {@code ε}. */
  public static final double DEFAULT_EPSILON = 1e-5;

  /**
   * Validates.
   *
   * @throws IllegalArgumentException if the name is invalid or {@code epsilon} is not finite and
   *     positive
   */
  public LayerNorm {
    Check.name("layer_norm.name", name);
    Check.positive(name + ".epsilon", epsilon);
  }

  /** Layer normalisation with {@code ε = 1e-5}. */
  public static LayerNorm of(String name) {
    return new LayerNorm(name, DEFAULT_EPSILON);
  }

  /** This layer with another {@code ε}. */
  public LayerNorm withEpsilon(double eps) {
    return new LayerNorm(name, eps);
  }

  @Override
  public int version() {
    return VERSION;
  }

  @Override
  public MaskPolicy maskPolicy() {
    return MaskPolicy.PROPAGATES;
  }

  /**
   * The input shape.
   *
   * @throws IllegalArgumentException if there is not exactly one input of rank >= 2
   */
  @Override
  public List<Shape> outputShapes(List<Shape> in) {
    Shape x = LayerShapes.singleOfRankAtLeast(name, in, "[B,N] or [B,T,D]", 2);
    return List.of(x);
  }

  @Override
  public LayerOutput define(SameDiff sd, LayerInput in) {
    checkInput(in);
    Masks.checkAligned(name, in);
    Shape out = outputShapes(in.shapes()).get(0);
    int last = in.shape().rank() - 1;
    long d = in.shape().dim(last);
    SDVariable gamma = Params.ones(sd, in.context(), name, "gamma", 1, d);
    SDVariable beta = in.context().param(sd, name, "beta", Initializer.ZEROS, d, d, 1, d);
    SDVariable x = in.value();
    // D = 1: x − μ is exactly 0. Written as x·0: a reduction over a size-1 dimension fails in
    // ND4J 1.0.0-M2.1, and x.sub(x) gets a wrong gradient (found by the gradient check).
    SDVariable c = d == 1 ? x.mul(0.0) : x.sub(x.mean(true, last));
    SDVariable cc = c.mul(c);
    SDVariable var = d == 1 ? cc : cc.mean(true, last);
    // times rsqrt rather than divided by sqrt: ND4J 1.0.0-M2.1's div backward is wrong for some
    // broadcasts (see BatchNorm)
    SDVariable y = c.mul(sd.math.rsqrt(var.add(epsilon))).mul(gamma).add(beta);
    return new LayerOutput(
        List.of(GraphNames.named(sd, y, name + "/out")), List.of(out), in.mask(), in.maskShape());
  }
}
