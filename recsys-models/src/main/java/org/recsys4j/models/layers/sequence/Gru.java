package org.recsys4j.models.layers.sequence;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.recsys4j.core.Check;
import org.recsys4j.core.layer.DefineContext;
import org.recsys4j.core.layer.GraphMode;
import org.recsys4j.core.layer.Initializer;
import org.recsys4j.core.layer.LayerInput;
import org.recsys4j.core.layer.LayerOutput;
import org.recsys4j.core.layer.MaskPolicy;
import org.recsys4j.core.layer.Shape;
import org.recsys4j.models.layers.GraphNames;
import org.recsys4j.models.layers.MatMul;
import org.recsys4j.models.layers.host.HostKernel;
import org.recsys4j.models.layers.host.HostLayer;

/**
 * A gated recurrent unit over a masked sequence, with DIEN's attentional variants (AGRU, AUGRU),
 * built from matmul, sigmoid, tanh and element-wise ops unrolled over the T steps (SameDiff
 * 1.0.0-M2.1's own GRU ops have no or wrong gradients).
 *
 * <p>Formula, with row vectors, {@code h_{−1} = 0} and mask {@code m_t} (1 when absent):
 *
 * <pre>
 * r_t = σ(x_t W_r + h_{t−1} U_r + b_r)                 reset gate
 * u_t = σ(x_t W_u + h_{t−1} U_u + b_u)                 update gate (GRU, AUGRU)
 * c_t = tanh(x_t W_h + (r_t ⊙ h_{t−1}) U_h + b_h)      candidate
 * g_t = m_t · { u_t (GRU) | a_t (AGRU) | a_t·u_t (AUGRU) }
 * h_t = (1 − g_t) ⊙ h_{t−1} + g_t ⊙ c_t
 * </pre>
 *
 * <p>So a masked step carries the state through unchanged, and so does a step with attention {@code
 * a_t = 0}. Parameters {@code <name>/W_r, W_u, W_h} {@code [D,H]}, {@code U_r, U_u, U_h} {@code
 * [H,H]} (Glorot uniform), {@code b_r, b_u, b_h} {@code [1,H]} (zeros); AGRU has no update gate
 * parameters.
 *
 * <p>Shapes: input {@code [B,T,D]} with mask {@code [B,T]}; AGRU and AUGRU take a second input, the
 * attention {@code [B,T]} (e.g. {@link AttentionPooling}'s weights). Output {@code [B,T,H]} ({@link
 * GruOutput#ALL_STATES}, the mask passed on) or {@code [B,H]} ({@link GruOutput#LAST_STATE}: the
 * state after the last unmasked step, since masked steps carry it; zeros for a fully masked row).
 *
 * <p>Mask: PROPAGATES for ALL_STATES, CONSUMES for LAST_STATE.
 *
 * <p>Training runs this layer through its host kernel ({@link HostLayer}) where the trainer can
 * (its inputs are lookups or other host nodes' outputs): the same function and gradients, computed
 * in Java and ND4J products over the unmasked steps only.
 *
 * <p>Papers: Cho et al., "Learning Phrase Representations using RNN Encoder-Decoder", EMNLP 2014;
 * Zhou et al., "Deep Interest Evolution Network for Click-Through Rate Prediction", AAAI 2019.
 *
 * @param name the layer's name
 * @param hiddenSize H
 * @param kind GRU, AGRU or AUGRU
 * @param output all states or the last one
 */
