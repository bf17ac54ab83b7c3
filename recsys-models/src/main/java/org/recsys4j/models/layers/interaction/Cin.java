package org.recsys4j.models.layers.interaction;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
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
import org.recsys4j.models.layers.MatMul;
import org.recsys4j.models.layers.dense.Activation;

/**
 * Compressed interaction network of xDeepFM (Lian, Zhou, Zhang, Chen, Xie and Sun, "xDeepFM:
 * Combining Explicit and Implicit Feature Interactions for Recommender Systems", KDD 2018):
 * explicit vector-wise interactions of bounded degree.
 *
 * <p>Formula (paper eq. 6, with a bias as in the authors' and DeepCTR's code): with {@code X^0 = x}
 * (masked fields zeroed), for layer {@code k = 1..K} of {@code H_k} maps,
 *
 * <pre>
 *   X^k[b,j,d] = act( Σ_{h &lt; H_{k-1}} Σ_{m &lt; F} W^k[h·F+m, j] · X^{k-1}[b,h,d] · X^0[b,m,d]
 *                     + c^k[j] )
 * </pre>
 *
 * <p>where {@code X^{k-1}} is the part of layer {@code k-1} kept for the next layer ({@code H_0 =
 * F}). Without {@link #splitHalf()} every map of every layer is both kept and sent to the output.
 * With it (DeepCTR's and the xDeepFM code's convention) each layer but the last keeps its first
 * {@code H_k/2} maps for the next layer and sends the other {@code H_k/2} to the output; the last
 * layer sends all its maps. The output is the sum pooling over D of the maps sent to the output,
 * concatenated over layers: {@code p[b, ·] = [Σ_d X^1_out[b,·,d], ..., Σ_d X^K_out[b,·,d]]}.
 * Parameters {@code <name>/W<k> [H_{k-1}·F, H_k]} (Glorot uniform; row {@code h·F+m}) and {@code
 * <name>/b<k> [1, H_k]} (zeros), k counted from 0.
 *
 * <p>Shapes: input {@code [B,F,D]}, optional mask {@code [B,F]}; output {@code [B, Σ_k O_k]} with
 * {@code O_k = H_k/2} for split layers and {@code H_k} otherwise ({@link #outputSize()}).
 *
 * <p>Mask: {@link MaskPolicy#CONSUMES}: masked fields are zeroed in {@code X^0}, so they contribute
 * nothing whatever their values; the output has no mask.
 *
 * @param name the layer's name
 * @param layerSizes {@code H_1..H_K}, each at least 1 (even, except the last, when splitHalf)
 * @param splitHalf whether all but the last layer send half their maps to the output
 * @param activation {@code act} (the paper uses the identity)
 */
