package org.recsys4j.models.layers.sequence;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
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

  @Override
  public void forward(HostStep step) {
    int b = step.rows();
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
  private void addColumns(
      float[] g, java.util.function.Function<Block, float[]> partial, int rowCount, int from) {
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

  private static INDArray rowRange(INDArray a, int from, int n) {
    return a.get(NDArrayIndex.interval(from, from + n), NDArrayIndex.all());
  }

  private static INDArray matrix(int rowCount, int cols) {
    return Nd4j.create(DataType.FLOAT, rowCount, cols);
  }

  private static float sigmoid(float z) {
    return (float) (1.0 / (1.0 + Math.exp(-z)));
  }

  private static float tanh(float z) {
    return (float) (1.0 - 2.0 / (Math.exp(2.0 * z) + 1.0));
  }

  /** Rows {@code [lo, hi)} of the batch with their buffers. */
  private final class Block {
    private final int lo;
    private final int nb;
    private final int[] count;
    private final int[] offset;

    /** The block-local row of packed row p. */
    private final int[] rowOf;

    private int packed;

    // packed [cap, ·] ND4J buffers and their direct views
    private final INDArray xp;
    private final INDArray zxru;
    private final INDArray zxc;
    private final INDArray hp;
    private final INDArray rh;
    private final INDArray zu;
    private final INDArray zc;
    private final INDArray dzru;
    private final INDArray dzc;
    private final INDArray drh;
    private final INDArray dhp;
    private final INDArray dxp;
    private final FloatBuffer xpB;
    private final FloatBuffer zxruB;
    private final FloatBuffer zxcB;
    private final FloatBuffer hpB;
    private final FloatBuffer rhB;
    private final FloatBuffer zuB;
    private final FloatBuffer zcB;
    private final FloatBuffer dzruB;
    private final FloatBuffer dzcB;
    private final FloatBuffer drhB;
    private final FloatBuffer dhpB;
    private final FloatBuffer dxpB;

    // packed gate values [cap, H]
    private final float[] r;
    private final float[] u;
    private final float[] c;
    private final float[] state;
    private final float[] dh;

    // parameter-gradient partials, row-major
    private final INDArray dwruA;
    private final INDArray dwcA;
    private final INDArray duruA;
    private final INDArray duhA;
    float[] dwru;
    float[] dwc;
    float[] duru;
    float[] duh;
    final float[] dbru;
    final float[] dbc;

    Block(int lo, int hi) {
      this.lo = lo;
      this.nb = hi - lo;
      int cap = nb * t;
      count = new int[t];
      offset = new int[t + 1];
      rowOf = new int[cap];
      xp = matrix(cap, d);
      zxru = matrix(cap, gw);
      zxc = matrix(cap, h);
      hp = matrix(cap, h);
      rh = matrix(cap, h);
      zu = matrix(cap, gw);
      zc = matrix(cap, h);
      dzru = matrix(cap, gw);
      dzc = matrix(cap, h);
      drh = matrix(cap, h);
      dhp = matrix(cap, h);
      dxp = matrix(cap, d);
      xpB = xp.data().asNioFloat();
      zxruB = zxru.data().asNioFloat();
      zxcB = zxc.data().asNioFloat();
      hpB = hp.data().asNioFloat();
      rhB = rh.data().asNioFloat();
      zuB = zu.data().asNioFloat();
      zcB = zc.data().asNioFloat();
      dzruB = dzru.data().asNioFloat();
      dzcB = dzc.data().asNioFloat();
      drhB = drh.data().asNioFloat();
      dhpB = dhp.data().asNioFloat();
      dxpB = dxp.data().asNioFloat();
      r = new float[cap * h];
      u = kind == GruKind.AGRU ? null : new float[cap * h];
      c = new float[cap * h];
      state = new float[nb * h];
      dh = new float[nb * h];
      dwruA = matrix(d, gw);
      dwcA = matrix(d, h);
      duruA = matrix(h, gw);
      duhA = matrix(h, h);
      dbru = new float[gw];
      dbc = new float[h];
    }

    void forward(HostStep step) {
      float[] mask = masked ? step.mask() : null;
      float[] x = step.input(0);
      float[] att = kind == GruKind.GRU ? null : step.input(1);
      float[] out = step.output(0);
      pack(mask, x);
      if (packed > 0) {
        Nd4j.gemm(rowRange(xp, 0, packed), wru, rowRange(zxru, 0, packed), false, false, 1, 0);
        Nd4j.gemm(rowRange(xp, 0, packed), wc, rowRange(zxc, 0, packed), false, false, 1, 0);
      }
      java.util.Arrays.fill(state, 0f);
      for (int s = 0; s < t; s++) {
        int n = count[s];
        int o = offset[s];
        if (n > 0) {
          for (int p = o; p < o + n; p++) {
            hpB.put(p * h, state, rowOf[p] * h, h);
          }
          Nd4j.gemm(rowRange(hp, o, n), uru, rowRange(zu, o, n), false, false, 1, 0);
          gates(o, n);
          Nd4j.gemm(rowRange(rh, o, n), uh, rowRange(zc, o, n), false, false, 1, 0);
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

    /** Packs the real steps, step by step, and gathers their inputs into {@code xp}. */
    private void pack(float[] mask, float[] x) {
      int p = 0;
      for (int s = 0; s < t; s++) {
        offset[s] = p;
        for (int i = 0; i < nb; i++) {
          int at = (lo + i) * t + s;
          if (mask == null || mask[at] != 0f) {
            rowOf[p] = i;
            xpB.put(p * d, x, at * d, d);
            p++;
          }
        }
        count[s] = p - offset[s];
      }
      offset[t] = p;
      packed = p;
    }

    /** r and u of packed rows {@code [o, o+n)}, and {@code r ⊙ h_{t−1}} into {@code rh}. */
    private void gates(int o, int n) {
      for (int p = o; p < o + n; p++) {
        int zb = p * gw;
        int hb = p * h;
        for (int j = 0; j < h; j++) {
          float rv = sigmoid(zxruB.get(zb + j) + bru[j] + zuB.get(zb + j));
          r[hb + j] = rv;
          rhB.put(hb + j, rv * hpB.get(hb + j));
        }
        if (u != null) {
          for (int j = 0; j < h; j++) {
            u[hb + j] = sigmoid(zxruB.get(zb + h + j) + bru[h + j] + zuB.get(zb + h + j));
          }
        }
      }
    }

    /** The candidate of packed rows {@code [o, o+n)} and their new states. */
    private void candidate(int s, int o, int n, float[] mask, float[] att) {
      for (int p = o; p < o + n; p++) {
        int i = rowOf[p];
        int at = (lo + i) * t + s;
        float m = mask == null ? 1f : mask[at];
        float a = att == null ? 1f : att[at];
        int hb = p * h;
        int sb = i * h;
        for (int j = 0; j < h; j++) {
          float cv = tanh(zxcB.get(hb + j) + bc[j] + zcB.get(hb + j));
          c[hb + j] = cv;
          float g = gate(hb + j, a) * m;
          float hv = state[sb + j];
          state[sb + j] = hv + g * (cv - hv);
        }
      }
    }

    /** The gate before the mask: u (GRU), a (AGRU), u·a (AUGRU). */
    private float gate(int k, float a) {
      return switch (kind) {
        case GRU -> u[k];
        case AGRU -> a;
        case AUGRU -> u[k] * a;
      };
    }

    void backward(HostStep step) {
      float[] mask = masked ? step.mask() : null;
      float[] att = kind == GruKind.GRU ? null : step.input(1);
      float[] gAtt = kind == GruKind.GRU ? null : step.inputGradient(1);
      float[] gOut = step.outputGradient(0);
      if (allStates) {
        java.util.Arrays.fill(dh, 0f);
      } else {
        System.arraycopy(gOut, lo * h, dh, 0, nb * h);
      }
      for (int s = t - 1; s >= 0; s--) {
        if (allStates) {
          for (int i = 0; i < nb; i++) {
            int ob = ((lo + i) * t + s) * h;
            for (int j = 0; j < h; j++) {
              dh[i * h + j] += gOut[ob + j];
            }
          }
        }
        int n = count[s];
        if (n == 0) {
          continue;
        }
        int o = offset[s];
        stateGradient(s, o, n, mask, att, gAtt);
        Nd4j.gemm(rowRange(dzc, o, n), uh, rowRange(drh, o, n), false, true, 1, 0);
        resetGradient(o, n);
        Nd4j.gemm(rowRange(dzru, o, n), uru, rowRange(dhp, o, n), false, true, 1, 0);
        for (int p = o; p < o + n; p++) {
          int sb = rowOf[p] * h;
          int hb = p * h;
          for (int j = 0; j < h; j++) {
            dh[sb + j] += dhpB.get(hb + j);
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
        int zb = p * gw + h;
        float da = 0f;
        for (int j = 0; j < h; j++) {
          float cv = c[hb + j];
          float hv = hpB.get(hb + j);
          float g = gate(hb + j, a) * m;
          float dhv = dh[sb + j];
          dzcB.put(hb + j, dhv * g * (1f - cv * cv));
          float dg = dhv * (cv - hv) * m;
          dh[sb + j] = dhv * (1f - g);
          switch (kind) {
            case GRU -> {
              float uv = u[hb + j];
              dzruB.put(zb + j, dg * uv * (1f - uv));
            }
            case AGRU -> da += dg;
            case AUGRU -> {
              float uv = u[hb + j];
              dzruB.put(zb + j, dg * a * uv * (1f - uv));
              da += dg * uv;
            }
          }
        }
        if (gAtt != null) {
          gAtt[at] += da;
        }
      }
    }

    /** The reset gate's pre-activation gradient and the state gradient through {@code r ⊙ h}. */
    private void resetGradient(int o, int n) {
      for (int p = o; p < o + n; p++) {
        int sb = rowOf[p] * h;
        int hb = p * h;
        int zb = p * gw;
        for (int j = 0; j < h; j++) {
          float g = drhB.get(hb + j);
          float rv = r[hb + j];
          dh[sb + j] += g * rv;
          dzruB.put(zb + j, g * hpB.get(hb + j) * rv * (1f - rv));
        }
      }
    }

    /** The block's parameter partials and its input gradient, over all packed rows. */
    private void parameterGradients(float[] gx) {
      java.util.Arrays.fill(dbru, 0f);
      java.util.Arrays.fill(dbc, 0f);
      if (packed == 0) {
        dwru = new float[d * gw];
        dwc = new float[d * h];
        duru = new float[h * gw];
        duh = new float[h * h];
        return;
      }
      INDArray hpAll = rowRange(hp, 0, packed);
      INDArray rhAll = rowRange(rh, 0, packed);
      INDArray xpAll = rowRange(xp, 0, packed);
      INDArray dzruAll = rowRange(dzru, 0, packed);
      INDArray dzcAll = rowRange(dzc, 0, packed);
      Nd4j.gemm(hpAll, dzruAll, duruA, true, false, 1, 0);
      Nd4j.gemm(rhAll, dzcAll, duhA, true, false, 1, 0);
      Nd4j.gemm(xpAll, dzruAll, dwruA, true, false, 1, 0);
      Nd4j.gemm(xpAll, dzcAll, dwcA, true, false, 1, 0);
      INDArray dxAll = rowRange(dxp, 0, packed);
      Nd4j.gemm(dzruAll, wru, dxAll, false, true, 1, 0);
      Nd4j.gemm(dzcAll, wc, dxAll, false, true, 1, 1);
      duru = duruA.data().asFloat();
      duh = duhA.data().asFloat();
      dwru = dwruA.data().asFloat();
      dwc = dwcA.data().asFloat();
      for (int p = 0; p < packed; p++) {
        for (int j = 0; j < gw; j++) {
          dbru[j] += dzruB.get(p * gw + j);
        }
        for (int j = 0; j < h; j++) {
          dbc[j] += dzcB.get(p * h + j);
        }
      }
      for (int s = 0; s < t; s++) {
        for (int p = offset[s]; p < offset[s + 1]; p++) {
          int gb = ((lo + rowOf[p]) * t + s) * d;
          for (int k = 0; k < d; k++) {
            gx[gb + k] += dxpB.get(p * d + k);
          }
        }
      }
    }
  }
}
