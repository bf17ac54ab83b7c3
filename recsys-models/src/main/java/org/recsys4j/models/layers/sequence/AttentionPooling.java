package org.recsys4j.models.layers.sequence;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.recsys4j.core.Check;
import org.recsys4j.core.json.Upgraders;
import org.recsys4j.core.layer.DefineContext;
import org.recsys4j.core.layer.Initializer;
import org.recsys4j.core.layer.LayerInput;
import org.recsys4j.core.layer.LayerOutput;
import org.recsys4j.core.layer.MaskPolicy;
import org.recsys4j.core.layer.Shape;
import org.recsys4j.models.layers.GraphNames;
import org.recsys4j.models.layers.MatMul;
import org.recsys4j.models.layers.Params;
import org.recsys4j.models.layers.StateVariable;
import org.recsys4j.models.layers.StatefulLayer;
import org.recsys4j.models.layers.dense.Activation;
import org.recsys4j.models.layers.host.HostKernel;
import org.recsys4j.models.layers.host.HostLayer;

/**
 * Attention pooling of a history by its relevance to a query: DIN's local activation unit.
 *
 * <p>Formula, for keys {@code k_t} (the history), query {@code q} (the candidate) and mask {@code
 * m_t}: an MLP scores each step, {@code s_t = MLP([q, k_t, q − k_t, q ⊙ k_t])} (hidden layers of
 * {@link #units()} with {@link #activation()}, then a linear unit), the weights are {@code a_t =
 * m_t·exp(s_t) / Σ_u m_u·exp(s_u)} ({@link AttentionNormalization#SOFTMAX}) or {@code a_t =
 * m_t·s_t} ({@link AttentionNormalization#NONE}, DIN's unnormalised weights), and the output is
 * {@code Σ_t a_t k_t}. The first layer's weight over the concatenation is stored as four {@code
 * [D,H]} blocks {@code <name>/Wq}, {@code Wk}, {@code Wd}, {@code Wp} (the same function: {@code
 * [q,k,q−k,q⊙k]·W = q(Wq+Wd) + k(Wk−Wd) + (q⊙k)Wp}, computed so, which halves the per-step cost);
 * then {@code <name>/b0} {@code [1,H_0]}, {@code <name>/W<i>}, {@code <name>/b<i>} for the other
 * hidden layers and {@code <name>/Wout} {@code [H,1]}, {@code <name>/bout} {@code [1,1]}. PRELU
 * adds a slope {@code <name>/alpha<i>} {@code [1,H_i]} (0.25 at first); DICE adds {@code
 * <name>/alpha<i>} (zeros) and the state {@code <name>/dice<i>_moving_mean}, {@code _moving_var}:
 * in TRAINING graphs Dice normalises with the mean and biased variance over the batch's unmasked
 * steps ({@code <name>/dice<i>_batch_mean}, {@code _batch_var}, folded into the moving statistics
 * with momentum {@value #DICE_MOMENTUM} by the trainer, see {@link StatefulLayer}), in INFERENCE
 * graphs with the moving ones; {@code ε =} {@value #DICE_EPSILON}.
 *
 * <p>Recency bias ({@link #recencyBias()}, off by default): the score of step {@code t} becomes
 * {@code s_t = MLP([q, k_t, q − k_t, q ⊙ k_t]) + β[r_t]}, where {@code r_t = Σ_{u>t} m_u} is the
 * number of real steps after {@code t} (0 for the most recent real step; without a mask {@code r_t
 * = T−1−t}) and {@code β} is the parameter {@code <name>/recency} {@code [1,T]} (zeros at first).
 * It shifts the scores before the softmax (SOFTMAX) or the weights themselves (NONE, {@code a_t =
 * m_t·s_t}); masked steps still get weight 0. The graph computes {@code r = m·U} with the constant
 * {@code U[u,t] = 1} for {@code u > t}, its one-hot {@code relu(1 − (r_t − j))·relu(1 + (r_t − j))}
 * over {@code j = 0..T−1} and the bias as that one-hot times {@code βᵀ}.
 *
 * <p>Shapes: inputs keys {@code [B,T,D]} with mask {@code [B,T]} and query {@code [B,D]}; outputs
 * the pooled {@code [B,D]} and the weights {@code [B,T]} (output 1, e.g. AUGRU's attention).
 *
 * <p>Mask: {@link MaskPolicy#CONSUMES}: masked steps get weight 0 and their values change nothing;
 * a fully masked row pools to zeros with all weights 0. Without a mask every step counts. Permuting
 * the unmasked steps permutes the weights and leaves the pooled output unchanged.
 *
 * <p>Training: this layer trains through a host kernel ({@link #hostKernel}; every activation and
 * normalisation), the same function, batch statistics and gradients as its TRAINING graph, computed
 * over the unmasked steps only; inference graphs and exports use {@link #define}.
 *
 * <p>Paper: Zhou et al., "Deep Interest Network for Click-Through Rate Prediction", KDD 2018.
 *
 * @param name the layer's name
 * @param units widths of the scoring MLP's hidden layers, at least one
 * @param activation their activation (DIN: DICE or PRELU; any {@link Activation})
 * @param normalization SOFTMAX or NONE
 * @param recencyBias whether a learnt bias {@code β[r_t]} by recency is added to each step's score
 */
