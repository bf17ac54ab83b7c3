package org.recsys4j.models.layers.sequence;

import java.nio.FloatBuffer;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.recsys4j.models.layers.dense.Activation;
import org.recsys4j.models.layers.host.HostKernel;
import org.recsys4j.models.layers.host.HostStep;

/**
 * The training forward and backward pass of {@link AttentionPooling} over the real (unmasked) steps
 * only, the function its TRAINING graph defines.
 *
 * <p>The real steps are packed into {@code R} rows; the first layer is one gemm of {@code [k, q⊙k]}
 * {@code [R,2D]} by {@code [Wk−Wd; Wp]} {@code [2D,H]} plus the per-row {@code q(Wq+Wd) + b0};
 * further layers and every backward product are ND4J gemms; activations, Dice's statistics, scores,
 * weights and pooling are element-wise Java passes over direct views of the same native arrays. The
 * rows are split at a batch row into {@value #TASKS} fixed blocks, each with its own buffers
 * (allocated once, grown when a block needs more rows) run through {@link HostStep#parallel};
 * reductions over the batch (Dice's statistics, parameter gradients) are summed block by block in
 * order, so results do not depend on the number of threads.
 */
final class AttentionKernel implements HostKernel {
  private static final int TASKS = 2;
  private static final double TINY = 1e-30;

  private final String name;
  private final int t;
  private final int d;
  private final int[] h;
  private final int layers;
  private final Activation act;
  private final boolean dice;
  private final boolean softmax;
  private final Block[] blocks = new Block[TASKS];

  // parameters of the step
  private final INDArray wStack; // [2D,H0]: Wk−Wd over Wp
  private final FloatBuffer wStackBuf;
  private final float[] wqd; // Wq+Wd [D,H0]
  private final INDArray[] w; // W<l> [H_{l−1},H_l], l ≥ 1
  private final float[][] bias; // b<l>
  private final float[][] alpha; // alpha<l> (PRELU, DICE)
  private float[] wout;
  private float bout;

  // the step's packing and forward values
  private int batch;
  private int real;
  private int[] rowStart = new int[1]; // [B+1], real steps of batch row b: [rowStart[b], +1)
  private int[] stepOf = new int[0]; // [R]: b·T + t of each real step
  private float[] prow = new float[0]; // [B,H0]: q(Wq+Wd) + b0
  private float[] grow = new float[0]; // [B,H0]: Σ_t ∂loss/∂z0 over the row's steps
  private float[] score = new float[0]; // [R]
  private float[] weight = new float[0]; // [R]
  private float[] gscore = new float[0]; // [R]
  private final float[][] mean;
  private final float[][] var;
  private final float[][] invStd;
  private final float[][] diceA; // backward: ∂loss/∂z += A·(z − μ) + B
  private final float[][] diceB;

  AttentionKernel(AttentionPooling layer, int t, int d) {
    this.name = layer.name();
    this.t = t;
    this.d = d;
    List<Integer> units = layer.units();
    this.layers = units.size();
    this.h = new int[layers];
    for (int l = 0; l < layers; l++) {
      h[l] = units.get(l);
    }
    this.act = layer.activation();
    this.dice = act == Activation.DICE;
    this.softmax = layer.normalization() == AttentionNormalization.SOFTMAX;
    this.wStack = Nd4j.create(DataType.FLOAT, 2L * d, h[0]);
    this.wStackBuf = wStack.data().asNioFloat();
    this.wqd = new float[d * h[0]];
    this.w = new INDArray[layers];
    for (int l = 1; l < layers; l++) {
      w[l] = Nd4j.create(DataType.FLOAT, h[l - 1], h[l]);
    }
    this.bias = new float[layers][];
    this.alpha = new float[layers][];
    this.mean = new float[layers][];
    this.var = new float[layers][];
    this.invStd = new float[layers][];
    this.diceA = new float[layers][];
    this.diceB = new float[layers][];
    for (int l = 0; l < layers; l++) {
      mean[l] = new float[h[l]];
      var[l] = new float[h[l]];
      invStd[l] = new float[h[l]];
      diceA[l] = new float[h[l]];
      diceB[l] = new float[h[l]];
    }
    for (int i = 0; i < TASKS; i++) {
      blocks[i] = new Block();
    }
  }

  private String param(String p) {
    return name + "/" + p;
  }

