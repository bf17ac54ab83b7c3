package org.recsys4j.models.layers.sequence;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.function.Function;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.recsys4j.core.Check;
import org.recsys4j.models.layers.host.HostKernel;
import org.recsys4j.models.layers.host.HostStep;

/**
 * {@link Gru}'s training forward and backward pass (backpropagation through time) on the host: the
 * function {@link Gru#define} builds in a TRAINING graph, computed over the real steps only.
 *
 * <p>The batch is split into two row blocks, each run on its own thread with its own buffers and
 * parameter-gradient partials (summed at the end). In a block, the steps whose mask is not 0 are
 * packed step by step ({@code p} runs over step 0's real rows, then step 1's, ...), so each step's
 * rows are one contiguous range. The input parts {@code x·[W_r|W_u]} and {@code x·W_h} of all
 * packed rows are two ND4J products; per step, {@code h·[U_r|U_u]} and {@code (r⊙h)·U_h} are ND4J
 * products over the step's range and the gates are element-wise Java loops. Backward runs the steps
 * in reverse with two products per step; the weight, recurrent and input gradients are products
 * over all packed rows at the end. A masked row at step t carries its state (and its state's
 * gradient) unchanged, so it costs nothing but the copy of its state into ALL_STATES.
 *
 * <p>Buffers are allocated once per batch size and reused; not thread-safe (one trainer).
 */
final class GruKernel implements HostKernel {
  private final String name;
  private final GruKind kind;
  private final boolean allStates;
  private final boolean masked;
  private final int t;
  private final int d;
  private final int h;

  /** Columns of the reset(-and-update) group: H for AGRU, 2H otherwise. */
  private final int gw;

  /**
   * {@code [W_r|W_u]} {@code [D,gw]}, {@code W_h} {@code [D,H]}, {@code [U_r|U_u]}, {@code U_h}.
   */
  private final INDArray wru;

  private final INDArray wc;
  private final INDArray uru;
  private final INDArray uh;
  private final float[] bru;
  private final float[] bc;

  private Block[] blocks = new Block[0];
  private int rows = -1;

  GruKernel(Gru layer, int t, int d, boolean masked) {
    this.name = layer.name();
    this.kind = layer.kind();
    this.allStates = layer.output() == GruOutput.ALL_STATES;
    this.masked = masked;
    this.t = t;
    this.d = d;
    this.h = layer.hiddenSize();
    this.gw = kind == GruKind.AGRU ? h : 2 * h;
    wru = Nd4j.create(DataType.FLOAT, d, gw);
    wc = Nd4j.create(DataType.FLOAT, d, h);
    uru = Nd4j.create(DataType.FLOAT, h, gw);
    uh = Nd4j.create(DataType.FLOAT, h, h);
    bru = new float[gw];
    bc = new float[h];
  }

  /**
   * The states of every block, on {@link HostStep#parallel}.
   *
   * @throws IllegalArgumentException if an input's length is not that of {@code step.rows()} rows
   */
  @Override
  public void forward(HostStep step) {
    int b = step.rows();
    Check.arg(
        step.input(0).length == b * t * d,
        name + ".input.length",
        step.input(0).length,
        "must be rows·T·D = " + b + "·" + t + "·" + d);
    if (kind != GruKind.GRU) {
      Check.arg(
          step.input(1).length == b * t,
          name + ".attention.length",
          step.input(1).length,
          "must be rows·T = " + b + "·" + t);
    }
    if (b != rows) {
      int n = Math.min(2, b);
      blocks = new Block[n];
      for (int k = 0; k < n; k++) {
        blocks[k] = new Block(k * b / n, (k + 1) * b / n);
      }
      rows = b;
    }
    boolean update = kind != GruKind.AGRU;
    putColumns(wru, step.parameter(name + "/W_r"), d, 0);
    putColumns(uru, step.parameter(name + "/U_r"), h, 0);
    System.arraycopy(step.parameter(name + "/b_r"), 0, bru, 0, h);
    if (update) {
      putColumns(wru, step.parameter(name + "/W_u"), d, h);
      putColumns(uru, step.parameter(name + "/U_u"), h, h);
      System.arraycopy(step.parameter(name + "/b_u"), 0, bru, h, h);
    }
    putColumns(wc, step.parameter(name + "/W_h"), d, 0);
    putColumns(uh, step.parameter(name + "/U_h"), h, 0);
    System.arraycopy(step.parameter(name + "/b_h"), 0, bc, 0, h);
    step.parallel(blocks.length, k -> blocks[k].forward(step));
  }

