package org.recsys4j.models.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.core.data.TrainingBatch;
import org.recsys4j.models.spec.Head;
import org.recsys4j.models.spec.InputSpec;
import org.recsys4j.models.spec.Lookup;
import org.recsys4j.models.spec.ModelSpec;

/**
 * Trains and scores a {@link FusedShape} model (logistic regression, factorization machine, any sum
 * of linear and FM terms) in plain Java: forward and backward passes over the batch's rows, no
 * graph, no native memory. The tables, their optimizers and the dense optimizer are the trainer's
 * own ({@link SparseTable#updateRange}, {@link DenseParameters#apply}), so every optimizer and the
 * tables' state work as on the graph path, and results equal the graph's within float rounding.
 *
 * <p>One step on {@code n} examples ({@code B} = batch size, {@code F} positions, {@code D} dims):
 *
 * <ol>
 *   <li><b>prepare</b>: tables read by the same (input, position) pairs (a factor table and its
 *       width-1 linear twin) form one group and share one deduplication. Each group's references
 *       are split in two by a hash of the id, and each half is deduplicated and its distinct rows
 *       gathered into a compact buffer ({@code [U,D]}) on its own thread;
 *   <li><b>forward and backward</b> (examples split in two halves): {@code z = Σ biases + Σ_j
 *       a_j·Σ_f v + c_j·½ Σ_d[(Σ_f v)² − Σ_f v²]}, the weighted log loss {@code ω_b·(max(z,0) − z·y
 *       + log(1+e^−|z|))} with {@code ω_b = weight·w_b·m_b / Σ w·m}, {@code g_b = ∂L/∂z = ω_b·(σ(z)
 *       − y)}, and at once, while the example's rows are in cache, the row gradients {@code
 *       g_b·(a_j + c_j·(S − v))} ({@code S} the example's field sum) added per distinct row into
 *       the half's own buffer;
 *   <li><b>combine</b> (by id half): the two halves' buffers added, in that order, and checked;
 *   <li><b>update</b>, only if the loss and every gradient are finite: new rows are initialised,
 *       then each id half's rows are updated by the table's optimizer, then the biases.
 * </ol>
 *
 * <p>The halves are the same whatever the number of threads, so results are bit-identical with one
 * or two Java threads. Memory traffic per step is one read of every distinct row (gather) and one
 * read and write of it with its optimizer state (update); the rest stays in cache.
 */
final class FusedEngine {
  private static final int PARTS = 2;

  private final FusedShape shape;
  private final DenseParameters dense;
  private final Workers workers;
  private final List<SparseTable> tables = new ArrayList<>();
  private final List<String> tableNames = new ArrayList<>();

  // per lookup
  private final String[] lookupInput;
  private final int[] lookupWidth;
  private final int[] lookupDim;
  private final int[][] lookupTable;
  private final float[] linear;
  private final float[] fm;
  private final int[][] codes;
  private final float[][] sums;

  // per table: gathered rows and, per example half, summed gradients, [2·cap, D], id half p from
  // p·cap
  private final float[][] rows;
  private final float[][][] grads;

  private final Group[] groups;
  private final int maxDim;
  private final float[][] scratch = new float[PARTS][];
  private final float[] dz;
  private final double[] lossPart = new double[PARTS];
  private final String[] failure = new String[PARTS];
  private final long[] partCost = new long[PARTS];

  /** Tables sharing their (input, position) sources, deduplicated together. */
  private static final class Group {
    final int[] tables;
    final String[] srcInput;
    final int[] srcWidth;
    final int[] srcPos;

    /** Per source, the lookups that read it into a table of this group. */
    final int[][] consumers;

    final int cap;
    final Part[] parts = new Part[PARTS];

    /** Distinct ids, half p at {@code [p·cap, p·cap + parts[p].count)}. */
    final int[] unique;

    Group(
        int[] tables,
        String[] srcInput,
        int[] srcWidth,
        int[] srcPos,
        int[][] consumers,
        int batchSize) {
      this.tables = tables;
      this.srcInput = srcInput;
      this.srcWidth = srcWidth;
      this.srcPos = srcPos;
      this.consumers = consumers;
      this.cap = batchSize * srcInput.length;
      this.unique = new int[PARTS * cap];
      for (int p = 0; p < PARTS; p++) {
        parts[p] = new Part(cap);
      }
    }
  }

