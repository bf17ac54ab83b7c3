package org.recsys4j.models.train;

import org.recsys4j.core.Check;

/**
 * A first-order optimizer applied row by row: to the rows of an embedding table that a batch
 * touched, or to a whole dense parameter treated as one row.
 *
 * <p>Each optimizer keeps {@link #slots()} arrays of per-weight state laid out like the weights. L2
 * regularisation adds {@code l2·w} to the gradient of the touched weights only (rows a batch did
 * not touch are not decayed), as sparse CTR trainers do.
 */
public sealed interface Optimizer
    permits Optimizer.Sgd, Optimizer.Adagrad, Optimizer.Adam, Optimizer.Ftrl {

  /** Number of per-weight state arrays. */
  int slots();

  /** Initial value of state array {@code slot}. */
  float initialSlotValue(int slot);

  /**
   * Updates {@code len} weights in place, with slot {@code s} of weight {@code i} at {@code
   * state[s][stateOff + s·slotStride + i]}. With {@code slotStride=0} and separate slot arrays laid
   * out like {@code w}, pass {@code stateOff=off}; with every {@code state[s]} being {@code w}
   * itself and {@code slotStride=len}, a row's optimizer state sits right after its weights (one
   * memory region per row). The learning rate (FTRL's {@code alpha}) is multiplied by {@code
   * learningRateScale}: the hook of a learning-rate schedule (warm-up, decay).
   *
   * @param w weights
   * @param off offset of the first weight in {@code w}
   * @param state the slot arrays
   * @param stateOff offset of slot 0 of the first weight
   * @param slotStride distance between consecutive slots of one weight
   * @param g gradients
   * @param gOff offset of the first gradient in {@code g}
   * @param len number of weights
   * @param step the 1-based global step (Adam's bias correction)
   * @param learningRateScale factor on the learning rate, finite and {@code > 0} (1 = as
   *     configured)
   */
  void update(
      float[] w,
      int off,
      float[][] state,
      int stateOff,
      int slotStride,
      float[] g,
      int gOff,
      int len,
      long step,
      float learningRateScale);

  /** Plain SGD: {@code w -= lr·(g + l2·w)}. */
  record Sgd(double learningRate, double l2) implements Optimizer {
    /** Validates. */
    public Sgd {
      Check.positive("sgd.learningRate", learningRate);
      Check.nonNegative("sgd.l2", l2);
    }

    @Override
    public int slots() {
      return 0;
    }

    @Override
    public float initialSlotValue(int slot) {
      throw new IllegalArgumentException("sgd.slot=" + slot + " must not exist: SGD has no state");
    }

    @Override
    public void update(
        float[] w,
        int off,
        float[][] state,
        int stateOff,
        int slotStride,
        float[] g,
        int gOff,
        int len,
        long step,
        float learningRateScale) {
      float lr = (float) learningRate * learningRateScale;
      float l2f = (float) l2;
      for (int i = 0; i < len; i++) {
        float wi = w[off + i];
        w[off + i] = wi - lr * (g[gOff + i] + l2f * wi);
      }
    }
  }

  /**
   * Adagrad (Duchi et al. 2011): {@code a += g'²; w -= lr·g'/(sqrt(a)+eps)} with {@code g' = g +
   * l2·w} and {@code a} starting at {@code initialAccumulator}.
   */
  record Adagrad(double learningRate, double initialAccumulator, double epsilon, double l2)
      implements Optimizer {
    /** Validates. */
    public Adagrad {
      Check.positive("adagrad.learningRate", learningRate);
      Check.nonNegative("adagrad.initialAccumulator", initialAccumulator);
      Check.positive("adagrad.epsilon", epsilon);
      Check.nonNegative("adagrad.l2", l2);
    }

    /**
     * Adagrad with {@code initialAccumulator=1e-6}, {@code epsilon=1e-8} and no L2. The small
     * accumulator suits mean-over-batch losses, whose per-row gradients are of order 1/B.
     */
    public static Adagrad of(double learningRate) {
      return new Adagrad(learningRate, 1e-6, 1e-8, 0);
    }

    @Override
    public int slots() {
      return 1;
    }

    @Override
    public float initialSlotValue(int slot) {
      return (float) initialAccumulator;
    }

    @Override
    public void update(
        float[] w,
        int off,
        float[][] state,
        int stateOff,
        int slotStride,
        float[] g,
        int gOff,
        int len,
        long step,
        float learningRateScale) {
      float[] acc = state[0];
      float lr = (float) learningRate * learningRateScale;
      float eps = (float) epsilon;
      float l2f = (float) l2;
      for (int i = 0; i < len; i++) {
        int k = off + i;
        int sk = stateOff + i;
        float gi = g[gOff + i] + l2f * w[k];
        float a = acc[sk] + gi * gi;
        acc[sk] = a;
        w[k] -= lr * gi / ((float) Math.sqrt(a) + eps);
      }
    }
  }

  /**
   * Adam (Kingma and Ba 2015), lazy for sparse rows: moments of a row move only when the row is
   * touched, and bias correction uses the global step {@code t}: {@code m = b1·m + (1−b1)·g'; v =
   * b2·v + (1−b2)·g'²; w −= lr·(m/(1−b1^t)) / (sqrt(v/(1−b2^t)) + eps)} with {@code g' = g + l2·w}.
   */
  record Adam(double learningRate, double beta1, double beta2, double epsilon, double l2)
      implements Optimizer {
    /** Validates. */
    public Adam {
      Check.positive("adam.learningRate", learningRate);
      Check.arg(beta1 >= 0 && beta1 < 1, "adam.beta1", beta1, "must be in [0, 1)");
      Check.arg(beta2 >= 0 && beta2 < 1, "adam.beta2", beta2, "must be in [0, 1)");
      Check.positive("adam.epsilon", epsilon);
      Check.nonNegative("adam.l2", l2);
    }

    /** Adam with betas 0.9, 0.999, epsilon 1e-8 and no L2. */
    public static Adam of(double learningRate) {
      return new Adam(learningRate, 0.9, 0.999, 1e-8, 0);
    }

    @Override
    public int slots() {
      return 2;
    }

    @Override
    public float initialSlotValue(int slot) {
      return 0f;
    }

    @Override
    public void update(
        float[] w,
        int off,
        float[][] state,
        int stateOff,
        int slotStride,
        float[] g,
        int gOff,
        int len,
        long step,
        float learningRateScale) {
      Check.arg(step >= 1, "adam.step", step, "must be >= 1");
      float[] m = state[0];
      float[] v = state[1];
      float b1 = (float) beta1;
      float b2 = (float) beta2;
      float c1 = (float) (1 - Math.pow(beta1, step));
      float c2 = (float) (1 - Math.pow(beta2, step));
      float lr = (float) learningRate * learningRateScale;
      float eps = (float) epsilon;
      float l2f = (float) l2;
      for (int i = 0; i < len; i++) {
        int k = off + i;
        int mi = stateOff + i;
        int vi = stateOff + slotStride + i;
        float gi = g[gOff + i] + l2f * w[k];
        float mk = b1 * m[mi] + (1 - b1) * gi;
        float vk = b2 * v[vi] + (1 - b2) * gi * gi;
        m[mi] = mk;
        v[vi] = vk;
        w[k] -= lr * (mk / c1) / ((float) Math.sqrt(vk / c2) + eps);
      }
    }
  }

  /**
   * FTRL-Proximal (McMahan et al. 2013, "Ad Click Prediction: a View from the Trenches", Algorithm
   * 1), per coordinate, with L1 and L2: for gradient {@code g} of weight {@code w},
   *
   * <pre>{@code
   * sigma = (sqrt(n + g²) − sqrt(n)) / alpha
   * z    += g − sigma·w
   * n    += g²
   * w     = 0                                                   if |z| <= l1
   *       = −(z − sign(z)·l1) / ((beta + sqrt(n)) / alpha + l2)  otherwise
   * }</pre>
   *
   * <p>State: slot 0 is {@code z}, slot 1 is {@code n}, both starting at 0; the arithmetic runs in
   * double and is stored in float. L1 gives exact zeros: a weight whose accumulated {@code |z|}
   * stays within {@code l1} is exactly {@code 0}, which is what makes FTRL the classic optimizer of
   * sparse CTR models. The first update of a row replaces its initial value by the FTRL solution
   * (the initial value only enters through {@code sigma·w}); embedding rows that must stay non-zero
   * to learn (FM factors) want a small {@code l1}, or {@link Adagrad} for them and FTRL for the
   * linear weights ({@link TrainerConfig#tableOptimizers()}). A learning-rate scale multiplies
   * {@code alpha}.
   *
   * @param alpha the per-coordinate learning rate, {@code > 0}
   * @param beta the smoothing term of the per-coordinate rate, {@code >= 0} (1 in the paper)
   * @param l1 L1 strength, {@code >= 0}
   * @param l2 L2 strength, {@code >= 0}
   */
  record Ftrl(double alpha, double beta, double l1, double l2) implements Optimizer {
    /** Validates. */
    public Ftrl {
      Check.positive("ftrl.alpha", alpha);
      Check.nonNegative("ftrl.beta", beta);
      Check.nonNegative("ftrl.l1", l1);
      Check.nonNegative("ftrl.l2", l2);
    }

    /** FTRL with {@code beta=1} and no regularisation. */
    public static Ftrl of(double alpha) {
      return new Ftrl(alpha, 1, 0, 0);
    }

    @Override
    public int slots() {
      return 2;
    }

    @Override
    public float initialSlotValue(int slot) {
      return 0f;
    }

    @Override
    public void update(
        float[] w,
        int off,
        float[][] state,
        int stateOff,
        int slotStride,
        float[] g,
        int gOff,
        int len,
        long step,
        float learningRateScale) {
      float[] z = state[0];
      float[] n = state[1];
      double a = alpha * learningRateScale;
      for (int i = 0; i < len; i++) {
        int k = off + i;
        int zi = stateOff + i;
        int ni = stateOff + slotStride + i;
        double gi = g[gOff + i];
        double nOld = n[ni];
        double nNew = nOld + gi * gi;
        double sigma = (Math.sqrt(nNew) - Math.sqrt(nOld)) / a;
        double zNew = z[zi] + gi - sigma * w[k];
        z[zi] = (float) zNew;
        n[ni] = (float) nNew;
        w[k] =
            Math.abs(zNew) <= l1
                ? 0f
                : (float) (-(zNew - Math.signum(zNew) * l1) / ((beta + Math.sqrt(nNew)) / a + l2));
      }
    }
  }
}