  /** BPTT in every block, then the blocks' parameter partials summed into the gradients. */
  @Override
  public void backward(HostStep step) {
    step.parallel(blocks.length, k -> blocks[k].backward(step));
    boolean update = kind != GruKind.AGRU;
    addColumns(step.parameterGradient(name + "/W_r"), b -> b.dwru, d, 0);
    addColumns(step.parameterGradient(name + "/U_r"), b -> b.duru, h, 0);
    addColumns(step.parameterGradient(name + "/b_r"), b -> b.dbru, 1, 0);
    if (update) {
      addColumns(step.parameterGradient(name + "/W_u"), b -> b.dwru, d, h);
      addColumns(step.parameterGradient(name + "/U_u"), b -> b.duru, h, h);
      addColumns(step.parameterGradient(name + "/b_u"), b -> b.dbru, 1, h);
    }
    addColumns(step.parameterGradient(name + "/W_h"), b -> b.dwc, d, 0);
    addColumns(step.parameterGradient(name + "/U_h"), b -> b.duh, h, 0);
    addColumns(step.parameterGradient(name + "/b_h"), b -> b.dbc, 1, 0);
  }

  /** Writes {@code v [R,H]} into columns {@code [from, from+H)} of {@code dst [R,W]}. */
  private void putColumns(INDArray dst, float[] v, int rowCount, int from) {
    FloatBuffer fb = dst.data().asNioFloat();
    int w = (int) dst.size(1);
    for (int k = 0; k < rowCount; k++) {
      fb.put(k * w + from, v, k * h, h);
    }
  }

  /** Adds columns {@code [from, from+H)} of every block's partial {@code [R,W]} into {@code g}. */
  private void addColumns(float[] g, Function<Block, float[]> partial, int rowCount, int from) {
    for (Block blk : blocks) {
      float[] p = partial.apply(blk);
      int w = p.length / rowCount;
      for (int k = 0; k < rowCount; k++) {
        for (int j = 0; j < h; j++) {
          g[k * h + j] += p[k * w + from + j];
        }
      }
    }
  }

  private static INDArray matrix(int rowCount, int cols) {
    return Nd4j.create(DataType.FLOAT, rowCount, cols);
  }

  /**
   * An ND4J matrix {@code [capacity, cols]} allocated once, its direct buffer, and views of its
   * first n rows (cached by n when {@code cached}, for the per-step products).
   */
  private static final class Rows {
    final INDArray array;
    final FloatBuffer buf;
    final int cols;
    private final INDArray[] views;

    Rows(int capacity, int cols, boolean cached) {
      this.array = Nd4j.create(DataType.FLOAT, capacity, cols);
      this.buf = array.data().asNioFloat();
      this.cols = cols;
      this.views = cached ? new INDArray[capacity + 1] : null;
    }

    /** The first n rows (n ≥ 1). */
    INDArray first(int n) {
      if (views == null) {
        return array.get(NDArrayIndex.interval(0, n), NDArrayIndex.all());
      }
      INDArray v = views[n];
      if (v == null) {
        v = array.get(NDArrayIndex.interval(0, n), NDArrayIndex.all());
        views[n] = v;
      }
      return v;
    }

    /** Rows {@code [from, from+n)} of {@code src} (row-major, same width) into the first n rows. */
    void put(float[] src, int from, int n) {
      buf.put(0, src, from * cols, n * cols);
    }

    /** The first n rows into rows {@code [to, to+n)} of {@code dst} (row-major, same width). */
    void get(float[] dst, int to, int n) {
      buf.get(0, dst, to * cols, n * cols);
    }
  }

  /**
   * Rows {@code [lo, hi)} of the batch with their buffers. Values live in Java arrays, packed step
   * by step; each ND4J product reads and writes small scratch matrices (one bulk copy each way) or,
   * at the ends of the pass, packed ones.
   */
  private final class Block {
    private final int lo;
    private final int nb;
    private final int[] count;
    private final int[] offset;

    /** The block-local row of packed row p. */
    private final int[] rowOf;

    private int packed;

    // packed [cap, ·] Java arrays: h_{t−1}, [r|u], r⊙h_{t−1}, c, and the pre-activation gradients
    private final float[] hp;
    private final float[] ru;
    private final float[] rh;
    private final float[] c;
    private final float[] dzru;
    private final float[] dzc;
    private final float[] xg;
    private final float[] tmp;
    private final float[] state;
    private final float[] dh;

