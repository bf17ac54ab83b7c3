package org.recsys4j.core.layer;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.recsys4j.core.Check;

/**
 * What a layer needs besides its inputs to define itself: the data type of its parameters, a seed
 * for their initial values, and whether the graph is for training or inference (dropout is on only
 * in training; batch normalisation uses batch statistics in training, moving ones in inference).
 *
 * <p>Parameter {@code p} of layer {@code l} is named {@code l/p} in the graph and its values are
 * drawn from a {@link SplittableRandom} seeded by {@code seed} mixed with that name, so two graphs
 * built with the same seed hold bit-identical parameters.
 *
 * @param dataType parameter type: {@code FLOAT} for training, {@code DOUBLE} for gradient checks
 * @param seed base seed for parameter initialisation
 * @param mode training or inference
 */
public record DefineContext(DataType dataType, long seed, GraphMode mode) {

  /** Validates the data type and mode. */
  public DefineContext {
    Check.notNull("defineContext.mode", mode);
    Check.arg(
        dataType == DataType.FLOAT || dataType == DataType.DOUBLE,
        "dataType",
        dataType,
        "must be FLOAT or DOUBLE");
  }

  /** Float parameters with the given seed, for a training graph. */
  public static DefineContext training(long seed) {
    return new DefineContext(DataType.FLOAT, seed, GraphMode.TRAINING);
  }

  /** Float parameters with the given seed, for an inference graph. */
  public static DefineContext inference(long seed) {
    return new DefineContext(DataType.FLOAT, seed, GraphMode.INFERENCE);
  }

  /** True when the graph is for training. */
  public boolean isTraining() {
    return mode == GraphMode.TRAINING;
  }

  /** The same context in another mode. */
  public DefineContext withMode(GraphMode newMode) {
    return new DefineContext(dataType, seed, newMode);
  }

  /**
   * Creates (or returns, when it already exists) the trainable variable {@code layer/param}.
   *
   * @param sd the graph
   * @param layer the layer's name
   * @param param the parameter's name within the layer
   * @param init how to draw the initial values
   * @param fanIn the fan-in used by {@code init}
   * @param fanOut the fan-out used by {@code init}
   * @param shape the parameter's shape (no batch dimension)
   * @return the graph variable
   */
  public SDVariable param(
      SameDiff sd,
      String layer,
      String param,
      Initializer init,
      long fanIn,
      long fanOut,
      long... shape) {
    String name = layer + "/" + param;
    if (sd.hasVariable(name)) {
      return sd.getVariable(name);
    }
    long n = 1;
    for (long d : shape) {
      n *= Check.positive(name + ".shape", d);
    }
    double[] v = new double[Math.toIntExact(n)];
    SplittableRandom rnd = new SplittableRandom(seedFor(seed, name));
    switch (init) {
      case ZEROS -> {}
      case GLOROT_UNIFORM -> {
        double a = Math.sqrt(6.0 / (fanIn + fanOut));
        for (int i = 0; i < v.length; i++) {
          v[i] = (rnd.nextDouble() * 2 - 1) * a;
        }
      }
      case HE_NORMAL -> {
        double std = Math.sqrt(2.0 / fanIn);
        for (int i = 0; i < v.length; i++) {
          v[i] = gaussian(rnd) * std;
        }
      }
    }
    INDArray arr = Nd4j.create(v, shape, DataType.DOUBLE).castTo(dataType);
    return sd.var(name, arr);
  }

  /** A standard normal draw (Marsaglia polar method), deterministic for a given generator. */
  public static double gaussian(SplittableRandom rnd) {
    double u;
    double w;
    double s;
    do {
      u = rnd.nextDouble() * 2 - 1;
      w = rnd.nextDouble() * 2 - 1;
      s = u * u + w * w;
    } while (s >= 1 || s == 0);
    return u * Math.sqrt(-2 * Math.log(s) / s);
  }

  /**
   * The seed of whatever is named {@code name} under base seed {@code seed}: {@code seed} mixed
   * with the FNV-1a hash of the name's UTF-8 bytes. Parameters, tables and noise streams all derive
   * their generators this way, so each is fixed by the seed and its name alone.
   */
  public static long seedFor(long seed, String name) {
    return seed ^ fnv1a(name);
  }

  private static long fnv1a(String name) {
    long h = 0xcbf29ce484222325L;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      h ^= b;
      h *= 0x100000001b3L;
    }
    return h;
  }
}