  /** One id half of a group: its references and their distinct ids. */
  private static final class Part {
    final IdDeduper deduper = new IdDeduper();
    final int[] ids;
    final int[] src;
    final int[] example;
    int refs;
    int count;

    Part(int cap) {
      ids = new int[cap];
      src = new int[cap];
      example = new int[cap];
    }
  }

  FusedEngine(
      ModelSpec spec,
      FusedShape shape,
      Map<String, SparseTable> sparseTables,
      DenseParameters dense,
      Workers workers,
      int batchSize) {
    this.shape = shape;
    this.dense = dense;
    this.workers = workers;
    int nl = spec.lookups().size();
    lookupInput = new String[nl];
    lookupWidth = new int[nl];
    lookupDim = new int[nl];
    lookupTable = new int[nl][];
    linear = new float[nl];
    fm = new float[nl];
    codes = new int[nl][];
    sums = new float[nl][];
    Map<String, Integer> tableIndex = new LinkedHashMap<>();
    Map<String, List<String>> sources = new LinkedHashMap<>();
    int md = 1;
    for (int j = 0; j < nl; j++) {
      Lookup lk = spec.lookups().get(j);
      InputSpec in = spec.input(lk.input());
      lookupInput[j] = in.name();
      lookupWidth[j] = in.width();
      lookupDim[j] = spec.lookupDim(lk);
      md = Math.max(md, lookupDim[j]);
      linear[j] = shape.lookups().get(j).linear();
      fm[j] = shape.lookups().get(j).fm();
      lookupTable[j] = new int[in.width()];
      codes[j] = new int[batchSize * in.width()];
      sums[j] = new float[batchSize * lookupDim[j]];
      for (int f = 0; f < in.width(); f++) {
        String t = lk.tableAt(in, f);
        Integer ti = tableIndex.get(t);
        if (ti == null) {
          ti = tables.size();
          tableIndex.put(t, ti);
          tables.add(sparseTables.get(t));
          tableNames.add(t);
        }
        lookupTable[j][f] = ti;
        List<String> src = sources.computeIfAbsent(t, k -> new ArrayList<>());
        String s = in.name() + "\u0000" + f;
        if (!src.contains(s)) {
          src.add(s);
        }
      }
    }
    this.maxDim = md;
    rows = new float[tables.size()][];
    grads = new float[PARTS][tables.size()][];
    // tables with the same sources form a group
    Map<List<String>, List<Integer>> bySources = new LinkedHashMap<>();
    for (int t = 0; t < tables.size(); t++) {
      bySources.computeIfAbsent(sources.get(tableNames.get(t)), k -> new ArrayList<>()).add(t);
    }
    groups = new Group[bySources.size()];
    int gi = 0;
    for (Map.Entry<List<String>, List<Integer>> e : bySources.entrySet()) {
      List<String> src = e.getKey();
      int[] members = e.getValue().stream().mapToInt(Integer::intValue).toArray();
      String[] si = new String[src.size()];
      int[] sw = new int[src.size()];
      int[] sp = new int[src.size()];
      int[][] consumers = new int[src.size()][];
      for (int s = 0; s < src.size(); s++) {
        String[] parts = src.get(s).split("\u0000");
        si[s] = parts[0];
        sp[s] = Integer.parseInt(parts[1]);
        sw[s] = spec.input(si[s]).width();
        List<Integer> cs = new ArrayList<>();
        for (int j = 0; j < nl; j++) {
          if (lookupInput[j].equals(si[s]) && contains(members, lookupTable[j][sp[s]])) {
            cs.add(j);
          }
        }
        consumers[s] = cs.stream().mapToInt(Integer::intValue).toArray();
      }
      Group g = new Group(members, si, sw, sp, consumers, batchSize);
      for (int t : members) {
        rows[t] = new float[PARTS * g.cap * tables.get(t).dim()];
        for (int h = 0; h < PARTS; h++) {
          grads[h][t] = new float[PARTS * g.cap * tables.get(t).dim()];
        }
      }
      groups[gi++] = g;
    }
    for (int p = 0; p < PARTS; p++) {
      scratch[p] = new float[maxDim];
    }
    dz = new float[batchSize];
  }