  // ---------------------------------------------------------------- forward

  @Override
  public void forward(HostStep step) {
    float[] keys = step.input(0);
    float[] query = step.input(1);
    pack(step.rows(), step.mask());
    readParameters(step);
    step.parallel(TASKS, i -> blocks[i].firstLayer(keys, query));
    for (int l = 0; l < layers; l++) {
      final int layer = l;
      if (l > 0) {
        step.parallel(TASKS, i -> blocks[i].hiddenLayer(layer));
      }
      if (dice) {
        diceStatistics(step, layer);
      }
      step.parallel(TASKS, i -> blocks[i].activate(layer));
    }
    float[] pooled = step.output(0);
    float[] weights = step.output(1);
    java.util.Arrays.fill(pooled, 0f);
    java.util.Arrays.fill(weights, 0f);
    step.parallel(TASKS, i -> blocks[i].weightsAndPool(keys, pooled, weights));
  }

  /** Finds the real steps and splits the batch rows into blocks of about equal real steps. */
  private void pack(int b, float[] mask) {
    batch = b;
    if (rowStart.length < b + 1) {
      rowStart = new int[b + 1];
    }
    if (stepOf.length < b * t) {
      stepOf = new int[b * t];
    }
    int r = 0;
    for (int i = 0; i < b; i++) {
      rowStart[i] = r;
      for (int s = 0; s < t; s++) {
        int idx = i * t + s;
        if (mask == null || mask[idx] != 0f) {
          stepOf[r++] = idx;
        }
      }
    }
    rowStart[b] = r;
    real = r;
    if (score.length < r) {
      int cap = Math.max(r, score.length * 5 / 4);
      score = new float[cap];
      weight = new float[cap];
      gscore = new float[cap];
    }
    if (prow.length < b * h[0]) {
      prow = new float[b * h[0]];
      grow = new float[b * h[0]];
    }
    int split = 0;
    while (split < b && rowStart[split] < r / 2) {
      split++;
    }
    int[] bounds = {0, split, b};
    for (int i = 0; i < TASKS; i++) {
      blocks[i].assign(bounds[i], bounds[i + 1]);
    }
  }

  private void readParameters(HostStep step) {
    float[] wq = step.parameter(param("Wq"));
    float[] wk = step.parameter(param("Wk"));
    float[] wd = step.parameter(param("Wd"));
    float[] wp = step.parameter(param("Wp"));
    int n = d * h[0];
    for (int i = 0; i < n; i++) {
      wStackBuf.put(i, wk[i] - wd[i]);
      wStackBuf.put(n + i, wp[i]);
      wqd[i] = wq[i] + wd[i];
    }
    bias[0] = step.parameter(param("b0"));
    for (int l = 1; l < layers; l++) {
      w[l].data().asNioFloat().put(0, step.parameter(param("W" + l)));
      bias[l] = step.parameter(param("b" + l));
    }
    if (act.isParametric()) {
      for (int l = 0; l < layers; l++) {
        alpha[l] = step.parameter(param("alpha" + l));
      }
    }
    wout = step.parameter(param("Wout"));
    bout = step.parameter(param("bout"))[0];
  }

  /**
   * Dice's mean and biased variance over the real steps (two passes, as the graph), reported as the
   * layer's batch statistics.
   */
  private void diceStatistics(HostStep step, int l) {
    int n = h[l];
    double cnt = Math.max(real, 1);
    for (int j = 0; j < n; j++) {
      double s = 0;
      for (Block blk : blocks) {
        s += blk.sum[l][j];
      }
      mean[l][j] = (float) (s / cnt);
    }
    step.parallel(TASKS, i -> blocks[i].centredSquares(l));
    for (int j = 0; j < n; j++) {
      double s = 0;
      for (Block blk : blocks) {
        s += blk.sum[l][j];
      }
      var[l][j] = (float) (s / cnt);
      invStd[l][j] = (float) (1.0 / Math.sqrt(var[l][j] + AttentionPooling.DICE_EPSILON));
    }
    step.batchStatistic(param("dice" + l + "_batch_mean"), mean[l].clone());
    step.batchStatistic(param("dice" + l + "_batch_var"), var[l].clone());
  }

  // ---------------------------------------------------------------- backward

