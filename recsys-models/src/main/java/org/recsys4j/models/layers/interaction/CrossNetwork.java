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
import org.recsys4j.models.layers.LayerShapes;

/**
 * Cross network of DCN (Wang, Fu, Fu and Wang, "Deep &amp; Cross Network for Ad Click Predictions",
 * ADKDD 2017): L cross layers with vector weights, each adding one degree of feature interaction at
 * O(N) parameters.
 *
 * <p>Formula: {@code x_{l+1} = x_0 · (x_l^T w_l) + b_l + x_l} for {@code l = 0..L-1}, where {@code
 * x_l^T w_l} is a scalar per example. Parameters {@code <name>/w<l>} ({@code [N,1]}, Glorot
 * uniform) and {@code <name>/b<l>} ({@code [1,N]}, zeros). With all {@code w_l = 0} the network is
 * the identity plus the biases: {@code x_L = x_0 + Σ_l b_l}.
 *
 * <p>Shapes: input {@code [B,N]} (typically the concatenated embeddings and numeric values); output
 * {@code [B,N]}.
 *
 * <p>Mask: {@link MaskPolicy#REJECTS}: flatten or pool masked inputs first.
 *
 * @param name the layer's name
 * @param numLayers L, the number of cross layers, at least 1
 */
public record CrossNetwork(
    @JsonProperty("name") String name, @JsonProperty("numLayers") int numLayers) implements Layer {
  /** Current JSON version. */
  public static final int VERSION = 1;

  /**
   * Validates.
   *
   * @throws IllegalArgumentException if the name is invalid or {@code numLayers < 1}
   */
  public CrossNetwork {
    Check.name("cross_network.name", name);
    Check.positive(name + ".numLayers", numLayers);
  }

  /** A cross network of {@code numLayers} layers. */
  public static CrossNetwork of(String name, int numLayers) {
    return new CrossNetwork(name, numLayers);
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
   * {@code [B,N]} to {@code [B,N]}.
   *
   * @throws IllegalArgumentException if there is not exactly one input of rank 2
   */
  @Override
  public List<Shape> outputShapes(List<Shape> in) {
    Shape x = LayerShapes.single(name, in, "[B,N]", 2);
    return List.of(x);
  }

  @Override
  public LayerOutput define(SameDiff sd, LayerInput in) {
    checkInput(in);
    Shape out = outputShapes(in.shapes()).get(0);
    long n = in.shape().dim(1);
    SDVariable x0 = in.value();
    SDVariable x = x0;
    for (int l = 0; l < numLayers; l++) {
      SDVariable w = in.context().param(sd, name, "w" + l, Initializer.GLOROT_UNIFORM, n, 1, n, 1);
      SDVariable b = in.context().param(sd, name, "b" + l, Initializer.ZEROS, n, 1, 1, n);
      // N = 1: ND4J 1.0.0-M2.1's matmul backward fails on [1,1]x[1,1]; use a broadcast multiply
      SDVariable s = n == 1 ? x.mul(w) : x.mmul(w); // [B,1]
      x = x0.mul(s).add(b).add(x);
    }
    return LayerOutput.of(GraphNames.named(sd, x, name + "/out"), out);
  }
}