  private static boolean contains(int[] a, int v) {
    for (int x : a) {
      if (x == v) {
        return true;
      }
    }
    return false;
  }

  /** The half an id belongs to: a hash bit independent of the deduplication's hash. */
  private static int part(int id) {
    return ((id ^ (id >>> 15)) * 0x85EBCA6B) >>> 31;
  }

  /**
   * One training step on a checked batch.
   *
   * @param step the 1-based number this step will have
   * @param nanos where prepare, compute and update nanoseconds are added
   * @return the loss before the update
   * @throws IllegalStateException when the loss or a gradient is not finite; nothing is changed
   */
  float fit(TrainingBatch batch, long step, long[] nanos) {
    long t0 = System.nanoTime();
    EncodedBatch x = batch.inputs();
    int n = x.size();
    long refs = 0;
    for (Group g : groups) {
      refs += (long) n * g.srcInput.length;
    }
    Arrays.fill(partCost, refs);
    workers.forEach(PARTS, partCost, p -> prepare(p, x, n));
    long t1 = System.nanoTime();
    Head head = shape.head();
    float[] y = batch.labels().get(head.label());
    float[] w = batch.weights().orElse(null);
    float[] m = head.rowMask().isEmpty() ? null : batch.labels().get(head.rowMask());
    double total = 0;
    for (int b = 0; b < n; b++) {
      total += (w == null ? 1f : w[b]) * (m == null ? 1f : m[b]);
    }
    float scale = (float) (head.weight() / Math.max(total, 1e-12));
    float bias = biasSum();
    int half = (n + 1) / 2;
    workers.forEach(
        PARTS,
        partCost,
        p -> forward(p == 0 ? 0 : half, p == 0 ? half : n, bias, scale, y, w, m, p));
    float loss = (float) (lossPart[0] + lossPart[1]);
    if (!Float.isFinite(loss)) {
      throw new IllegalStateException(
          "loss="
              + loss
              + " at step "
              + step
              + " must be finite; no parameter was changed. Lower the learning rate, or check the"
              + " batch's values");
    }
    Arrays.fill(failure, null);
    workers.forEach(PARTS, partCost, p -> combine(p));
    double dzSum = 0;
    for (int b = 0; b < n; b++) {
      dzSum += dz[b];
    }
    for (int i = 0; i < shape.biases().size(); i++) {
      float g = (float) (dzSum * shape.biases().get(i).coefficient());
      dense.gradient(i)[0] = g;
      if (!Float.isFinite(g) && failure[0] == null) {
        failure[0] = shape.biases().get(i).name();
      }
    }
    for (String f : failure) {
      if (f != null) {
        throw new IllegalStateException(
            "gradient of "
                + f
                + " at step "
                + step
                + " must be finite; no parameter was changed. Lower the learning rate, or check"
                + " the batch's values");
      }
    }
    long t2 = System.nanoTime();
    for (Group g : groups) {
      for (int p = 0; p < PARTS; p++) {
        int base = p * g.cap;
        for (int t : g.tables) {
          tables.get(t).initialiseRows(g.unique, base, base + g.parts[p].count);
        }
      }
    }
    workers.forEach(PARTS, partCost, p -> update(p, step));
    dense.apply(step);
    long t3 = System.nanoTime();
    nanos[0] += t1 - t0;
    nanos[1] += t2 - t1;
    nanos[2] += t3 - t2;
    return loss;
  }

  private float biasSum() {
    float s = 0;
    for (int i = 0; i < shape.biases().size(); i++) {
      s += shape.biases().get(i).coefficient() * dense.values(i)[0];
    }
    return s;
  }