  @Override
  public void backward(HostStep step) {
    float[] keys = step.input(0);
    float[] query = step.input(1);
    float[] gPooled = step.outputGradient(0);
    float[] gWeights = step.outputGradient(1);
    step.parallel(TASKS, i -> blocks[i].scoreGradient(keys, gPooled, gWeights));
    for (int l = layers - 1; l >= 0; l--) {
      final int layer = l;
      if (l < layers - 1) {
        step.parallel(TASKS, i -> blocks[i].hiddenBackward(layer + 1));
      }
      step.parallel(TASKS, i -> blocks[i].activationBackward(layer));
      if (dice) {
        diceBackwardCoefficients(layer);
        step.parallel(TASKS, i -> blocks[i].diceStatisticsBackward(layer));
      }
    }
    step.parallel(TASKS, i -> blocks[i].firstLayerBackward(keys, query, gPooled, step));
    writeParameterGradients(step);
  }

  /** From the blocks' sums: ∂loss/∂μ and ∂loss/∂var as the per-column A, B of the final pass. */
  private void diceBackwardCoefficients(int l) {
    double cnt = Math.max(real, 1);
    for (int j = 0; j < h[l]; j++) {
      double sumGu = 0;
      double sumGuC = 0;
      for (Block blk : blocks) {
        sumGu += blk.sum[l][j];
        sumGuC += blk.sum2[l][j];
      }
      double r = invStd[l][j];
      double gMean = -r * sumGu;
      double gVar = -0.5 * r * r * r * sumGuC;
      diceA[l][j] = (float) (2 * gVar / cnt);
      diceB[l][j] = (float) (gMean / cnt);
    }
  }

  private void writeParameterGradients(HostStep step) {
    int n = d * h[0];
    float[] gWq = step.parameterGradient(param("Wq"));
    float[] gWk = step.parameterGradient(param("Wk"));
    float[] gWd = step.parameterGradient(param("Wd"));
    float[] gWp = step.parameterGradient(param("Wp"));
    for (Block blk : blocks) {
      for (int i = 0; i < n; i++) {
        float gk = blk.gStack[i];
        float gq = blk.gWq[i];
        gWk[i] += gk;
        gWp[i] += blk.gStack[n + i];
        gWq[i] += gq;
        gWd[i] += gq - gk;
      }
    }
    for (int l = 0; l < layers; l++) {
      addColumns(step.parameterGradient(param("b" + l)), l, Block.BIAS);
      if (act.isParametric()) {
        addColumns(step.parameterGradient(param("alpha" + l)), l, Block.ALPHA);
      }
      if (l > 0) {
        float[] g = step.parameterGradient(param("W" + l));
        for (Block blk : blocks) {
          if (blk.n > 0) {
            float[] part = blk.gW[l];
            for (int i = 0; i < g.length; i++) {
              g[i] += part[i];
            }
          }
        }
      }
    }
    float[] gWout = step.parameterGradient(param("Wout"));
    float[] gBout = step.parameterGradient(param("bout"));
    int last = h[layers - 1];
    for (Block blk : blocks) {
      for (int j = 0; j < last; j++) {
        gWout[j] += (float) blk.gWout[j];
      }
      gBout[0] += (float) blk.gBout;
    }
  }

  private void addColumns(float[] g, int l, int which) {
    for (Block blk : blocks) {
      double[] part = which == Block.BIAS ? blk.gBias[l] : blk.gAlpha[l];
      for (int j = 0; j < h[l]; j++) {
        g[j] += (float) part[j];
      }
    }
  }

  // ---------------------------------------------------------------- element-wise helpers

  static float sigmoid(float u) {
    return (float) (1.0 / (1.0 + Math.exp(-u)));
  }

  // ---------------------------------------------------------------- one block of batch rows

  /** Batch rows {@code [b0,b1)}, real steps {@code [r0, r0+n)}, with their own buffers. */
  private final class Block {
    static final int BIAS = 0;
    static final int ALPHA = 1;

