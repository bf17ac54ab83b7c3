package org.recsys4j.models.layers.dense;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.recsys4j.core.Check;
import org.recsys4j.core.layer.LayerInput;
import org.recsys4j.core.layer.LayerOutput;
import org.recsys4j.core.layer.MaskPolicy;
import org.recsys4j.core.layer.Shape;
import org.recsys4j.models.layers.GraphNames;
import org.recsys4j.models.layers.LayerShapes;
import org.recsys4j.models.layers.Masks;
import org.recsys4j.models.layers.StochasticLayer;

/**
 * Inverted dropout (Srivastava, Hinton, Krizhevsky, Sutskever and Salakhutdinov, "Dropout: A Simple
 * Way to Prevent Neural Networks from Overfitting", JMLR 2014), active in training only.
 *
 * <p>Formula: in a {@link org.recsys4j.core.layer.GraphMode#TRAINING} graph {@code y = x ⊙ ξ} with
 * {@code ξ} drawn per element and per step: {@code 1/keep} with probability {@code keep}, else 0,
 * so {@code E[y] = x}; in an {@code INFERENCE} graph {@code y = x}. With {@code keep = 1} both
 * graphs are the identity.
 *
 * <p>Noise: {@code ξ} is the placeholder {@code <name>/noise} (shape of the input, float type of
 * the context), defined in TRAINING graphs only. The trainer fills it before every step {@code t}
 * with {@link #sampleNoise(SameDiff, long, long, long) sampleNoise(sd, batchSize, seed, t)}, a draw
 * from a generator seeded by the graph's seed, the placeholder name and {@code t}: the mask is
 * redrawn every step and every step is reproducible. See {@link StochasticLayer} for why SameDiff's
 * own random ops are not used.
 *
 * <p>Shapes: input {@code [B,N]} or {@code [B,T,D]} (any rank &gt;= 2); output the same shape.
 *
 * <p>Mask: {@link MaskPolicy#PROPAGATES}: the input mask, if any, is passed on unchanged.
 *
 * @param name the layer's name
 * @param keepProbability the probability {@code keep} of keeping a value, in (0, 1]
 */
public record Dropout(
    @JsonProperty("name") String name, @JsonProperty("keepProbability") double keepProbability)
    implements StochasticLayer {
  /** Current JSON version. */
  public static final int VERSION = 1;

  /**
   * Validates.
   *
   * @throws IllegalArgumentException if the name is invalid or {@code keepProbability} is not in
   *     (0, 1]
   */
  public Dropout {
    Check.name("dropout.name", name);
    Check.arg(
        keepProbability > 0 && keepProbability <= 1,
        name + ".keepProbability",
        keepProbability,
        "must be in (0, 1]");
  }

  /** Dropout that keeps each value with probability {@code keepProbability}. */
  public static Dropout of(String name, double keepProbability) {
    return new Dropout(name, keepProbability);
  }

  @Override
  public int version() {
    return VERSION;
  }

  @Override
  public MaskPolicy maskPolicy() {
    return MaskPolicy.PROPAGATES;
  }

  /** {@code 1/keep} with probability {@code keep}, else 0. */
  @Override
  public double drawNoise(SplittableRandom rnd) {
    return rnd.nextDouble() < keepProbability ? 1 / keepProbability : 0;
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
    SDVariable y;
    if (in.context().isTraining() && keepProbability < 1) {
      long[] dims = in.shape().dims();
      dims[0] = -1;
      SDVariable noise = sd.placeHolder(noisePlaceholder(), in.context().dataType(), dims);
      y = GraphNames.named(sd, in.value().mul(noise), name + "/out");
    } else {
      y = sd.identity(name + "/out", in.value());
    }
    return new LayerOutput(List.of(y), List.of(out), in.mask(), in.maskShape());
  }
}
