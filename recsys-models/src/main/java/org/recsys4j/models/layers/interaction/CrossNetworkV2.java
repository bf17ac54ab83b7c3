package org.recsys4j.models.layers.interaction;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.recsys4j.core.Check;
import org.recsys4j.core.layer.DefineContext;
import org.recsys4j.core.layer.Initializer;
import org.recsys4j.core.layer.Layer;
import org.recsys4j.core.layer.LayerInput;
import org.recsys4j.core.layer.LayerOutput;
import org.recsys4j.core.layer.MaskPolicy;
import org.recsys4j.core.layer.Shape;
import org.recsys4j.models.layers.GraphNames;
import org.recsys4j.models.layers.LayerShapes;
import org.recsys4j.models.layers.MatMul;
import org.recsys4j.models.layers.dense.Activation;

/**
 * Cross network of DCN-V2 (Wang, Shivanna, Cheng, Jain, Lin, Hong and Chi, "DCN V2: Improved Deep
 * &amp; Cross Network and Practical Lessons for Web-scale Learning to Rank Systems", WWW 2021): L
 * cross layers with matrix weights, in one of three {@link CrossKind}s.
 *
 * <p>Formulas, with {@code x} a row vector ({@code x_l W} is the paper's {@code W^T x_l}), for
 * {@code l = 0..L-1}:
 *
 * <ul>
 *   <li>{@link CrossKind#FULL} (eq. 1): {@code x_{l+1} = x_0 ⊙ (x_l W_l + b_l) + x_l}; parameters
 *       {@code <name>/W<l> [N,N]};
 *   <li>{@link CrossKind#LOW_RANK} (eq. 2): {@code x_{l+1} = x_0 ⊙ ((x_l V_l) U_l^T + b_l) + x_l};
 *       parameters {@code <name>/V<l> [N,r]}, {@code <name>/U<l> [N,r]};
 *   <li>{@link CrossKind#MIXTURE} (eq. 3-4): {@code E_i(x_l) = x_0 ⊙ (g(g(x_l V_l^i) C_l^i^T)
 *       U_l^i^T + b_l)}, {@code x_{l+1} = Σ_i G_i(x_l) E_i(x_l) + x_l} with the gate {@code G(x_l)
 *       = softmax(x_l Γ_l)} over the K experts and {@code g} = {@link #lowRankActivation()};
 *       parameters {@code <name>/V<l>_<i> [N,r]}, {@code <name>/C<l>_<i> [r,r]}, {@code
 *       <name>/U<l>_<i> [N,r]} and, when K &gt; 1, {@code <name>/gate<l> [N,K]} (with K = 1 the
 *       gate is 1).
 * </ul>
 *
 * <p>Every kind has the bias {@code <name>/b<l> [1,N]} (zeros; shared by the experts); weights are
 * Glorot uniform. With all weights zero each layer is the identity plus the bias term: {@code
 * x_{l+1} = x_l + x_0 ⊙ b_l}.
 *
 * <p>Shapes: input {@code [B,N]}; output {@code [B,N]}.
 *
 * <p>Mask: {@link MaskPolicy#REJECTS}.
 *
 * @param name the layer's name
 * @param kind the weight structure
 * @param numLayers L, at least 1
 * @param rank r: 0 for FULL, at least 1 otherwise
 * @param numExperts K: at least 1 for MIXTURE, 0 otherwise
 * @param lowRankActivation g: used by MIXTURE only, LINEAR otherwise
 */