    int b0;
    int b1;
    int r0;
    int n;
    int cap;
    INDArray x; // [cap,2D]: [k, q⊙k], later ∂loss/∂[k, q⊙k]
    FloatBuffer xb;
    final INDArray[] z = new INDArray[layers]; // pre-activations
    final FloatBuffer[] zb = new FloatBuffer[layers];
    final INDArray[] y = new INDArray[layers]; // activations, later ∂loss/∂y (l < last)
    final FloatBuffer[] yb = new FloatBuffer[layers];
    final INDArray[] g = new INDArray[layers]; // ∂loss/∂z
    final FloatBuffer[] gb = new FloatBuffer[layers];
    final INDArray[] p = new INDArray[layers]; // Dice's p
    final FloatBuffer[] pb = new FloatBuffer[layers];
    final double[][] sum = new double[layers][];
    final double[][] sum2 = new double[layers][];
    final double[][] gBias = new double[layers][];
    final double[][] gAlpha = new double[layers][];
    final float[][] gW = new float[layers][];
    final INDArray[] gWpart = new INDArray[layers];
    final INDArray gStackPart;
    final float[] gStack;
    final float[] gWq;
    final double[] gWout;
    double gBout;
    final double[] rowAcc;

    Block() {
      for (int l = 0; l < layers; l++) {
        sum[l] = new double[h[l]];
        sum2[l] = new double[h[l]];
        gBias[l] = new double[h[l]];
        gAlpha[l] = new double[h[l]];
        if (l > 0) {
          gWpart[l] = Nd4j.create(DataType.FLOAT, h[l - 1], h[l]);
          gW[l] = new float[h[l - 1] * h[l]];
        }
      }
      gStackPart = Nd4j.create(DataType.FLOAT, 2L * d, h[0]);
      gStack = new float[2 * d * h[0]];
      gWq = new float[d * h[0]];
      gWout = new double[h[layers - 1]];
      rowAcc = new double[Math.max(h[0], d)];
    }

    void assign(int from, int to) {
      b0 = from;
      b1 = to;
      r0 = rowStart[from];
      n = rowStart[to] - r0;
      if (n > cap) {
        grow(Math.max(n, cap + cap / 4));
      }
    }

    private void grow(int rows) {
      cap = rows;
      x = Nd4j.create(DataType.FLOAT, rows, 2L * d);
      xb = x.data().asNioFloat();
      for (int l = 0; l < layers; l++) {
        z[l] = Nd4j.create(DataType.FLOAT, rows, h[l]);
        zb[l] = z[l].data().asNioFloat();
        y[l] = Nd4j.create(DataType.FLOAT, rows, h[l]);
        yb[l] = y[l].data().asNioFloat();
        g[l] = Nd4j.create(DataType.FLOAT, rows, h[l]);
        gb[l] = g[l].data().asNioFloat();
        if (dice) {
          p[l] = Nd4j.create(DataType.FLOAT, rows, h[l]);
          pb[l] = p[l].data().asNioFloat();
        }
      }
    }

    /** The first {@code n} rows of a buffer. */
    private INDArray rows(INDArray a) {
      return n == cap ? a : a.get(NDArrayIndex.interval(0, n), NDArrayIndex.all());
    }

    /** Packs {@code [k, q⊙k]}, the per-row term, and z0 = packed·Wstack + per-row term. */
    void firstLayer(float[] keys, float[] query) {
      int h0 = h[0];
      for (int b = b0; b < b1; b++) {
        for (int j = 0; j < h0; j++) {
          double s = bias[0][j];
          for (int k = 0; k < d; k++) {
            s += query[b * d + k] * wqd[k * h0 + j];
          }
          prow[b * h0 + j] = (float) s;
        }
      }
      if (n == 0) {
        java.util.Arrays.fill(sum[0], 0);
        return;
      }
      int d2 = 2 * d;
      for (int b = b0; b < b1; b++) {
        for (int r = rowStart[b]; r < rowStart[b + 1]; r++) {
          int base = (r - r0) * d2;
          int kb = stepOf[r] * d;
          for (int k = 0; k < d; k++) {
            float kv = keys[kb + k];
            xb.put(base + k, kv);
            xb.put(base + d + k, query[b * d + k] * kv);
          }
        }
      }
      Nd4j.gemm(rows(x), wStack, rows(z[0]), false, false, 1.0, 0.0);
      FloatBuffer zz = zb[0];
      for (int b = b0; b < b1; b++) {
        int pr = b * h0;
        for (int r = rowStart[b]; r < rowStart[b + 1]; r++) {
          int base = (r - r0) * h0;
          for (int j = 0; j < h0; j++) {
            zz.put(base + j, zz.get(base + j) + prow[pr + j]);
          }
        }
      }
      columnSums(0);
    }