  /** Collects, deduplicates and gathers id half {@code p} of every group. */
  private void prepare(int p, EncodedBatch x, int n) {
    for (Group g : groups) {
      Part pt = g.parts[p];
      int k = 0;
      for (int s = 0; s < g.srcInput.length; s++) {
        int[] ids = x.ints().get(g.srcInput[s]);
        int w = g.srcWidth[s];
        int f = g.srcPos[s];
        for (int b = 0; b < n; b++) {
          int id = ids[b * w + f];
          // written always, kept only if in this half: no unpredictable branch
          pt.ids[k] = id;
          pt.src[k] = s;
          pt.example[k] = b;
          k += 1 ^ part(id) ^ p;
        }
      }
      pt.refs = k;
      pt.deduper.dedupe(pt.ids, k);
      int c = pt.deduper.count();
      pt.count = c;
      int base = p * g.cap;
      System.arraycopy(pt.deduper.unique(), 0, g.unique, base, c);
      int[] inv = pt.deduper.inverse();
      for (int i = 0; i < k; i++) {
        int code = base + inv[i];
        int s = pt.src[i];
        int at = pt.example[i];
        int f = g.srcPos[s];
        for (int j : g.consumers[s]) {
          codes[j][at * lookupWidth[j] + f] = code;
        }
      }
      for (int t : g.tables) {
        SparseTable tab = tables.get(t);
        float[] r = rows[t];
        int d = tab.dim();
        for (int i = base; i < base + c; i++) {
          tab.gatherReadOnly(g.unique[i], r, i * d);
        }
        for (int h = 0; h < PARTS; h++) {
          Arrays.fill(grads[h][t], base * d, (base + c) * d, 0f);
        }
      }
    }
  }

  /** Logits, losses and ∂L/∂z of examples {@code [lo, hi)}; field sums kept for backward. */
  private void forward(
      int lo, int hi, float bias, float scale, float[] y, float[] w, float[] m, int p) {
    float[] q = scratch[p];
    double loss = 0;
    for (int b = lo; b < hi; b++) {
      float z = bias + logit(b, q);
      float omega = scale * (w == null ? 1f : w[b]) * (m == null ? 1f : m[b]);
      float yb = y[b];
      double l = Math.max(z, 0f) - z * yb + Math.log1p(Math.exp(-Math.abs(z)));
      loss += omega * l;
      float g = omega * (sigmoid(z) - yb);
      dz[b] = g;
      if (g != 0f) {
        backward(b, g, grads[p]);
      }
    }
    lossPart[p] = loss;
  }

  /**
   * Adds example {@code b}'s row gradients {@code g·(a_j + c_j·(S − v))} to its half's buffers (its
   * rows are still in cache from the forward pass).
   */
  private void backward(int b, float g, float[][] gr) {
    for (int j = 0; j < lookupWidth.length; j++) {
      int width = lookupWidth[j];
      int d = lookupDim[j];
      int[] cj = codes[j];
      int[] tj = lookupTable[j];
      int base = b * width;
      float[] sj = sums[j];
      if (d == 1) {
        float lin = g * linear[j];
        float c = g * fm[j];
        float sb = sj[b];
        for (int f = 0; f < width; f++) {
          int t = tj[f];
          int code = cj[base + f];
          gr[t][code] += lin + c * (sb - rows[t][code]);
        }
        continue;
      }
      float c = g * fm[j];
      int so = b * d;
      for (int f = 0; f < width; f++) {
        int t = tj[f];
        float[] gt = gr[t];
        float[] r = rows[t];
        int o = cj[base + f] * d;
        for (int k = 0; k < d; k++) {
          gt[o + k] += c * (sj[so + k] - r[o + k]);
        }
      }
    }
  }

  /** The logit of example {@code b} without biases, from the gathered rows. */
  private float logit(int b, float[] q) {
    float z = 0;
    for (int j = 0; j < lookupWidth.length; j++) {
      int width = lookupWidth[j];
      int d = lookupDim[j];
      int[] cj = codes[j];
      int[] tj = lookupTable[j];
      int base = b * width;
      float[] s = sums[j];
      if (d == 1) {
        float sum = 0;
        float sq = 0;
        for (int f = 0; f < width; f++) {
          float v = rows[tj[f]][cj[base + f]];
          sum += v;
          sq += v * v;
        }
        s[b] = sum;
        z += linear[j] * sum + fm[j] * 0.5f * (sum * sum - sq);
        continue;
      }
      int so = b * d;
      Arrays.fill(s, so, so + d, 0f);
      Arrays.fill(q, 0, d, 0f);
      for (int f = 0; f < width; f++) {
        float[] r = rows[tj[f]];
        int o = cj[base + f] * d;
        for (int k = 0; k < d; k++) {
          s[so + k] += r[o + k];
        }
        for (int k = 0; k < d; k++) {
          q[k] += r[o + k] * r[o + k];
        }
      }
      float cross = 0;
      for (int k = 0; k < d; k++) {
        cross += s[so + k] * s[so + k] - q[k];
      }
      z += fm[j] * 0.5f * cross;
    }
    return z;
  }

