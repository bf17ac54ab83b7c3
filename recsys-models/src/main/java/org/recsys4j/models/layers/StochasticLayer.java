package org.recsys4j.models.layers;

import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.recsys4j.core.Check;
import org.recsys4j.core.layer.DefineContext;
import org.recsys4j.core.layer.Layer;

/**
 * A layer whose training graph reads random noise from a placeholder that the trainer refills
 * before every training step (dropout).
 *
 * <p>Why a placeholder: SameDiff 1.0.0-M2.1's random ops ({@code sd.random().bernoulli(p, type,
 * shape...)}) take a fixed shape, so they cannot follow the batch size, and no seed: they draw from
 * the process-wide {@code Nd4j.getRandom()} when the graph runs, so a step is not reproducible when
 * several graphs or threads run. Drawing the noise in Java from a generator seeded by the model
 * seed, the placeholder's name and the step number makes every step reproducible on any thread, and
 * the noise gets no gradient (it is a placeholder, not a variable).
 *
 * <p>Contract for the trainer, per training step {@code t} (counted from 0) of a graph defined with
 * {@link org.recsys4j.core.layer.DefineContext#seed()} {@code s}: for every stochastic layer whose
 * placeholder {@link #noisePlaceholder()} exists in the graph, put {@link #sampleNoise(SameDiff,
 * long, long, long) sampleNoise(sd, batchSize, s, t)} into the placeholder map. Inference graphs
 * define no placeholder (the layer is the identity there), so there is nothing to fill.
 */
public interface StochasticLayer extends Layer {

  /** The name of the noise placeholder, {@code <name>/noise}. */
  default String noisePlaceholder() {
    return name() + "/noise";
  }

  /**
   * Draws the noise of one element; called in row-major order over the placeholder's shape.
   *
   * @param rnd the step's generator
   */
  double drawNoise(SplittableRandom rnd);

  /**
   * The noise for one step: an array shaped like the placeholder in {@code sd} with its batch
   * dimension set to {@code batchSize}, of the placeholder's data type, drawn with {@link
   * #drawNoise} from a generator seeded by {@code seed}, the placeholder's name and {@code step}.
   * The same arguments give the same array.
   *
   * @throws IllegalArgumentException if {@code sd} has no such placeholder or {@code batchSize <=
   *     0}
   */
  default INDArray sampleNoise(SameDiff sd, long batchSize, long seed, long step) {
    String ph = noisePlaceholder();
    Check.arg(
        sd.hasVariable(ph),
        name() + ".noisePlaceholder",
        ph,
        "must exist in the graph (it is defined only in TRAINING graphs)");
    Check.positive(name() + ".batchSize", batchSize);
    SDVariable v = sd.getVariable(ph);
    long[] shape = v.placeholderShape().clone();
    shape[0] = batchSize;
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    SplittableRandom rnd =
        new SplittableRandom(DefineContext.seedFor(seed, ph) ^ (step * 0x9E3779B97F4A7C15L));
    rnd = rnd.split(); // decorrelate neighbouring steps and seeds
    double[] out = new double[Math.toIntExact(n)];
    for (int i = 0; i < out.length; i++) {
      out[i] = drawNoise(rnd);
    }
    return Nd4j.create(out, shape, DataType.DOUBLE).castTo(v.dataType());
  }
}