    /** z_l = y_{l−1}·W_l + b_l, with its column sums. */
    void hiddenLayer(int l) {
      if (n == 0) {
        java.util.Arrays.fill(sum[l], 0);
        return;
      }
      Nd4j.gemm(rows(y[l - 1]), w[l], rows(z[l]), false, false, 1.0, 0.0);
      FloatBuffer zz = zb[l];
      float[] bl = bias[l];
      int hl = h[l];
      for (int i = 0; i < n; i++) {
        int base = i * hl;
        for (int j = 0; j < hl; j++) {
          zz.put(base + j, zz.get(base + j) + bl[j]);
        }
      }
      columnSums(l);
    }

    /** Σ z per column into {@link #sum} (Dice's mean). */
    private void columnSums(int l) {
      double[] s = sum[l];
      java.util.Arrays.fill(s, 0);
      if (!dice) {
        return;
      }
      FloatBuffer zz = zb[l];
      int hl = h[l];
      for (int i = 0; i < n; i++) {
        int base = i * hl;
        for (int j = 0; j < hl; j++) {
          s[j] += zz.get(base + j);
        }
      }
    }

    /** Σ (z − μ)² per column into {@link #sum}. */
    void centredSquares(int l) {
      double[] s = sum[l];
      java.util.Arrays.fill(s, 0);
      FloatBuffer zz = zb[l];
      float[] mu = mean[l];
      int hl = h[l];
      for (int i = 0; i < n; i++) {
        int base = i * hl;
        for (int j = 0; j < hl; j++) {
          float c = zz.get(base + j) - mu[j];
          s[j] += c * c;
        }
      }
    }

    /** y_l = f(z_l); after the last hidden layer, the scores. */
    void activate(int l) {
      int hl = h[l];
      FloatBuffer zz = zb[l];
      FloatBuffer yy = yb[l];
      float[] al = alpha[l];
      switch (act) {
        case DICE -> {
          FloatBuffer pp = pb[l];
          float[] mu = mean[l];
          float[] inv = invStd[l];
          for (int i = 0; i < n; i++) {
            int base = i * hl;
            for (int j = 0; j < hl; j++) {
              float v = zz.get(base + j);
              float pr = sigmoid((v - mu[j]) * inv[j]);
              pp.put(base + j, pr);
              yy.put(base + j, pr * v + (1 - pr) * al[j] * v);
            }
          }
        }
        case PRELU -> {
          for (int i = 0; i < n * hl; i++) {
            float v = zz.get(i);
            yy.put(i, v > 0 ? v : al[i % hl] * v);
          }
        }
        case RELU -> {
          for (int i = 0; i < n * hl; i++) {
            yy.put(i, Math.max(0f, zz.get(i)));
          }
        }
        case SIGMOID -> {
          for (int i = 0; i < n * hl; i++) {
            yy.put(i, sigmoid(zz.get(i)));
          }
        }
        case TANH -> {
          for (int i = 0; i < n * hl; i++) {
            yy.put(i, (float) Math.tanh(zz.get(i)));
          }
        }
        case LINEAR -> {
          for (int i = 0; i < n * hl; i++) {
            yy.put(i, zz.get(i));
          }
        }
      }
      if (l == layers - 1) {
        for (int i = 0; i < n; i++) {
          int base = i * hl;
          double s = bout;
          for (int j = 0; j < hl; j++) {
            s += yy.get(base + j) * wout[j];
          }
          score[r0 + i] = (float) s;
        }
      }
    }

    /** Weights per batch row (masked softmax or the raw scores), pooled = Σ a_t k_t. */
    void weightsAndPool(float[] keys, float[] pooled, float[] weights) {
      for (int b = b0; b < b1; b++) {
        int from = rowStart[b];
        int to = rowStart[b + 1];
        if (from == to) {
          continue;
        }
        if (softmax) {
          float max = Float.NEGATIVE_INFINITY;
          for (int r = from; r < to; r++) {
            max = Math.max(max, score[r]);
          }
          double den = 0;
          for (int r = from; r < to; r++) {
            float e = (float) Math.exp(score[r] - max);
            weight[r] = e;
            den += e;
          }
          float inv = (float) (1.0 / Math.max(den, TINY));
          for (int r = from; r < to; r++) {
            weight[r] *= inv;
          }
        } else {
          System.arraycopy(score, from, weight, from, to - from);
        }
        for (int r = from; r < to; r++) {
          float a = weight[r];
          int idx = stepOf[r];
          weights[idx] = a;
          int kb = idx * d;
          for (int k = 0; k < d; k++) {
            pooled[b * d + k] += a * keys[kb + k];
          }
        }
      }
    }