  private static float sigmoid(float z) {
    return (float) (1.0 / (1.0 + Math.exp(-z)));
  }

  /** Adds the second example half's gradients of id half {@code p} to the first's; checks them. */
  private void combine(int p) {
    for (Group g : groups) {
      int base = p * g.cap;
      int count = g.parts[p].count;
      for (int t : g.tables) {
        int d = tables.get(t).dim();
        float[] g0 = grads[0][t];
        float[] g1 = grads[1][t];
        int to = (base + count) * d;
        for (int i = base * d; i < to; i++) {
          g0[i] += g1[i];
        }
        if (!allFinite(g0, base * d, to)) {
          failure[p] = "table " + tableNames.get(t);
        }
      }
    }
  }

  /**
   * True if {@code v[from..to)} are all finite: {@code x·0} is 0 for a finite {@code x} and NaN
   * otherwise, and NaN survives any sum; four sums keep the loop free of a serial dependency.
   */
  private static boolean allFinite(float[] v, int from, int to) {
    float a0 = 0;
    float a1 = 0;
    float a2 = 0;
    float a3 = 0;
    int i = from;
    for (; i + 3 < to; i += 4) {
      a0 += v[i] * 0f;
      a1 += v[i + 1] * 0f;
      a2 += v[i + 2] * 0f;
      a3 += v[i + 3] * 0f;
    }
    for (; i < to; i++) {
      a0 += v[i] * 0f;
    }
    return a0 + a1 + a2 + a3 == 0f;
  }

  /** Applies each table's optimizer to the distinct rows of id half {@code p}. */
  private void update(int p, long step) {
    for (Group g : groups) {
      int base = p * g.cap;
      int end = base + g.parts[p].count;
      for (int t : g.tables) {
        SparseTable tab = tables.get(t);
        tab.touch(g.unique, base, end, true);
        tab.updateRange(g.unique, base, end, grads[0][t], step);
      }
    }
  }

  /**
   * The head's probabilities for every example of a checked batch, read from the tables without
   * changing them (an id never trained gets its lazy initial value). Safe from several threads.
   */
  Map<String, float[]> predict(EncodedBatch x) {
    int n = x.size();
    float[] out = new float[n];
    float[] s = new float[maxDim];
    float[] q = new float[maxDim];
    float[] lazy = new float[maxDim];
    int[][] ids = new int[lookupInput.length][];
    for (int j = 0; j < ids.length; j++) {
      ids[j] = x.ints().get(lookupInput[j]);
    }
    float bias = biasSum();
    // down-sampling calibration, as the inference graph adds it (Head#negativeSampleRate)
    float shift = (float) Math.log(shape.head().negativeSampleRate());
    for (int b = 0; b < n; b++) {
      float z = bias;
      for (int j = 0; j < ids.length; j++) {
        int width = lookupWidth[j];
        int d = lookupDim[j];
        Arrays.fill(s, 0, d, 0f);
        Arrays.fill(q, 0, d, 0f);
        for (int f = 0; f < width; f++) {
          SparseTable tab = tables.get(lookupTable[j][f]);
          int id = ids[j][b * width + f];
          int o = tab.offsetOf(id);
          float[] r = tab.storage();
          if (o < 0) {
            tab.gatherReadOnly(id, lazy, 0);
            r = lazy;
            o = 0;
          }
          for (int k = 0; k < d; k++) {
            float v = r[o + k];
            s[k] += v;
            q[k] += v * v;
          }
        }
        float cross = 0;
        for (int k = 0; k < d; k++) {
          cross += s[k] * s[k] - q[k];
        }
        z += linear[j] * s[0] + fm[j] * 0.5f * cross;
      }
      out[b] = sigmoid(z + shift);
    }
    Map<String, float[]> result = new LinkedHashMap<>();
    result.put(shape.head().name(), out);
    return result;
  }
}