public record AttentionPooling(
    @JsonProperty("name") String name,
    @JsonProperty("units") List<Integer> units,
    @JsonProperty("activation") Activation activation,
    @JsonProperty("normalization") AttentionNormalization normalization,
    @JsonProperty("recencyBias") boolean recencyBias)
    implements StatefulLayer, HostLayer {
  /** Current JSON version. */
  public static final int VERSION = 2;

  /** The JSON versions: 1 to 2 adds {@code recencyBias: false} (version 1 had no recency bias). */
  public static final Upgraders UPGRADERS =
      new Upgraders(
          "attention_pooling",
          VERSION,
          Map.of(1, n -> (ObjectNode) n.deepCopy().put("recencyBias", false)));

  /** Dice's ε. */
  public static final double DICE_EPSILON = 1e-8;

  /** Momentum of Dice's moving statistics. */
  public static final double DICE_MOMENTUM = 0.99;

  /** Additive score of masked steps before the softmax. */
  private static final double MASKED = -1e9;

  /** Floor of the softmax's denominator (a fully masked row sums to 0). */
  private static final double TINY = 1e-30;

  /**
   * Validates and copies the widths.
   *
   * @throws IllegalArgumentException naming the field, the value and the rule
   */
  public AttentionPooling {
    Check.name("attention_pooling.name", name);
    Check.arg(units != null && !units.isEmpty(), name + ".units", units, "must not be empty");
    for (int i = 0; i < units.size(); i++) {
      Integer u = units.get(i);
      Check.arg(u != null && u > 0, name + ".units[" + i + "]", u, "must be > 0");
    }
    units = List.copyOf(units);
    Check.notNull(name + ".activation", activation);
    Check.notNull(name + ".normalization", normalization);
  }

  /** DIN's unit: hidden layers of {@code units} with Dice, softmax-normalised weights. */
  public static AttentionPooling of(String name, int... units) {
    List<Integer> u = new ArrayList<>();
    for (int x : units) {
      u.add(x);
    }
    return new AttentionPooling(name, u, Activation.DICE, AttentionNormalization.SOFTMAX, false);
  }

  /** This layer with another hidden activation. */
  public AttentionPooling withActivation(Activation a) {
    return new AttentionPooling(name, units, a, normalization, recencyBias);
  }

  /** This layer with another normalisation. */
  public AttentionPooling withNormalization(AttentionNormalization n) {
    return new AttentionPooling(name, units, activation, n, recencyBias);
  }

  /** This layer with or without the recency bias. */
  public AttentionPooling withRecencyBias(boolean on) {
    return new AttentionPooling(name, units, activation, normalization, on);
  }

  @Override
  public int version() {
    return VERSION;
  }

  @Override
  public int numInputs() {
    return 2;
  }

  @Override
  public MaskPolicy maskPolicy() {
    return MaskPolicy.CONSUMES;
  }

  /**
   * Keys {@code [B,T,D]} and query {@code [B,D]} to the pooled {@code [B,D]} and weights {@code
   * [B,T]}.
   *
   * @throws IllegalArgumentException naming the input, its shape and the rule
   */
  @Override
  public List<Shape> outputShapes(List<Shape> in) {
    Check.arg(in.size() == 2, name + ".inputs", in.size(), "must be 2 (keys, query)");
    Shape k = in.get(0);
    Shape q = in.get(1);
    Check.arg(k.rank() == 3, name + ".keys.shape", k, "must be [B,T,D]");
    Check.arg(
        q.rank() == 2 && q.dim(1) == k.dim(2),
        name + ".query.shape",
        q,
        "must be [B," + k.dim(2) + "] to match keys " + k);
    return List.of(Shape.of(k.dim(0), k.dim(2)), Shape.of(k.dim(0), k.dim(1)));
  }

  @Override
  public Optional<Shape> outputMaskShape(List<Shape> inputShapes, Optional<Shape> inputMask) {
    return Optional.empty();
  }

  @Override
  public List<StateVariable> stateVariables() {
    List<StateVariable> out = new ArrayList<>();
    if (activation == Activation.DICE) {
      for (int i = 0; i < units.size(); i++) {
        out.add(
            new StateVariable(
                diceName(i, "moving_mean"), diceName(i, "batch_mean"), DICE_MOMENTUM));
        out.add(
            new StateVariable(diceName(i, "moving_var"), diceName(i, "batch_var"), DICE_MOMENTUM));
      }
    }
    return out;
  }

  /**
   * The training kernel over keys {@code [B,T,D]}, query {@code [B,D]} and the mask {@code [B,T]}
   * (when given): the function of {@link #define} in a TRAINING graph, with Dice's batch
   * statistics.
   *
   * @throws IllegalArgumentException naming the input, its shape and the rule
   */
  @Override
  public Optional<HostKernel> hostKernel(List<Shape> inputShapes, Optional<Shape> maskShape) {
    outputShapes(inputShapes);
    Shape k = inputShapes.get(0);
    checkMask(k, maskShape);
    if (!AttentionKernel.SUPPORTED.contains(activation)) {
      return Optional.empty();
    }
    return Optional.of(new AttentionKernel(this, (int) k.dim(1), (int) k.dim(2)));
  }

  private void checkMask(Shape keys, Optional<Shape> mask) {
    mask.ifPresent(
        m ->
            Check.arg(
                m.rank() == 2 && m.dim(1) == keys.dim(1),
                name + ".mask",
                m,
                "must be [B," + keys.dim(1) + "] to match keys " + keys));
  }

  private String diceName(int i, String what) {
    return name + "/dice" + i + "_" + what;
  }

  @Override
  public LayerOutput define(SameDiff sd, LayerInput in) {
    checkInput(in);
    List<Shape> out = outputShapes(in.shapes());
    long t = in.shape().dim(1);
    long d = in.shape().dim(2);
    checkMask(in.shape(), in.maskShape());
    DefineContext ctx = in.context();
    SDVariable keys = in.value();
    SDVariable query = in.values().get(1);
    SDVariable k2 = keys.reshape(-1, d); // [B·T,D]
    SDVariable qk = keys.mul(query.reshape(-1, 1, d)).reshape(-1, d); // q ⊙ k_t, [B·T,D]
    long h = units.get(0);
    Initializer init = Initializer.GLOROT_UNIFORM;
    SDVariable wq = ctx.param(sd, name, "Wq", init, 4 * d, h, d, h);
    SDVariable wk = ctx.param(sd, name, "Wk", init, 4 * d, h, d, h);
    SDVariable wd = ctx.param(sd, name, "Wd", init, 4 * d, h, d, h);
    SDVariable wp = ctx.param(sd, name, "Wp", init, 4 * d, h, d, h);
    SDVariable b0 = ctx.param(sd, name, "b0", Initializer.ZEROS, 4 * d, h, 1, h);
    SDVariable perStep =
        MatMul.times(sd, k2, wk.sub(wd), d, h, false).add(MatMul.times(sd, qk, wp, d, h, false));
    SDVariable perRow = MatMul.times(sd, query, wq.add(wd), d, h, false).add(b0); // [B,H]
    SDVariable z = perStep.reshape(-1, t, h).add(perRow.reshape(-1, 1, h)).reshape(-1, h);
    SDVariable stepMask = in.mask().map(m -> m.reshape(-1, 1)).orElse(null); // [B·T,1]
    SDVariable x = activate(sd, ctx, 0, z, h, stepMask);
    long fanIn = h;
    for (int i = 1; i < units.size(); i++) {
      long n = units.get(i);
      SDVariable w = ctx.param(sd, name, "W" + i, init, fanIn, n, fanIn, n);
      SDVariable b = ctx.param(sd, name, "b" + i, Initializer.ZEROS, fanIn, n, 1, n);
      x = activate(sd, ctx, i, MatMul.times(sd, x, w, fanIn, n, false).add(b), n, stepMask);
      fanIn = n;
    }
    SDVariable wo = ctx.param(sd, name, "Wout", init, fanIn, 1, fanIn, 1);
    SDVariable bo = ctx.param(sd, name, "bout", Initializer.ZEROS, fanIn, 1, 1, 1);
    SDVariable scores = MatMul.times(sd, x, wo, fanIn, 1, false).add(bo).reshape(-1, t); // [B,T]
    if (recencyBias) {
      scores = scores.add(recency(sd, ctx, in.mask().orElse(null), t));
    }
    SDVariable weights;
    if (normalization == AttentionNormalization.SOFTMAX) {
      weights = softmax(sd, ctx, scores, in.mask().orElse(null), t);
    } else {
      weights = in.mask().isPresent() ? scores.mul(in.mask().get()) : scores;
    }
    // Σ_t a_t k_t as a batched matmul [B,1,T]x[B,T,D]
    SDVariable pooled = sd.mmul(weights.reshape(-1, 1, t), keys).reshape(-1, d);
    return new LayerOutput(
        List.of(
            GraphNames.named(sd, pooled, name + "/out"),
            GraphNames.named(sd, weights, name + "/weights")),
        out,
        Optional.empty(),
        Optional.empty());
  }

  /**
   * {@code β[r_t]} {@code [B,T]} ({@code [1,T]} without a mask): {@code r = m·U} with {@code U[u,t]
   * = 1} for {@code u > t} (a constant without a mask), its one-hot over {@code j = 0..T−1} as
   * {@code relu(1 − (r − j))·relu(1 + (r − j))} (no abs, no gather), times {@code βᵀ}.
   */
  private SDVariable recency(SameDiff sd, DefineContext ctx, SDVariable mask, long t) {
    SDVariable beta = ctx.param(sd, name, "recency", Initializer.ZEROS, t, 1, 1, t);
    SDVariable r;
    if (mask != null) {
      INDArray u = Nd4j.zeros(ctx.dataType(), t, t);
      for (long a = 0; a < t; a++) {
        for (long b = 0; b < a; b++) {
          u.putScalar(new long[] {a, b}, 1.0);
        }
      }
      r = MatMul.times(sd, mask, sd.constant(u), t, t, false); // [B,T]
    } else {
      INDArray c = Nd4j.zeros(ctx.dataType(), 1, t);
      for (long s = 0; s < t; s++) {
        c.putScalar(new long[] {0, s}, t - 1 - s);
      }
      r = sd.constant(c); // [1,T]
    }
    INDArray js = Nd4j.zeros(ctx.dataType(), 1, t);
    for (long j = 0; j < t; j++) {
      js.putScalar(new long[] {0, j}, j);
    }
    SDVariable diff = r.reshape(-1, 1).sub(sd.constant(js)); // [B·T,T]: r_t − j
    SDVariable onehot = sd.nn.relu(diff.rsub(1.0), 0).mul(sd.nn.relu(diff.add(1.0), 0));
    return MatMul.times(sd, onehot, beta, t, 1, true).reshape(-1, t);
  }

  /**
   * {@code a_t = m_t·exp(s'_t − c) / max(Σ_u m_u·exp(s'_u − c), tiny)} with {@code s' = s + (m −
   * 1)·1e9} and {@code c = max_t s'_t}: the softmax over the unmasked steps, 0 on a fully masked
   * row, and never exp of a large number (ND4J 1.0.0-M2.1's softmax gives NaN on a row of −1e9).
   */
  private static SDVariable softmax(
      SameDiff sd, DefineContext ctx, SDVariable scores, SDVariable mask, long t) {
    if (t == 1) {
      return mask != null ? mask.mul(1.0) : scores.mul(0.0).add(1.0);
    }
    SDVariable s = mask != null ? scores.add(mask.sub(1.0).mul(-MASKED)) : scores;
    SDVariable e = sd.math.exp(s.sub(s.max(true, 1)));
    if (mask != null) {
      e = e.mul(mask);
    }
    SDVariable den = sd.math.max(e.sum(true, 1), sd.constant(Nd4j.scalar(ctx.dataType(), TINY)));
    return e.mul(sd.math.reciprocal(den));
  }

  /** The hidden activation of layer {@code i} on {@code z} {@code [R,H]}. */
  private SDVariable activate(
      SameDiff sd, DefineContext ctx, int i, SDVariable z, long h, SDVariable stepMask) {
    return switch (activation) {
      case PRELU -> {
        String an = name + "/alpha" + i;
        SDVariable alpha =
            sd.hasVariable(an)
                ? sd.getVariable(an)
                : sd.var(an, Nd4j.valueArrayOf(new long[] {1, h}, 0.25, ctx.dataType()));
        // max(0,z) + α·min(0,z) = relu(z) − α·relu(−z)
        yield sd.nn.relu(z, 0).sub(sd.nn.relu(z.neg(), 0).mul(alpha));
      }
      case DICE -> {
        SDVariable alpha = ctx.param(sd, name, "alpha" + i, Initializer.ZEROS, h, h, 1, h);
        SDVariable movingMean =
            ctx.param(sd, name, "dice" + i + "_moving_mean", Initializer.ZEROS, h, h, 1, h);
        SDVariable movingVar = Params.ones(sd, ctx, name, "dice" + i + "_moving_var", 1, h);
        SDVariable mu;
        SDVariable var;
        if (ctx.isTraining()) {
          // statistics over the unmasked steps, as sums over [R+1,H] (a zero row appended:
          // ND4J 1.0.0-M2.1 fails on reductions over a size-1 dimension)
          SDVariable zero = sd.constant(Nd4j.zeros(ctx.dataType(), 1, h));
          SDVariable m =
              stepMask != null
                  ? stepMask
                  : MatMul.times(sd, z, sd.constant(Nd4j.zeros(ctx.dataType(), h, 1)), h, 1, false)
                      .add(1.0); // ones [R,1]
          SDVariable zeroCount = sd.constant(Nd4j.zeros(ctx.dataType(), 1, 1));
          SDVariable count =
              sd.math.max(
                  sd.concat(0, m, zeroCount).sum(true, 0),
                  sd.constant(Nd4j.scalar(ctx.dataType(), 1.0)));
          SDVariable inv = sd.math.reciprocal(count); // [1,1]
          mu =
              GraphNames.named(
                  sd,
                  sd.concat(0, z.mul(m), zero).sum(true, 0).mul(inv),
                  diceName(i, "batch_mean"));
          SDVariable c = z.sub(mu);
          var =
              GraphNames.named(
                  sd,
                  sd.concat(0, c.mul(c).mul(m), zero).sum(true, 0).mul(inv),
                  diceName(i, "batch_var"));
        } else {
          mu = movingMean;
          var = movingVar;
        }
        SDVariable p = sd.nn.sigmoid(z.sub(mu).mul(sd.math.rsqrt(var.add(DICE_EPSILON))));
        // p·z + (1−p)·α·z
        yield p.mul(z).add(p.rsub(1.0).mul(alpha).mul(z));
      }
      default -> activation.apply(sd, z);
    };
  }
}