    /** ∂loss/∂score per real step, then ∂loss/∂z of the last hidden layer starts as gs·Wout. */
    void scoreGradient(float[] keys, float[] gPooled, float[] gWeights) {
      for (int b = b0; b < b1; b++) {
        int from = rowStart[b];
        int to = rowStart[b + 1];
        double dot = 0;
        for (int r = from; r < to; r++) {
          int idx = stepOf[r];
          double ga = gWeights[idx];
          for (int k = 0; k < d; k++) {
            ga += gPooled[b * d + k] * keys[idx * d + k];
          }
          gscore[r] = (float) ga;
          dot += weight[r] * ga;
        }
        if (softmax) {
          for (int r = from; r < to; r++) {
            gscore[r] = (float) (weight[r] * (gscore[r] - dot));
          }
        }
      }
      int last = layers - 1;
      int hl = h[last];
      FloatBuffer yy = yb[last];
      FloatBuffer gg = gb[last];
      java.util.Arrays.fill(gWout, 0);
      double gbo = 0;
      for (int i = 0; i < n; i++) {
        float gs = gscore[r0 + i];
        gbo += gs;
        int base = i * hl;
        for (int j = 0; j < hl; j++) {
          gWout[j] += gs * yy.get(base + j);
          gg.put(base + j, gs * wout[j]);
        }
      }
      gBout = gbo;
    }

    /** ∂W_l = y_{l−1}ᵀ·g_l; ∂loss/∂y_{l−1} = g_l·W_lᵀ into g_{l−1}. */
    void hiddenBackward(int l) {
      if (n == 0) {
        java.util.Arrays.fill(gW[l], 0f);
        return;
      }
      Nd4j.gemm(rows(y[l - 1]), rows(g[l]), gWpart[l], true, false, 1.0, 0.0);
      gWpart[l].data().asNioFloat().get(0, gW[l]);
      Nd4j.gemm(rows(g[l]), w[l], rows(g[l - 1]), false, true, 1.0, 0.0);
    }

    /**
     * g_l holds ∂loss/∂y_l; turns it into ∂loss/∂z_l (for Dice, the part with μ and var fixed, and
     * the sums that give their gradients), with the parameter sums.
     */
    void activationBackward(int l) {
      int hl = h[l];
      FloatBuffer zz = zb[l];
      FloatBuffer yy = yb[l];
      FloatBuffer gg = gb[l];
      float[] al = alpha[l];
      double[] ga = gAlpha[l];
      double[] gbias = gBias[l];
      java.util.Arrays.fill(ga, 0);
      java.util.Arrays.fill(gbias, 0);
      switch (act) {
        case DICE -> {
          FloatBuffer pp = pb[l];
          float[] mu = mean[l];
          float[] inv = invStd[l];
          double[] sGu = sum[l];
          double[] sGuC = sum2[l];
          java.util.Arrays.fill(sGu, 0);
          java.util.Arrays.fill(sGuC, 0);
          for (int i = 0; i < n; i++) {
            int base = i * hl;
            for (int j = 0; j < hl; j++) {
              float v = zz.get(base + j);
              float pr = pp.get(base + j);
              float gy = gg.get(base + j);
              float a = al[j];
              float gu = gy * v * (1 - a) * pr * (1 - pr);
              sGu[j] += gu;
              sGuC[j] += gu * (v - mu[j]);
              ga[j] += gy * (1 - pr) * v;
              gg.put(base + j, gy * (a + pr * (1 - a)) + gu * inv[j]);
            }
          }
          return; // the bias sum comes with the statistics' part
        }
        case PRELU -> {
          for (int i = 0; i < n; i++) {
            int base = i * hl;
            for (int j = 0; j < hl; j++) {
              float v = zz.get(base + j);
              float gy = gg.get(base + j);
              float gz;
              if (v > 0) {
                gz = gy;
              } else if (v < 0) {
                gz = gy * al[j];
                ga[j] += gy * v;
              } else {
                gz = 0;
              }
              gg.put(base + j, gz);
              gbias[j] += gz;
            }
          }
        }
        case RELU -> {
          for (int i = 0; i < n; i++) {
            int base = i * hl;
            for (int j = 0; j < hl; j++) {
              float gz = zz.get(base + j) > 0 ? gg.get(base + j) : 0f;
              gg.put(base + j, gz);
              gbias[j] += gz;
            }
          }
        }
        case SIGMOID -> {
          for (int i = 0; i < n; i++) {
            int base = i * hl;
            for (int j = 0; j < hl; j++) {
              float s = yy.get(base + j);
              float gz = gg.get(base + j) * s * (1 - s);
              gg.put(base + j, gz);
              gbias[j] += gz;
            }
          }
        }
        case TANH -> {
          for (int i = 0; i < n; i++) {
            int base = i * hl;
            for (int j = 0; j < hl; j++) {
              float s = yy.get(base + j);
              float gz = gg.get(base + j) * (1 - s * s);
              gg.put(base + j, gz);
              gbias[j] += gz;
            }
          }
        }
        case LINEAR -> {
          for (int i = 0; i < n; i++) {
            int base = i * hl;
            for (int j = 0; j < hl; j++) {
              gbias[j] += gg.get(base + j);
            }
          }
        }
      }
    }