public record Gru(
    @JsonProperty("name") String name,
    @JsonProperty("hiddenSize") int hiddenSize,
    @JsonProperty("kind") GruKind kind,
    @JsonProperty("output") GruOutput output)
    implements HostLayer {
  /** Current JSON version. */
  public static final int VERSION = 1;

  /**
   * Validates.
   *
   * @throws IllegalArgumentException naming the field, the value and the rule
   */
  public Gru {
    Check.name("gru.name", name);
    Check.positive(name + ".hiddenSize", hiddenSize);
    Check.notNull(name + ".kind", kind);
    Check.notNull(name + ".output", output);
  }

  /** A plain GRU returning every state. */
  public static Gru of(String name, int hiddenSize) {
    return new Gru(name, hiddenSize, GruKind.GRU, GruOutput.ALL_STATES);
  }

  /** DIEN's AUGRU returning the last state. */
  public static Gru augru(String name, int hiddenSize) {
    return new Gru(name, hiddenSize, GruKind.AUGRU, GruOutput.LAST_STATE);
  }

  /** This layer with another output. */
  public Gru withOutput(GruOutput o) {
    return new Gru(name, hiddenSize, kind, o);
  }

  @Override
  public int version() {
    return VERSION;
  }

  @Override
  public int numInputs() {
    return kind == GruKind.GRU ? 1 : 2;
  }

  @Override
  public MaskPolicy maskPolicy() {
    return output == GruOutput.ALL_STATES ? MaskPolicy.PROPAGATES : MaskPolicy.CONSUMES;
  }

  /**
   * {@code [B,T,D]} (and attention {@code [B,T]}) to {@code [B,T,H]} or {@code [B,H]}.
   *
   * @throws IllegalArgumentException naming the input, its shape and the rule
   */
  @Override
  public List<Shape> outputShapes(List<Shape> in) {
    Check.arg(
        in.size() == numInputs(),
        name + ".inputs",
        in.size(),
        "must be " + numInputs() + (kind == GruKind.GRU ? "" : " (sequence, attention)"));
    Shape x = in.get(0);
    Check.arg(x.rank() == 3, name + ".input.shape", x, "must be [B,T,D]");
    if (kind != GruKind.GRU) {
      Shape a = in.get(1);
      Check.arg(
          a.rank() == 2 && a.dim(1) == x.dim(1),
          name + ".attention.shape",
          a,
          "must be [B," + x.dim(1) + "] to match input " + x);
    }
    return List.of(
        output == GruOutput.ALL_STATES
            ? Shape.of(x.dim(0), x.dim(1), hiddenSize)
            : Shape.of(x.dim(0), hiddenSize));
  }

  @Override
  public LayerOutput define(SameDiff sd, LayerInput in) {
    checkInput(in);
    Shape out = outputShapes(in.shapes()).get(0);
    int t = Math.toIntExact(in.shape().dim(1));
    long d = in.shape().dim(2);
    long h = hiddenSize;
    in.maskShape().ifPresent(m -> checkMask(m, in.shape()));
    DefineContext ctx = in.context();
    SDVariable x2 = in.value().reshape(-1, d);
    boolean updateGate = kind != GruKind.AGRU;
    SDVariable[] xr = inputPart(sd, ctx, x2, "r", t, d);
    SDVariable[] xu = updateGate ? inputPart(sd, ctx, x2, "u", t, d) : null;
    SDVariable[] xh = inputPart(sd, ctx, x2, "h", t, d);
    SDVariable ur = recurrent(sd, ctx, "r");
    SDVariable uu = updateGate ? recurrent(sd, ctx, "u") : null;
    SDVariable uh = recurrent(sd, ctx, "h");
    SDVariable[] mask = in.mask().isPresent() ? steps(sd, ctx, in.mask().get(), t) : null;
    SDVariable[] att = kind == GruKind.GRU ? null : steps(sd, ctx, in.values().get(1), t);
    SDVariable state = xr[0].mul(0.0); // h_{−1} = 0, [B,H]
    List<SDVariable> states = new ArrayList<>();
    for (int s = 0; s < t; s++) {
      SDVariable r = sd.nn.sigmoid(xr[s].add(MatMul.times(sd, state, ur, h, h, false)));
      SDVariable c = sd.math.tanh(xh[s].add(MatMul.times(sd, r.mul(state), uh, h, h, false)));
      SDVariable g =
          switch (kind) {
            case GRU -> sd.nn.sigmoid(xu[s].add(MatMul.times(sd, state, uu, h, h, false)));
            case AGRU -> att[s];
            case AUGRU ->
                sd.nn.sigmoid(xu[s].add(MatMul.times(sd, state, uu, h, h, false))).mul(att[s]);
          };
      if (mask != null) {
        g = g.mul(mask[s]);
      }
      state = state.add(g.mul(c.sub(state)));
      states.add(state);
    }
    if (output == GruOutput.LAST_STATE) {
      return LayerOutput.of(GraphNames.named(sd, state, name + "/out"), out);
    }
    SDVariable all =
        t == 1 ? state.reshape(-1, 1, h) : sd.stack(1, states.toArray(new SDVariable[0]));
    all = GraphNames.named(sd, all, name + "/out");
    return in.mask().isPresent()
        ? LayerOutput.masked(all, out, in.mask().get(), in.maskShape().get())
        : LayerOutput.of(all, out);
  }

  /**
   * A kernel for every configuration: BPTT over the real steps, two row blocks in parallel.
   *
   * @throws IllegalArgumentException if the shapes do not fit (as {@link #outputShapes})
   */
  @Override
  public Optional<HostKernel> hostKernel(List<Shape> inputShapes, Optional<Shape> maskShape) {
    outputShapes(inputShapes);
    Shape x = inputShapes.get(0);
    maskShape.ifPresent(m -> checkMask(m, x));
    return Optional.of(
        new GruKernel(
            this, Math.toIntExact(x.dim(1)), Math.toIntExact(x.dim(2)), maskShape.isPresent()));
  }

  private void checkMask(Shape m, Shape x) {
    Check.arg(
        m.rank() == 2 && m.dim(1) == x.dim(1),
        name + ".mask",
        m,
        "must be [B," + x.dim(1) + "] to match input " + x);
  }

  /** {@code x_t W_g + b_g} for every step, as T arrays {@code [B,H]}. */
  private SDVariable[] inputPart(
      SameDiff sd, DefineContext ctx, SDVariable x2, String gate, int t, long d) {
    long h = hiddenSize;
    SDVariable w = ctx.param(sd, name, "W_" + gate, Initializer.GLOROT_UNIFORM, d, h, d, h);
    SDVariable b = ctx.param(sd, name, "b_" + gate, Initializer.ZEROS, d, h, 1, h);
    SDVariable all = MatMul.times(sd, x2, w, d, h, false).add(b).reshape(-1, t, h);
    return t == 1 ? new SDVariable[] {all.reshape(-1, h)} : stepsOf(sd, ctx, all, t);
  }

  private SDVariable recurrent(SameDiff sd, DefineContext ctx, String gate) {
    long h = hiddenSize;
    return ctx.param(sd, name, "U_" + gate, Initializer.GLOROT_UNIFORM, h, h, h, h);
  }

  /** A {@code [B,T]} value as T columns {@code [B,1]}. */
  private static SDVariable[] steps(SameDiff sd, DefineContext ctx, SDVariable v, int t) {
    if (t == 1) {
      return new SDVariable[] {v.reshape(-1, 1)};
    }
    return stepsOf(sd, ctx, v.reshape(-1, t, 1), t);
  }

  /**
   * The T steps of a {@code [B,T,K]} value as {@code [B,K]} values. Training graphs use {@code
   * unstack}; inference graphs (the ones exporters translate) use one strided slice per step, a
   * single-output op every exporter maps. The values are the same; training cannot use the slices
   * because SameDiff 1.0.0-M2.1's {@code strided_slice_bp} fails its own validation here
   * (docs/training.md).
   */
  private static SDVariable[] stepsOf(SameDiff sd, DefineContext ctx, SDVariable v, int t) {
    if (ctx.mode() == GraphMode.TRAINING) {
      return sd.unstack(v, 1, t);
    }
    SDVariable[] out = new SDVariable[t];
    for (int i = 0; i < t; i++) {
      out[i] = v.get(SDIndex.all(), SDIndex.point(i), SDIndex.all());
    }
    return out;
  }
}