    /**
     * The biases of [r|u] and of c tiled over nb rows, and a scratch row range: the gate loops run
     * over one index from 0, which the JIT vectorises (JDK 17 does not with an offset index).
     */
    private final float[] biasRu;

    private final float[] biasC;
    private final float[] scratch;
    private final float[] acc;

    // packed ND4J matrices for the products over all rows; zru and zc hold x·[W_r|W_u] and x·W_h
    // in forward, the pre-activation gradients in backward; xp holds x, then ∂x
    private final Rows xp;
    private final Rows zru;
    private final Rows zc;
    private final Rows hpAll;
    private final Rows rhAll;

    // per-step scratch matrices [nb, ·]
    private final Rows inH;
    private final Rows inW;
    private final Rows outH;
    private final Rows outW;

    // parameter-gradient partials, row-major
    private final INDArray dwruA;
    private final INDArray dwcA;
    private final INDArray duruA;
    private final INDArray duhA;
    final float[] dwru;
    final float[] dwc;
    final float[] duru;
    final float[] duh;
    final float[] dbru;
    final float[] dbc;

    Block(int lo, int hi) {
      this.lo = lo;
      this.nb = hi - lo;
      int cap = nb * t;
      count = new int[t];
      offset = new int[t + 1];
      rowOf = new int[cap];
      hp = new float[cap * h];
      ru = new float[cap * gw];
      rh = new float[cap * h];
      c = new float[cap * h];
      dzru = new float[cap * gw];
      dzc = new float[cap * h];
      xg = new float[cap * d];
      tmp = new float[nb * gw];
      state = new float[nb * h];
      dh = new float[nb * h];
      biasRu = new float[nb * gw];
      biasC = new float[nb * h];
      scratch = new float[nb * gw];
      acc = new float[nb * gw];
      xp = new Rows(cap, d, false);
      zru = new Rows(cap, gw, false);
      zc = new Rows(cap, h, false);
      hpAll = new Rows(cap, h, false);
      rhAll = new Rows(cap, h, false);
      inH = new Rows(nb, h, true);
      inW = new Rows(nb, gw, true);
      outH = new Rows(nb, h, true);
      outW = new Rows(nb, gw, true);
      dwruA = matrix(d, gw);
      dwcA = matrix(d, h);
      duruA = matrix(h, gw);
      duhA = matrix(h, h);
      dbru = new float[gw];
      dbc = new float[h];
      dwru = new float[d * gw];
      dwc = new float[d * h];
      duru = new float[h * gw];
      duh = new float[h * h];
    }

    void forward(HostStep step) {
      float[] mask = masked ? step.mask() : null;
      float[] x = step.input(0);
      float[] att = kind == GruKind.GRU ? null : step.input(1);
      float[] out = step.output(0);
      for (int i = 0; i < nb; i++) {
        System.arraycopy(bru, 0, biasRu, i * gw, gw);
        System.arraycopy(bc, 0, biasC, i * h, h);
      }
      pack(mask, x);
      if (packed > 0) {
        INDArray xs = xp.first(packed);
        Nd4j.gemm(xs, wru, zru.first(packed), false, false, 1, 0);
        Nd4j.gemm(xs, wc, zc.first(packed), false, false, 1, 0);
        zru.get(ru, 0, packed);
        zc.get(c, 0, packed);
      }
      Arrays.fill(state, 0f);
      for (int s = 0; s < t; s++) {
        int n = count[s];
        int o = offset[s];
        if (n > 0) {
          for (int p = o; p < o + n; p++) {
            System.arraycopy(state, rowOf[p] * h, hp, p * h, h);
          }
          times(hp, inH, o, n, uru, false, outW);
          gates(o, n);
          times(rh, inH, o, n, uh, false, outH);
          candidate(s, o, n, mask, att);
        }
        if (allStates) {
          for (int i = 0; i < nb; i++) {
            System.arraycopy(state, i * h, out, ((lo + i) * t + s) * h, h);
          }
        }
      }
      if (!allStates) {
        System.arraycopy(state, 0, out, lo * h, nb * h);
      }
    }

    /**
     * {@code tmp ← src[o, o+n) · w} (or {@code · w^T}), through the scratch matrices {@code in} and
     * {@code out} of the right widths.
     */
    private void times(float[] src, Rows in, int o, int n, INDArray w, boolean transW, Rows out) {
      in.put(src, o, n);
      Nd4j.gemm(in.first(n), w, out.first(n), false, transW, 1, 0);
      out.get(tmp, 0, n);
    }