public record Cin(
    @JsonProperty("name") String name,
    @JsonProperty("layerSizes") List<Integer> layerSizes,
    @JsonProperty("splitHalf") boolean splitHalf,
    @JsonProperty("activation") Activation activation)
    implements Layer {
  /** Current JSON version. */
  public static final int VERSION = 1;

  /**
   * Validates and copies the sizes.
   *
   * @throws IllegalArgumentException naming the field, the value and the rule, e.g. {@code
   *     cin.layerSizes[1]=7 must be even when splitHalf=true}
   */
  public Cin {
    Check.name("cin.name", name);
    Check.arg(
        layerSizes != null && !layerSizes.isEmpty(),
        name + ".layerSizes",
        layerSizes,
        "must not be empty");
    for (int k = 0; k < layerSizes.size(); k++) {
      Integer h = layerSizes.get(k);
      Check.arg(h != null && h > 0, name + ".layerSizes[" + k + "]", h, "must be > 0");
      if (splitHalf && k < layerSizes.size() - 1) {
        Check.arg(
            h % 2 == 0, name + ".layerSizes[" + k + "]", h, "must be even when splitHalf=true");
      }
    }
    layerSizes = List.copyOf(layerSizes);
    Check.notNull(name + ".activation", activation);
  }

  /** A CIN with identity activation, split-half on (the paper's and DeepCTR's setting). */
  public static Cin of(String name, int... layerSizes) {
    List<Integer> s = new ArrayList<>();
    for (int h : layerSizes) {
      s.add(h);
    }
    return new Cin(name, s, true, Activation.LINEAR);
  }

  /** This CIN with split-half on or off. */
  public Cin withSplitHalf(boolean split) {
    return new Cin(name, layerSizes, split, activation);
  }

  /** This CIN with another activation. */
  public Cin withActivation(Activation act) {
    return new Cin(name, layerSizes, splitHalf, act);
  }

  /** The output width {@code Σ_k O_k}. */
  public int outputSize() {
    int total = 0;
    for (int k = 0; k < layerSizes.size(); k++) {
      total += split(k) ? layerSizes.get(k) / 2 : layerSizes.get(k);
    }
    return total;
  }

  private boolean split(int k) {
    return splitHalf && k < layerSizes.size() - 1;
  }

  @Override
  public int version() {
    return VERSION;
  }

  @Override
  public MaskPolicy maskPolicy() {
    return MaskPolicy.CONSUMES;
  }

  /**
   * {@code [B,F,D]} to {@code [B, outputSize()]}.
   *
   * @throws IllegalArgumentException if there is not exactly one input of rank 3
   */
  @Override
  public List<Shape> outputShapes(List<Shape> in) {
    Shape x = LayerShapes.single(name, in, "[B,F,D]", 3);
    return List.of(Shape.of(x.dim(0), outputSize()));
  }

  @Override
  public LayerOutput define(SameDiff sd, LayerInput in) {
    checkInput(in);
    Masks.checkAligned(name, in);
    Shape out = outputShapes(in.shapes()).get(0);
    long f = in.shape().dim(1);
    long d = in.shape().dim(2);
    SDVariable x = in.value();
    if (in.mask().isPresent()) {
      x = x.mul(in.mask().get().reshape(-1, f, 1));
    }
    // Work in the d-major layout [B·D, ·] so that every contraction is a 2-D or batched matmul
    // (rank-3 x rank-2 mmul fails in ND4J 1.0.0-M2.1).
    SDVariable x0 = sd.permute(x, 0, 2, 1).reshape(-1, 1, f); // [B·D,1,F]
    SDVariable prev = x0; // X^{k-1} as [B·D,1,H]
    long h = f;
    List<SDVariable> pooled = new ArrayList<>();
    for (int k = 0; k < layerSizes.size(); k++) {
      int hk = layerSizes.get(k);
      // outer product per (b,d): [B·D,H,1] x [B·D,1,F] -> [B·D,H,F] -> [B·D, H·F]
      SDVariable z = sd.mmul(prev.reshape(-1, h, 1), x0).reshape(-1, h * f);
      SDVariable w =
          in.context().param(sd, name, "W" + k, Initializer.GLOROT_UNIFORM, h * f, hk, h * f, hk);
      SDVariable c = in.context().param(sd, name, "b" + k, Initializer.ZEROS, h * f, hk, 1, hk);
      SDVariable xk = activation.apply(sd, MatMul.times(sd, z, w, h * f, hk, false).add(c));
      SDVariable toOut = xk;
      if (split(k)) {
        int half = hk / 2;
        // MatMul.columns, not a strided slice: its gradient is wrong when B·D = 1
        DataType t = in.context().dataType();
        prev = MatMul.columns(sd, xk, hk, 0, half, t).reshape(-1, 1, half);
        toOut = MatMul.columns(sd, xk, hk, half, hk, t);
        h = half;
      } else {
        prev = xk.reshape(-1, 1, hk);
        h = hk;
      }
      long o = split(k) ? hk / 2 : hk;
      // sum over D: [B·D,O] -> [B,D,O] -> [B,O]; D = 1 is a reshape (no size-1 reduction)
      pooled.add(d == 1 ? toOut.reshape(-1, o) : toOut.reshape(-1, d, o).sum(1));
    }
    SDVariable y =
        pooled.size() == 1 ? pooled.get(0) : sd.concat(1, pooled.toArray(new SDVariable[0]));
    return LayerOutput.of(GraphNames.named(sd, y, name + "/out"), out);
  }
}