public record CrossNetworkV2(
    @JsonProperty("name") String name,
    @JsonProperty("kind") CrossKind kind,
    @JsonProperty("numLayers") int numLayers,
    @JsonProperty("rank") int rank,
    @JsonProperty("numExperts") int numExperts,
    @JsonProperty("lowRankActivation") Activation lowRankActivation)
    implements Layer {
  /** Current JSON version. */
  public static final int VERSION = 1;

  /**
   * Validates the fields each kind needs.
   *
   * @throws IllegalArgumentException naming the field, the value and the rule, e.g. {@code
   *     dcn.rank=4 must be 0 when kind=FULL}
   */
  public CrossNetworkV2 {
    Check.name("cross_network_v2.name", name);
    Check.notNull(name + ".kind", kind);
    Check.notNull(name + ".lowRankActivation", lowRankActivation);
    Check.positive(name + ".numLayers", numLayers);
    String when = " when kind=" + kind;
    switch (kind) {
      case FULL -> Check.arg(rank == 0, name + ".rank", rank, "must be 0" + when);
      case LOW_RANK, MIXTURE -> Check.arg(rank >= 1, name + ".rank", rank, "must be >= 1" + when);
    }
    if (kind == CrossKind.MIXTURE) {
      Check.arg(numExperts >= 1, name + ".numExperts", numExperts, "must be >= 1" + when);
    } else {
      Check.arg(numExperts == 0, name + ".numExperts", numExperts, "must be 0" + when);
      Check.arg(
          lowRankActivation == Activation.LINEAR,
          name + ".lowRankActivation",
          lowRankActivation,
          "must be LINEAR" + when);
    }
  }

  /** Full-matrix cross layers. */
  public static CrossNetworkV2 full(String name, int numLayers) {
    return new CrossNetworkV2(name, CrossKind.FULL, numLayers, 0, 0, Activation.LINEAR);
  }

  /** Low-rank cross layers of rank {@code rank}. */
  public static CrossNetworkV2 lowRank(String name, int numLayers, int rank) {
    return new CrossNetworkV2(name, CrossKind.LOW_RANK, numLayers, rank, 0, Activation.LINEAR);
  }

  /** A mixture of {@code numExperts} low-rank experts with tanh in the low-rank space. */
  public static CrossNetworkV2 mixture(String name, int numLayers, int rank, int numExperts) {
    return new CrossNetworkV2(
        name, CrossKind.MIXTURE, numLayers, rank, numExperts, Activation.TANH);
  }

  /** This mixture with another low-rank nonlinearity {@code g}. */
  public CrossNetworkV2 withLowRankActivation(Activation g) {
    return new CrossNetworkV2(name, kind, numLayers, rank, numExperts, g);
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
    DefineContext ctx = in.context();
    long n = in.shape().dim(1);
    SDVariable x0 = in.value();
    SDVariable x = x0;
    for (int l = 0; l < numLayers; l++) {
      SDVariable b = ctx.param(sd, name, "b" + l, Initializer.ZEROS, n, n, 1, n);
      SDVariable next;
      switch (kind) {
        case FULL -> {
          SDVariable w = ctx.param(sd, name, "W" + l, Initializer.GLOROT_UNIFORM, n, n, n, n);
          next = x0.mul(MatMul.times(sd, x, w, n, n, false).add(b));
        }
        case LOW_RANK -> {
          SDVariable z = lowRank(sd, ctx, x, n, String.valueOf(l), Activation.LINEAR, false);
          next = x0.mul(z.add(b));
        }
        default -> next = mixture(sd, ctx, x0, x, b, n, l);
      }
      x = next.add(x);
    }
    return LayerOutput.of(GraphNames.named(sd, x, name + "/out"), out);
  }

  /** {@code g(g(x V) C^T) U^T} ({@code withC}) or {@code (x V) U^T}: {@code [B,N]}. */
  private SDVariable lowRank(
      SameDiff sd,
      DefineContext ctx,
      SDVariable x,
      long n,
      String suffix,
      Activation g,
      boolean withC) {
    SDVariable v = ctx.param(sd, name, "V" + suffix, Initializer.GLOROT_UNIFORM, n, rank, n, rank);
    SDVariable u = ctx.param(sd, name, "U" + suffix, Initializer.GLOROT_UNIFORM, rank, n, n, rank);
    SDVariable h = MatMul.times(sd, x, v, n, rank, false); // [B,r]
    if (withC) {
      SDVariable c =
          ctx.param(sd, name, "C" + suffix, Initializer.GLOROT_UNIFORM, rank, rank, rank, rank);
      h = g.apply(sd, MatMul.times(sd, g.apply(sd, h), c, rank, rank, true));
    }
    return MatMul.times(sd, h, u, rank, n, true); // [B,N]
  }

  /** {@code Σ_i G_i(x_l) E_i(x_l)}: {@code [B,N]}. */
  private SDVariable mixture(
      SameDiff sd, DefineContext ctx, SDVariable x0, SDVariable x, SDVariable b, long n, int l) {
    SDVariable gate = null;
    if (numExperts > 1) {
      SDVariable gw =
          ctx.param(sd, name, "gate" + l, Initializer.GLOROT_UNIFORM, n, numExperts, n, numExperts);
      gate = sd.nn.softmax(MatMul.times(sd, x, gw, n, numExperts, false), 1); // [B,K]
    }
    SDVariable sum = null;
    for (int i = 0; i < numExperts; i++) {
      SDVariable e = x0.mul(lowRank(sd, ctx, x, n, l + "_" + i, lowRankActivation, true).add(b));
      if (gate != null) {
        // gate column i, [B,1]: MatMul.columns, not a strided slice (wrong gradient at B = 1)
        e = e.mul(MatMul.columns(sd, gate, numExperts, i, i + 1, ctx.dataType()));
      }
      sum = sum == null ? e : sum.add(e);
    }
    return sum;
  }
}