    /** Packs the real steps, step by step, and gathers their inputs into {@code xp}. */
    private void pack(float[] mask, float[] x) {
      int p = 0;
      for (int s = 0; s < t; s++) {
        offset[s] = p;
        for (int i = 0; i < nb; i++) {
          int at = (lo + i) * t + s;
          if (mask == null || mask[at] != 0f) {
            rowOf[p] = i;
            System.arraycopy(x, at * d, xg, p * d, d);
            p++;
          }
        }
        count[s] = p - offset[s];
      }
      offset[t] = p;
      packed = p;
      xp.buf.put(0, xg, 0, p * d);
    }

    /**
     * r and u of packed rows {@code [o, o+n)} from {@code x·W} (in {@code ru}) and {@code h·U} (in
     * {@code tmp}), and {@code r ⊙ h_{t−1}} into {@code rh}.
     */
    private void gates(int o, int n) {
      int len = n * gw;
      System.arraycopy(ru, o * gw, scratch, 0, len);
      for (int k = 0; k < len; k++) {
        scratch[k] = FloatMath.sigmoid(scratch[k] + biasRu[k] + tmp[k]);
      }
      System.arraycopy(scratch, 0, ru, o * gw, len);
      for (int p = o; p < o + n; p++) {
        int zb = p * gw;
        int hb = p * h;
        for (int j = 0; j < h; j++) {
          rh[hb + j] = ru[zb + j] * hp[hb + j];
        }
      }
    }

    /** The candidate of packed rows {@code [o, o+n)} ({@code (r⊙h)·U_h} in tmp), new states. */
    private void candidate(int s, int o, int n, float[] mask, float[] att) {
      int len = n * h;
      System.arraycopy(c, o * h, scratch, 0, len);
      for (int k = 0; k < len; k++) {
        scratch[k] = FloatMath.tanh(scratch[k] + biasC[k] + tmp[k]);
      }
      System.arraycopy(scratch, 0, c, o * h, len);
      for (int p = o; p < o + n; p++) {
        int i = rowOf[p];
        int at = (lo + i) * t + s;
        float m = mask == null ? 1f : mask[at];
        float a = att == null ? 1f : att[at];
        int hb = p * h;
        int sb = i * h;
        int ub = p * gw + h;
        for (int j = 0; j < h; j++) {
          float cv = c[hb + j];
          float g = gate(ub + j, a) * m;
          float hv = state[sb + j];
          state[sb + j] = hv + g * (cv - hv);
        }
      }
    }

    /** The gate before the mask: u (GRU), a (AGRU), u·a (AUGRU); k indexes u in {@code ru}. */
    private float gate(int k, float a) {
      return switch (kind) {
        case GRU -> ru[k];
        case AGRU -> a;
        case AUGRU -> ru[k] * a;
      };
    }

    void backward(HostStep step) {
      float[] mask = masked ? step.mask() : null;
      float[] att = kind == GruKind.GRU ? null : step.input(1);
      float[] gAtt = kind == GruKind.GRU ? null : step.inputGradient(1);
      float[] gOut = step.outputGradient(0);
      if (allStates) {
        Arrays.fill(dh, 0f);
      } else {
        System.arraycopy(gOut, lo * h, dh, 0, nb * h);
      }
      for (int s = t - 1; s >= 0; s--) {
        if (allStates) {
          for (int i = 0; i < nb; i++) {
            int ob = ((lo + i) * t + s) * h;
            int sb = i * h;
            for (int j = 0; j < h; j++) {
              dh[sb + j] += gOut[ob + j];
            }
          }
        }
        int n = count[s];
        if (n == 0) {
          continue;
        }
        int o = offset[s];
        stateGradient(s, o, n, mask, att, gAtt);
        times(dzc, inH, o, n, uh, true, outH);
        resetGradient(o, n);
        times(dzru, inW, o, n, uru, true, outH);
        for (int p = o; p < o + n; p++) {
          int sb = rowOf[p] * h;
          int tb = (p - o) * h;
          for (int j = 0; j < h; j++) {
            dh[sb + j] += tmp[tb + j];
          }
        }
      }
      parameterGradients(step.inputGradient(0));
    }