    /** Dice: adds A·(z − μ) + B (the gradient through the batch mean and variance). */
    void diceStatisticsBackward(int l) {
      int hl = h[l];
      FloatBuffer zz = zb[l];
      FloatBuffer gg = gb[l];
      float[] mu = mean[l];
      float[] ca = diceA[l];
      float[] cb = diceB[l];
      double[] gbias = gBias[l];
      for (int i = 0; i < n; i++) {
        int base = i * hl;
        for (int j = 0; j < hl; j++) {
          float gz = gg.get(base + j) + ca[j] * (zz.get(base + j) - mu[j]) + cb[j];
          gg.put(base + j, gz);
          gbias[j] += gz;
        }
      }
    }

    /**
     * ∂Wstack = packedᵀ·g0, ∂packed = g0·Wstackᵀ; then the keys' and query's gradients and ∂Wq from
     * the per-row sums of g0.
     */
    void firstLayerBackward(float[] keys, float[] query, float[] gPooled, HostStep step) {
      int h0 = h[0];
      int d2 = 2 * d;
      java.util.Arrays.fill(gWq, 0f);
      if (n == 0) {
        java.util.Arrays.fill(gStack, 0f);
      } else {
        Nd4j.gemm(rows(x), rows(g[0]), gStackPart, true, false, 1.0, 0.0);
        gStackPart.data().asNioFloat().get(0, gStack);
        Nd4j.gemm(rows(g[0]), wStack, rows(x), false, true, 1.0, 0.0);
      }
      float[] gKeys = step.inputGradient(0);
      float[] gQuery = step.inputGradient(1);
      FloatBuffer gg = gb[0];
      for (int b = b0; b < b1; b++) {
        int from = rowStart[b];
        int to = rowStart[b + 1];
        if (from == to) {
          continue;
        }
        java.util.Arrays.fill(rowAcc, 0);
        for (int r = from; r < to; r++) {
          int base = (r - r0) * h0;
          for (int j = 0; j < h0; j++) {
            rowAcc[j] += gg.get(base + j);
          }
        }
        int pr = b * h0;
        for (int j = 0; j < h0; j++) {
          grow[pr + j] = (float) rowAcc[j];
        }
        int qb = b * d;
        java.util.Arrays.fill(rowAcc, 0);
        for (int r = from; r < to; r++) {
          int base = (r - r0) * d2;
          int kb = stepOf[r] * d;
          float a = weight[r];
          for (int k = 0; k < d; k++) {
            float gProd = xb.get(base + d + k);
            gKeys[kb + k] += xb.get(base + k) + gProd * query[qb + k] + a * gPooled[qb + k];
            rowAcc[k] += gProd * keys[kb + k];
          }
        }
        for (int k = 0; k < d; k++) {
          double s = rowAcc[k];
          for (int j = 0; j < h0; j++) {
            s += grow[pr + j] * wqd[k * h0 + j];
            gWq[k * h0 + j] += query[qb + k] * grow[pr + j];
          }
          gQuery[qb + k] += (float) s;
        }
      }
    }
  }
}
