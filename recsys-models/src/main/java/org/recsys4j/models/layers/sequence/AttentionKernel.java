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
 * weights and pooling are element-wise Java passes over chunks of rows small enough to stay in
 * cache, moved to and from the native gemm buffers by bulk copies. Every element-wise loop reads
 * and writes its arrays at the same index (per-column constants are tiled to the chunk's shape),
 * the form in which the JIT vectorises it. The rows are split at a batch row into {@value #TASKS}
 * fixed blocks, each with its own buffers (allocated once, grown when a block needs more rows) run
 * through {@link HostStep#parallel}; reductions over the batch (Dice's statistics, parameter
 * gradients) are summed block by block in order, so results do not depend on the number of threads.
 */
final class AttentionKernel implements HostKernel {
  /** The activations this kernel computes (an activation added later stays in the graph). */
  static final java.util.Set<Activation> SUPPORTED =
      java.util.EnumSet.of(
          Activation.RELU,
          Activation.TANH,
          Activation.SIGMOID,
          Activation.LINEAR,
          Activation.PRELU,
          Activation.DICE);

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
  private final boolean recency;
  private float[] beta; // <name>/recency [T], when the layer has the recency bias
  private final Block[] blocks = new Block[TASKS];

  // parameters of the step
  private final INDArray wStack; // [2D,H0]: Wk−Wd over Wp
  private final FloatBuffer wStackBuf;
  private final float[][] wqd; // Wq+Wd [D,H0], by rows
  private final float[][] wqdT; // its transpose [H0,D], by rows
  private final INDArray[] w; // W<l> [H_{l−1},H_l], l ≥ 1
  private final float[][] bias; // b<l>
  private final float[][] alpha; // alpha<l> (PRELU, DICE)
  private float[] wout;
  private float bout;

  // the step's packing and forward values
  private int real;
  private int[] rowStart = new int[1]; // [B+1], real steps of batch row b: [rowStart[b], +1)
  private int[] stepOf = new int[0]; // [R]: b·T + t of each real step
  private int[] batchOf = new int[0]; // [R]: b of each real step
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

  // per-column constants tiled to a chunk's shape [chunk[l], H_l]
  private static final int CHUNK_FLOATS = 4096;
  private final int[] chunk;
  private final float[][] muT;
  private final double[][] muLo; // [H_l]: exact mean − μ (float), folded into the backward's sums
  private final float[][] invT;
  private final float[][] aT;
  private final float[][] bT;
  private final float[][] alphaT;
  private final float[][] biasT;
  private final float[] woutT;

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
    this.recency = layer.recencyBias();
    this.wStack = Nd4j.create(DataType.FLOAT, 2L * d, h[0]);
    this.wStackBuf = wStack.data().asNioFloat();
    this.wqd = new float[d][h[0]];
    this.wqdT = new float[h[0]][d];
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
    this.chunk = new int[layers];
    this.muT = new float[layers][];
    this.muLo = new double[layers][];
    this.invT = new float[layers][];
    this.aT = new float[layers][];
    this.bT = new float[layers][];
    this.alphaT = new float[layers][];
    this.biasT = new float[layers][];
    for (int l = 0; l < layers; l++) {
      chunk[l] = Math.max(1, CHUNK_FLOATS / h[l]);
      int len = chunk[l] * h[l];
      muT[l] = new float[len];
      muLo[l] = new double[h[l]];
      invT[l] = new float[len];
      aT[l] = new float[len];
      bT[l] = new float[len];
      alphaT[l] = new float[len];
      biasT[l] = new float[len];
    }
    this.woutT = new float[chunk[layers - 1] * h[layers - 1]];
    for (int i = 0; i < TASKS; i++) {
      blocks[i] = new Block();
    }
  }

  /** Repeats the per-column {@code src} {@code [H_l]} over the rows of layer {@code l}'s tile. */
  private void tile(float[] src, int l, float[] dst) {
    for (int i = 0; i < chunk[l]; i++) {
      System.arraycopy(src, 0, dst, i * h[l], h[l]);
    }
  }

  private String param(String p) {
    return name + "/" + p;
  }

  /** The number of real steps after packed step {@code r} in its batch row (0 = most recent). */
  private int recencyOf(int r) {
    return rowStart[batchOf[r] + 1] - 1 - r;
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
    if (rowStart.length < b + 1) {
      rowStart = new int[b + 1];
    }
    if (stepOf.length < b * t) {
      stepOf = new int[b * t];
      batchOf = new int[b * t];
    }
    int r = 0;
    for (int i = 0; i < b; i++) {
      rowStart[i] = r;
      for (int s = 0; s < t; s++) {
        int idx = i * t + s;
        if (mask == null || mask[idx] != 0f) {
          batchOf[r] = i;
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
      wqd[i / h[0]][i % h[0]] = wq[i] + wd[i];
      wqdT[i % h[0]][i / h[0]] = wq[i] + wd[i];
    }
    bias[0] = step.parameter(param("b0"));
    for (int l = 1; l < layers; l++) {
      w[l].data().asNioFloat().put(0, step.parameter(param("W" + l)));
      bias[l] = step.parameter(param("b" + l));
      tile(bias[l], l, biasT[l]);
    }
    if (act.isParametric()) {
      for (int l = 0; l < layers; l++) {
        alpha[l] = step.parameter(param("alpha" + l));
        tile(alpha[l], l, alphaT[l]);
      }
    }
    wout = step.parameter(param("Wout"));
    bout = step.parameter(param("bout"))[0];
    if (recency) {
      beta = step.parameter(param("recency"));
    }
    tile(wout, layers - 1, woutT);
  }

  /**
   * Dice's mean and biased variance over the real steps, reported as the layer's batch statistics.
   * Corrected two passes: a first mean μ₀ from float partial sums, then Σ(z − μ₀) and Σ(z − μ₀)²
   * give the correction c = Σ(z − μ₀)/n, the mean μ₀ + c (rounded to the float μ that every later
   * pass centres with) and var = Σ(z − μ₀)²/n − c². The backward pass folds the residual μ₀ + c − μ
   * (at most half a float ulp of μ) into its per-column coefficients, so its centred values sum to
   * zero within float rounding of their own size, not of z's. With a tiny variance (two nearly
   * equal steps) a float μ alone would leave Σ(z − μ) ≠ 0, and the backward pass multiplies that by
   * ∂loss/∂var·2/n, which grows as var^(−3/2): a 1% error in a weight's gradient.
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
    tile(mean[l], l, muT[l]);
    step.parallel(TASKS, i -> blocks[i].centredSums(l));
    for (int j = 0; j < n; j++) {
      double s1 = 0;
      double s2 = 0;
      for (Block blk : blocks) {
        s1 += blk.sum2[l][j];
        s2 += blk.sum[l][j];
      }
      double c = s1 / cnt;
      double exact = mean[l][j] + c;
      mean[l][j] = (float) exact;
      muLo[l][j] = exact - mean[l][j];
      var[l][j] = (float) Math.max(s2 / cnt - c * c, 0);
      invStd[l][j] = (float) (1.0 / Math.sqrt(var[l][j] + AttentionPooling.DICE_EPSILON));
    }
    tile(mean[l], l, muT[l]);
    tile(invStd[l], l, invT[l]);
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
      // the blocks centred with the float μ, the exact mean being μ + c:
      // Σ gu·(z − μ − c) = Σ gu·(z − μ) − c·Σ gu, and A·(z − μ − c) + B = A·(z − μ) + (B − A·c)
      double c = muLo[l][j];
      sumGuC -= c * sumGu;
      double r = invStd[l][j];
      double gMean = -r * sumGu;
      double gVar = -0.5 * r * r * r * sumGuC;
      double a = 2 * gVar / cnt;
      diceA[l][j] = (float) a;
      diceB[l][j] = (float) (gMean / cnt - a * c);
    }
    tile(diceA[l], l, aT[l]);
    tile(diceB[l], l, bT[l]);
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
        float gq = blk.gWq[i / h[0]][i % h[0]];
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
    if (recency) {
      float[] gBeta = step.parameterGradient(param("recency"));
      for (Block blk : blocks) {
        for (int j = 0; j < t; j++) {
          gBeta[j] += (float) blk.gBeta[j];
        }
      }
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

  // ---------------------------------------------------------------- one block of batch rows

  /**
   * Batch rows {@code [b0,b1)}, real steps {@code [r0, r0+n)}, with their own buffers: native
   * arrays for what a gemm reads or writes, Java arrays for the rest, and chunk scratch.
   */
  private final class Block {
    static final int BIAS = 0;
    static final int ALPHA = 1;

    /** Chunks between folds of the float tile accumulators into the double column sums. */
    private static final int FOLD_EVERY = 32;

    int b0;
    int b1;
    int r0;
    int n;
    int cap;
    INDArray x; // [cap,2D]: [k, q⊙k], later ∂loss/∂[k, q⊙k]
    FloatBuffer xb;
    final INDArray[] z = new INDArray[layers]; // pre-activations (gemm output)
    final FloatBuffer[] zb = new FloatBuffer[layers];
    final float[][] zj = new float[layers][]; // pre-activations with the bias
    final float[][] pj = new float[layers][]; // Dice's p, later ∂loss/∂z with μ, var fixed
    final INDArray[] y = new INDArray[layers]; // activations (l < last: the next gemm's input)
    final FloatBuffer[] yb = new FloatBuffer[layers];
    final INDArray[] g = new INDArray[layers]; // ∂loss/∂y (gemm output), then ∂loss/∂z
    final FloatBuffer[] gb = new FloatBuffer[layers];
    final double[][] sum = new double[layers][];
    final double[][] sum2 = new double[layers][];
    final double[][] gBias = new double[layers][];
    final double[][] gAlpha = new double[layers][];
    final float[][] gW = new float[layers][];
    final INDArray[] gWpart = new INDArray[layers];
    final INDArray gStackPart;
    final float[] gStack;
    final float[][] gWq;
    final double[] gWout;
    double gBout;
    final double[] gBeta; // ∂loss/∂β by recency, over the block's real steps
    final float[] rowAcc;
    final float[] rowTmp;
    final float[] rowSum;
    // chunk scratch and per-element accumulators, [chunk[l]·H_l] used
    final float[] s1;
    final float[] s2;
    final float[] s3;
    final float[] s4;
    final float[] acc1;
    final float[] acc2;
    final float[] acc3;
    final float[] acc4;
    final float[] acc5;

    Block() {
      int maxTile = 0;
      for (int l = 0; l < layers; l++) {
        maxTile = Math.max(maxTile, chunk[l] * h[l]);
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
      gWq = new float[d][h[0]];
      gWout = new double[h[layers - 1]];
      gBeta = new double[t];
      rowAcc = new float[d];
      rowTmp = new float[h[0]];
      rowSum = new float[h[0]];
      s1 = new float[Math.max(maxTile, 2 * d * t)];
      s2 = new float[maxTile];
      s3 = new float[maxTile];
      s4 = new float[maxTile];
      acc1 = new float[maxTile];
      acc2 = new float[maxTile];
      acc3 = new float[maxTile];
      acc4 = new float[maxTile];
      acc5 = new float[maxTile];
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
        zj[l] = new float[rows * h[l]];
        if (l < layers - 1) {
          y[l] = Nd4j.create(DataType.FLOAT, rows, h[l]);
          yb[l] = y[l].data().asNioFloat();
        }
        g[l] = Nd4j.create(DataType.FLOAT, rows, h[l]);
        gb[l] = g[l].data().asNioFloat();
        if (dice) {
          pj[l] = new float[rows * h[l]];
        }
      }
    }

    /** The first {@code n} rows of a buffer. */
    private INDArray rows(INDArray a) {
      return n == cap ? a : a.get(NDArrayIndex.interval(0, n), NDArrayIndex.all());
    }

    /** Adds the per-element accumulator {@code acc} (layer {@code l}'s tile) into {@code col}. */
    private void fold(float[] acc, double[] col, int l) {
      int hl = h[l];
      int len = chunk[l] * hl;
      for (int k = 0; k < len; k += hl) {
        for (int j = 0; j < hl; j++) {
          col[j] += acc[k + j];
        }
      }
      java.util.Arrays.fill(acc, 0, len, 0f);
    }

    private static boolean foldNow(int c) {
      return c % FOLD_EVERY == FOLD_EVERY - 1;
    }

    /** Packs {@code [k, q⊙k]}, the per-row term, and z0 = packed·Wstack + per-row term. */
    void firstLayer(float[] keys, float[] query) {
      int h0 = h[0];
      float[] acc = rowSum;
      for (int b = b0; b < b1; b++) {
        System.arraycopy(bias[0], 0, acc, 0, h0);
        for (int k = 0; k < d; k++) {
          float qk = query[b * d + k];
          float[] wr = wqd[k];
          for (int j = 0; j < h0; j++) {
            acc[j] += qk * wr[j];
          }
        }
        System.arraycopy(acc, 0, prow, b * h0, h0);
      }
      java.util.Arrays.fill(sum[0], 0);
      if (n == 0) {
        return;
      }
      int d2 = 2 * d;
      int ch = Math.max(1, s1.length / d2);
      for (int i0 = 0; i0 < n; i0 += ch) {
        int m = Math.min(ch, n - i0);
        for (int i = 0; i < m; i++) {
          int r = r0 + i0 + i;
          int kb = stepOf[r] * d;
          int qb = batchOf[r] * d;
          int base = i * d2;
          for (int k = 0; k < d; k++) {
            float kv = keys[kb + k];
            s1[base + k] = kv;
            s1[base + d + k] = query[qb + k] * kv;
          }
        }
        xb.put(i0 * d2, s1, 0, m * d2);
      }
      Nd4j.gemm(rows(x), wStack, rows(z[0]), false, false, 1.0, 0.0);
      loadZ(0);
    }

    /** z_l = y_{l−1}·W_l + b_l. */
    void hiddenLayer(int l) {
      java.util.Arrays.fill(sum[l], 0);
      if (n == 0) {
        return;
      }
      Nd4j.gemm(rows(y[l - 1]), w[l], rows(z[l]), false, false, 1.0, 0.0);
      loadZ(l);
    }

    /** Copies z_l to Java, adds the bias (per batch row for layer 0), sums the columns for Dice. */
    private void loadZ(int l) {
      int hl = h[l];
      int ch = chunk[l];
      float[] v = s1;
      float[] acc = acc1;
      java.util.Arrays.fill(acc, 0f);
      for (int i0 = 0, c = 0; i0 < n; i0 += ch, c++) {
        int m = Math.min(ch, n - i0);
        int off = i0 * hl;
        int len = m * hl;
        zb[l].get(off, v, 0, len);
        float[] add = biasT[l];
        if (l == 0) {
          add = s2;
          for (int i = 0; i < m; i++) {
            System.arraycopy(prow, batchOf[r0 + i0 + i] * hl, add, i * hl, hl);
          }
        }
        if (dice) {
          for (int k = 0; k < len; k++) {
            float zv = v[k] + add[k];
            v[k] = zv;
            acc[k] += zv;
          }
          if (foldNow(c)) {
            fold(acc, sum[l], l);
          }
        } else {
          for (int k = 0; k < len; k++) {
            v[k] += add[k];
          }
        }
        System.arraycopy(v, 0, zj[l], off, len);
      }
      fold(acc, sum[l], l);
    }

    /** Σ (z − μ₀)² per column into {@link #sum} and Σ (z − μ₀) into {@link #sum2}. */
    void centredSums(int l) {
      java.util.Arrays.fill(sum[l], 0);
      java.util.Arrays.fill(sum2[l], 0);
      int hl = h[l];
      int ch = chunk[l];
      float[] mu = muT[l];
      float[] v = s1;
      float[] acc = acc1;
      float[] accC = acc2;
      for (int i0 = 0, c = 0; i0 < n; i0 += ch, c++) {
        int m = Math.min(ch, n - i0);
        int len = m * hl;
        System.arraycopy(zj[l], i0 * hl, v, 0, len);
        for (int k = 0; k < len; k++) {
          float cv = v[k] - mu[k];
          accC[k] += cv;
          acc[k] += cv * cv;
        }
        if (foldNow(c)) {
          fold(acc, sum[l], l);
          fold(accC, sum2[l], l);
        }
      }
      fold(acc, sum[l], l);
      fold(accC, sum2[l], l);
    }

    /**
     * y = f(z) over {@code len} elements of a chunk: z in {@link #s1}, y into {@link #s3}; for
     * Dice, p computed into {@link #s2} ({@code computeP}) or read from it.
     */
    private void values(int l, int len, boolean computeP) {
      float[] zv = s1;
      float[] pv = s2;
      float[] out = s3;
      float[] al = alphaT[l];
      switch (act) {
        case DICE -> {
          if (computeP) {
            float[] mu = muT[l];
            float[] inv = invT[l];
            for (int k = 0; k < len; k++) {
              pv[k] = FloatMath.sigmoid((zv[k] - mu[k]) * inv[k]);
            }
          }
          for (int k = 0; k < len; k++) {
            float a = al[k];
            out[k] = zv[k] * (a + pv[k] * (1 - a));
          }
        }
        case PRELU -> {
          for (int k = 0; k < len; k++) {
            out[k] = Math.max(zv[k], 0f) + al[k] * Math.min(zv[k], 0f);
          }
        }
        case RELU -> {
          for (int k = 0; k < len; k++) {
            out[k] = Math.max(zv[k], 0f);
          }
        }
        case SIGMOID -> {
          for (int k = 0; k < len; k++) {
            out[k] = FloatMath.sigmoid(zv[k]);
          }
        }
        case TANH -> {
          for (int k = 0; k < len; k++) {
            out[k] = FloatMath.tanh(zv[k]);
          }
        }
        case LINEAR -> System.arraycopy(zv, 0, out, 0, len);
      }
    }

    /** y_l = f(z_l) (to native memory for the next gemm); after the last layer, the scores. */
    void activate(int l) {
      int hl = h[l];
      int ch = chunk[l];
      boolean last = l == layers - 1;
      for (int i0 = 0; i0 < n; i0 += ch) {
        int m = Math.min(ch, n - i0);
        int off = i0 * hl;
        int len = m * hl;
        System.arraycopy(zj[l], off, s1, 0, len);
        values(l, len, true);
        if (dice) {
          System.arraycopy(s2, 0, pj[l], off, len);
        }
        if (!last) {
          yb[l].put(off, s3, 0, len);
        } else {
          float[] yv = s3;
          for (int k = 0; k < len; k++) {
            yv[k] *= woutT[k];
          }
          for (int i = 0; i < m; i++) {
            int base = i * hl;
            float s = 0f;
            for (int j = 0; j < hl; j++) {
              s += yv[base + j];
            }
            int r = r0 + i0 + i;
            score[r] = recency ? s + bout + beta[recencyOf(r)] : s + bout;
          }
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

    /** ∂loss/∂score per real step (through the pooling and the normalisation). */
    void scoreGradient(float[] keys, float[] gPooled, float[] gWeights) {
      java.util.Arrays.fill(gBeta, 0);
      for (int b = b0; b < b1; b++) {
        int from = rowStart[b];
        int to = rowStart[b + 1];
        java.util.Arrays.fill(grow, b * h[0], (b + 1) * h[0], 0f);
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
        if (recency) {
          for (int r = from; r < to; r++) {
            gBeta[to - 1 - r] += gscore[r];
          }
        }
      }
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
     * From ∂loss/∂y_l (the scores' gradient times Wout for the last layer, else g_l): ∂loss/∂z_l
     * into g_l, or for Dice its part with μ and var fixed into {@link #pj} and the sums that give
     * their gradients; with the parameter sums.
     */
    void activationBackward(int l) {
      int hl = h[l];
      int ch = chunk[l];
      boolean last = l == layers - 1;
      boolean needY = last || act == Activation.SIGMOID || act == Activation.TANH;
      java.util.Arrays.fill(gAlpha[l], 0);
      java.util.Arrays.fill(gBias[l], 0);
      java.util.Arrays.fill(sum[l], 0);
      java.util.Arrays.fill(sum2[l], 0);
      if (last) {
        java.util.Arrays.fill(gWout, 0);
        gBout = 0;
      }
      float[] zv = s1;
      float[] pv = s2;
      float[] yv = s3;
      float[] gy = s4;
      float[] al = alphaT[l];
      for (int i0 = 0, c = 0; i0 < n; i0 += ch, c++) {
        int m = Math.min(ch, n - i0);
        int off = i0 * hl;
        int len = m * hl;
        System.arraycopy(zj[l], off, zv, 0, len);
        if (dice) {
          System.arraycopy(pj[l], off, pv, 0, len);
        }
        if (needY) {
          values(l, len, false);
        }
        if (last) {
          for (int i = 0; i < m; i++) {
            float gs = gscore[r0 + i0 + i];
            gBout += gs;
            java.util.Arrays.fill(gy, i * hl, (i + 1) * hl, gs);
          }
          float[] wo = woutT;
          for (int k = 0; k < len; k++) {
            float gs = gy[k];
            acc4[k] += gs * yv[k];
            gy[k] = gs * wo[k];
          }
        } else {
          gb[l].get(off, gy, 0, len);
        }
        switch (act) {
          case DICE -> {
            float[] mu = muT[l];
            float[] inv = invT[l];
            float[] gu = yv; // y is no longer needed
            // three short loops: the JIT does not vectorise one loop over this many arrays
            for (int k = 0; k < len; k++) {
              float pr = pv[k];
              float gk = gy[k] * zv[k] * (1 - al[k]) * pr * (1 - pr);
              gu[k] = gk;
              acc1[k] += gk;
            }
            for (int k = 0; k < len; k++) {
              acc2[k] += gu[k] * (zv[k] - mu[k]);
              acc3[k] += gy[k] * (1 - pv[k]) * zv[k];
            }
            for (int k = 0; k < len; k++) {
              float a = al[k];
              pv[k] = gy[k] * (a + pv[k] * (1 - a)) + gu[k] * inv[k];
            }
            System.arraycopy(pv, 0, pj[l], off, len);
          }
          case PRELU -> {
            for (int k = 0; k < len; k++) {
              float v = zv[k];
              float gyv = gy[k];
              acc3[k] += gyv * Math.min(v, 0f);
              gy[k] = v > 0 ? gyv : v < 0 ? gyv * al[k] : 0f;
            }
          }
          case RELU -> {
            for (int k = 0; k < len; k++) {
              gy[k] = zv[k] > 0 ? gy[k] : 0f;
            }
          }
          case SIGMOID -> {
            for (int k = 0; k < len; k++) {
              gy[k] *= yv[k] * (1 - yv[k]);
            }
          }
          case TANH -> {
            for (int k = 0; k < len; k++) {
              gy[k] *= 1 - yv[k] * yv[k];
            }
          }
          case LINEAR -> {}
        }
        if (!dice) {
          store(l, i0, m, gy, c);
        }
        if (foldNow(c)) {
          foldBackward(l, last);
        }
      }
      foldBackward(l, last);
      if (!dice) {
        fold(acc5, gBias[l], l);
      }
    }

    /** Folds the accumulators {@link #activationBackward} uses (not the bias's, see store). */
    private void foldBackward(int l, boolean last) {
      if (dice) {
        fold(acc1, sum[l], l);
        fold(acc2, sum2[l], l);
      }
      if (act.isParametric()) {
        fold(acc3, gAlpha[l], l);
      }
      if (last) {
        fold(acc4, gWout, l);
      }
    }

    /** Dice: ∂loss/∂z = the part in {@link #pj} + A·(z − μ) + B (through the batch statistics). */
    void diceStatisticsBackward(int l) {
      int hl = h[l];
      int ch = chunk[l];
      float[] zv = s1;
      float[] pv = s2;
      float[] gz = s4;
      float[] mu = muT[l];
      float[] ca = aT[l];
      float[] cb = bT[l];
      for (int i0 = 0, c = 0; i0 < n; i0 += ch, c++) {
        int m = Math.min(ch, n - i0);
        int off = i0 * hl;
        int len = m * hl;
        System.arraycopy(zj[l], off, zv, 0, len);
        System.arraycopy(pj[l], off, pv, 0, len);
        for (int k = 0; k < len; k++) {
          gz[k] = pv[k] + ca[k] * (zv[k] - mu[k]) + cb[k];
        }
        store(l, i0, m, gz, c);
      }
      fold(acc5, gBias[l], l);
    }

    /**
     * Writes ∂loss/∂z_l of a chunk's rows {@code [i0, i0+m)} to native memory, adds it to the bias
     * accumulator and, for layer 0, to the per-batch-row sums.
     */
    private void store(int l, int i0, int m, float[] gz, int c) {
      int hl = h[l];
      int len = m * hl;
      gb[l].put(i0 * hl, gz, 0, len);
      float[] acc = acc5;
      for (int k = 0; k < len; k++) {
        acc[k] += gz[k];
      }
      if (foldNow(c)) {
        fold(acc, gBias[l], l);
      }
      if (l == 0) {
        int i = 0;
        while (i < m) {
          int b = batchOf[r0 + i0 + i];
          java.util.Arrays.fill(rowSum, 0f);
          while (i < m && batchOf[r0 + i0 + i] == b) {
            System.arraycopy(gz, i * hl, rowTmp, 0, hl);
            for (int j = 0; j < hl; j++) {
              rowSum[j] += rowTmp[j];
            }
            i++;
          }
          int rb = b * hl;
          for (int j = 0; j < hl; j++) {
            grow[rb + j] += rowSum[j];
          }
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
      for (float[] gw : gWq) {
        java.util.Arrays.fill(gw, 0f);
      }
      if (n == 0) {
        java.util.Arrays.fill(gStack, 0f);
      } else {
        Nd4j.gemm(rows(x), rows(g[0]), gStackPart, true, false, 1.0, 0.0);
        gStackPart.data().asNioFloat().get(0, gStack);
        Nd4j.gemm(rows(g[0]), wStack, rows(x), false, true, 1.0, 0.0);
      }
      float[] gKeys = step.inputGradient(0);
      float[] gQuery = step.inputGradient(1);
      for (int b = b0; b < b1; b++) {
        int from = rowStart[b];
        int to = rowStart[b + 1];
        if (from == to) {
          continue;
        }
        int pr = b * h0;
        int qb = b * d;
        float[] gq = rowAcc;
        java.util.Arrays.fill(gq, 0f);
        float[] gx = s1;
        xb.get((from - r0) * d2, gx, 0, (to - from) * d2);
        for (int r = from; r < to; r++) {
          int base = (r - from) * d2;
          int kb = stepOf[r] * d;
          float a = weight[r];
          for (int k = 0; k < d; k++) {
            float gProd = gx[base + d + k];
            gKeys[kb + k] += gx[base + k] + gProd * query[qb + k] + a * gPooled[qb + k];
            gq[k] += gProd * keys[kb + k];
          }
        }
        float[] gr = rowTmp;
        System.arraycopy(grow, pr, gr, 0, h0);
        for (int k = 0; k < d; k++) {
          float qk = query[qb + k];
          float[] gw = gWq[k];
          for (int j = 0; j < h0; j++) {
            gw[j] += qk * gr[j];
          }
        }
        for (int j = 0; j < h0; j++) {
          float gj = gr[j];
          float[] wr = wqdT[j];
          for (int k = 0; k < d; k++) {
            gq[k] += gj * wr[k];
          }
        }
        for (int k = 0; k < d; k++) {
          gQuery[qb + k] += gq[k];
        }
      }
    }
  }
}