    /**
     * From {@code dh_t} of packed rows {@code [o, o+n)}: the candidate's and update gate's
     * pre-activation gradients, the attention gradient, and {@code dh ← dh·(1−g)}.
     */
    private void stateGradient(int s, int o, int n, float[] mask, float[] att, float[] gAtt) {
      for (int p = o; p < o + n; p++) {
        int i = rowOf[p];
        int at = (lo + i) * t + s;
        float m = mask == null ? 1f : mask[at];
        float a = att == null ? 1f : att[at];
        int hb = p * h;
        int sb = i * h;
        int ub = p * gw + h;
        float da = 0f;
        for (int j = 0; j < h; j++) {
          float cv = c[hb + j];
          float hv = hp[hb + j];
          float g = gate(ub + j, a) * m;
          float dhv = dh[sb + j];
          dzc[hb + j] = dhv * g * (1f - cv * cv);
          float dg = dhv * (cv - hv) * m;
          dh[sb + j] = dhv * (1f - g);
          switch (kind) {
            case GRU -> {
              float uv = ru[ub + j];
              dzru[ub + j] = dg * uv * (1f - uv);
            }
            case AGRU -> da += dg;
            case AUGRU -> {
              float uv = ru[ub + j];
              dzru[ub + j] = dg * a * uv * (1f - uv);
              da += dg * uv;
            }
          }
        }
        if (gAtt != null) {
          gAtt[at] += da;
        }
      }
    }

    /**
     * The reset gate's pre-activation gradient and the state gradient through {@code r ⊙ h}, from
     * {@code ∂(r⊙h) = dz_c·U_h^T} in tmp.
     */
    private void resetGradient(int o, int n) {
      for (int p = o; p < o + n; p++) {
        int sb = rowOf[p] * h;
        int hb = p * h;
        int tb = (p - o) * h;
        int zb = p * gw;
        for (int j = 0; j < h; j++) {
          float g = tmp[tb + j];
          float rv = ru[zb + j];
          dh[sb + j] += g * rv;
          dzru[zb + j] = g * hp[hb + j] * rv * (1f - rv);
        }
      }
    }

    /**
     * {@code out[j] = Σ_p z[p·width + j]} over the packed rows, in nb-row chunks copied to {@code
     * scratch} and added into {@code acc} with one index from 0 (vectorised), then folded.
     */
    private void columnSums(float[] z, int width, float[] out) {
      Arrays.fill(acc, 0f);
      for (int p0 = 0; p0 < packed; p0 += nb) {
        int len = Math.min(nb, packed - p0) * width;
        System.arraycopy(z, p0 * width, scratch, 0, len);
        for (int k = 0; k < len; k++) {
          acc[k] += scratch[k];
        }
      }
      Arrays.fill(out, 0f);
      for (int i = 0; i < nb; i++) {
        for (int j = 0; j < width; j++) {
          out[j] += acc[i * width + j];
        }
      }
    }

    /** The block's parameter partials and its input gradient, over all packed rows. */
    private void parameterGradients(float[] gx) {
      if (packed == 0) {
        Arrays.fill(dbru, 0f);
        Arrays.fill(dbc, 0f);
        Arrays.fill(dwru, 0f);
        Arrays.fill(dwc, 0f);
        Arrays.fill(duru, 0f);
        Arrays.fill(duh, 0f);
        return;
      }
      int pk = packed;
      hpAll.put(hp, 0, pk);
      rhAll.put(rh, 0, pk);
      zru.put(dzru, 0, pk);
      zc.put(dzc, 0, pk);
      INDArray xs = xp.first(pk);
      INDArray dzruP = zru.first(pk);
      INDArray dzcP = zc.first(pk);
      Nd4j.gemm(hpAll.first(pk), dzruP, duruA, true, false, 1, 0);
      Nd4j.gemm(rhAll.first(pk), dzcP, duhA, true, false, 1, 0);
      Nd4j.gemm(xs, dzruP, dwruA, true, false, 1, 0);
      Nd4j.gemm(xs, dzcP, dwcA, true, false, 1, 0);
      Nd4j.gemm(dzruP, wru, xs, false, true, 1, 0);
      Nd4j.gemm(dzcP, wc, xs, false, true, 1, 1);
      xp.get(xg, 0, pk);
      duruA.data().asNioFloat().get(0, duru);
      duhA.data().asNioFloat().get(0, duh);
      dwruA.data().asNioFloat().get(0, dwru);
      dwcA.data().asNioFloat().get(0, dwc);
      columnSums(dzru, gw, dbru);
      columnSums(dzc, h, dbc);
      for (int s = 0; s < t; s++) {
        for (int p = offset[s]; p < offset[s + 1]; p++) {
          int gb = ((lo + rowOf[p]) * t + s) * d;
          int xb = p * d;
          for (int k = 0; k < d; k++) {
            gx[gb + k] += xg[xb + k];
          }
        }
      }
    }
  }
}
