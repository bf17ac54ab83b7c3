package org.recsys4j.models.layers.dense;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.factory.Nd4j;
import org.recsys4j.core.Check;
import org.recsys4j.core.layer.DefineContext;
import org.recsys4j.core.layer.Initializer;
import org.recsys4j.core.layer.LayerInput;
import org.recsys4j.core.layer.LayerOutput;
import org.recsys4j.core.layer.MaskPolicy;
import org.recsys4j.core.layer.Shape;
import org.recsys4j.models.layers.GraphNames;
import org.recsys4j.models.layers.LayerShapes;
import org.recsys4j.models.layers.Params;
import org.recsys4j.models.layers.StateVariable;
import org.recsys4j.models.layers.StatefulLayer;

/**
 * Batch normalisation (Ioffe and Szegedy, "Batch Normalization: Accelerating Deep Network Training
 * by Reducing Internal Covariate Shift", ICML 2015) of {@code [B,N]} activations, built from
 * primitive ops (SameDiff 1.0.0-M2.1's batchNorm backward is broken).
 *
 * <p>Formula: {@code y = γ ⊙ (x − μ) / sqrt(σ² + ε) + β} per feature n, where in a {@link
 * org.recsys4j.core.layer.GraphMode#TRAINING} graph {@code μ, σ²} are the batch mean and biased
 * batch variance over B, and in an {@code INFERENCE} graph the moving statistics. Parameters {@code
 * <name>/gamma} (ones) and {@code <name>/beta} (zeros), {@code [1,N]}, trained by gradients.
 *
 * <p>State (see {@link StatefulLayer}), not trained by gradients, named by convention:
 *
 * <ul>
 *   <li>{@code <name>/moving_mean} {@code [1,N]} (zeros) and {@code <name>/moving_var} {@code
 *       [1,N]} (ones): graph VARIABLEs in both modes; the INFERENCE graph reads them, the TRAINING
 *       graph does not;
 *   <li>{@code <name>/batch_mean} and {@code <name>/batch_var} {@code [1,N]}: outputs of the
 *       TRAINING graph (the batch's {@code μ} and biased {@code σ²});
 *   <li>after each training step the trainer sets {@code moving ← momentum·moving + (1 −
 *       momentum)·batch} for both pairs ({@link StateVariable#update}) and never gives the moving
 *       statistics to the optimizer. {@link #stateVariables()} lists the pairs, so no name has to
 *       be guessed.
 * </ul>
 *
 * <p>A batch of one row has {@code σ² = 0} and normalises to {@code β} in training.
 *
 * <p>Shapes: input {@code [B,N]}; output {@code [B,N]}.
 *
 * <p>Mask: {@link MaskPolicy#REJECTS}: padded rows would bias the batch statistics.
 *
 * @param name the layer's name
 * @param momentum weight of the old moving statistics, in [0, 1)
 * @param epsilon {@code ε}, finite and &gt; 0
 */
public record BatchNorm(
    @JsonProperty("name") String name,
    @JsonProperty("momentum") double momentum,
    @JsonProperty("epsilon") double epsilon)
    implements StatefulLayer {
  /** Current JSON version. */
  public static final int VERSION = 1;

  /** The default momentum (Keras's). */
  public static final double DEFAULT_MOMENTUM = 0.99;

  /** The default {@code ε} (Keras's). */
  public static final double DEFAULT_EPSILON = 1e-3;

  /**
   * Validates.
   *
   * @throws IllegalArgumentException if the name is invalid, {@code momentum} is not in [0, 1) or
   *     {@code epsilon} is not finite and positive
   */
  public BatchNorm {
    Check.name("batch_norm.name", name);
    Check.arg(momentum >= 0 && momentum < 1, name + ".momentum", momentum, "must be in [0, 1)");
    Check.positive(name + ".epsilon", epsilon);
  }

  /** Batch normalisation with momentum 0.99 and {@code ε = 1e-3}. */
  public static BatchNorm of(String name) {
    return new BatchNorm(name, DEFAULT_MOMENTUM, DEFAULT_EPSILON);
  }

  /** This layer with another momentum. */
  public BatchNorm withMomentum(double m) {
    return new BatchNorm(name, m, epsilon);
  }

  /** This layer with another {@code ε}. */
  public BatchNorm withEpsilon(double eps) {
    return new BatchNorm(name, momentum, eps);
  }

  /** The graph variable of the moving mean, {@code <name>/moving_mean}. */
  public String movingMean() {
    return name + "/moving_mean";
  }

  /** The graph variable of the moving variance, {@code <name>/moving_var}. */
  public String movingVar() {
    return name + "/moving_var";
  }

  /** The TRAINING-graph output of the batch mean, {@code <name>/batch_mean}. */
  public String batchMean() {
    return name + "/batch_mean";
  }

  /** The TRAINING-graph output of the batch variance, {@code <name>/batch_var}. */
  public String batchVar() {
    return name + "/batch_var";
  }

  /** The moving mean and variance with their batch statistics and this layer's momentum. */
  @Override
  public List<StateVariable> stateVariables() {
    return List.of(
        new StateVariable(movingMean(), batchMean(), momentum),
        new StateVariable(movingVar(), batchVar(), momentum));
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
    SDVariable gamma = Params.ones(sd, ctx, name, "gamma", 1, n);
    SDVariable beta = ctx.param(sd, name, "beta", Initializer.ZEROS, n, n, 1, n);
    SDVariable movingMean = ctx.param(sd, name, "moving_mean", Initializer.ZEROS, n, n, 1, n);
    SDVariable movingVar = Params.ones(sd, ctx, name, "moving_var", 1, n);
    SDVariable x = in.value();
    SDVariable mu;
    SDVariable var;
    if (ctx.isTraining()) {
      // Batch means as sums over [B+1,N] (a zero row appended) divided by B: B is known only at
      // run time and ND4J 1.0.0-M2.1 fails on reductions over a size-1 dimension (B = 1).
      SDVariable zeroRow = sd.constant(Nd4j.zeros(ctx.dataType(), 1, n));
      SDVariable invB = sd.math.reciprocal(sd.sizeAt(x, 0).castTo(ctx.dataType())); // scalar 1/B
      mu = GraphNames.named(sd, batchSum(sd, x, zeroRow).mul(invB), batchMean());
      SDVariable c0 = x.sub(mu);
      var = GraphNames.named(sd, batchSum(sd, c0.mul(c0), zeroRow).mul(invB), batchVar());
    } else {
      mu = movingMean;
      var = movingVar;
    }
    // times rsqrt rather than divided by sqrt: ND4J 1.0.0-M2.1's div backward is wrong for a
    // [B,1] / [1,1] broadcast (N = 1; found by the gradient check)
    SDVariable y = x.sub(mu).mul(sd.math.rsqrt(var.add(epsilon))).mul(gamma).add(beta);
    return LayerOutput.of(GraphNames.named(sd, y, name + "/out"), out);
  }

  /** {@code Σ_b v[b,:]} as {@code [1,N]}, reducing over at least two rows. */
  private static SDVariable batchSum(SameDiff sd, SDVariable v, SDVariable zeroRow) {
    return sd.concat(0, v, zeroRow).sum(true, 0);
  }
}
