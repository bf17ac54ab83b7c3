package org.recsys4j.models.train;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.models.spec.InputKind;
import org.recsys4j.models.spec.InputSpec;
import org.recsys4j.models.spec.Lookup;
import org.recsys4j.models.spec.ModelSpec;

/**
 * Stages an {@link EncodedBatch} for a graph: checks it against the spec, finds each table's
 * distinct ids, gathers rows into the lookups' row buffers, builds lookup masks, and sums row
 * gradients per distinct id for the table updates.
 *
 * <p>Work is organised per table, because a table may be looked up by several lookups and positions
 * (the candidate item and each history step share the item table): every (lookup, position) pair
 * that reads table {@code t} is one of its slots, and a batch of {@code n} examples gives the table
 * {@code n·slots} references, deduplicated together. Tables are independent, so {@link Workers} may
 * stage them on two threads with identical results.
 */
final class BatchStager {
  private final ModelSpec spec;
  private final List<LookupPlan> lookups = new ArrayList<>();
  private final List<TablePlan> tables = new ArrayList<>();
  private final Map<String, InputSpec> numeric = new LinkedHashMap<>();

  /**
   * The ids an input's positions may hold: {@code [0, rows[f])}, the smallest table that looks
   * position {@code f} up ({@code tables[f]}); {@code Integer.MAX_VALUE} where no lookup reads it.
   */
  private record IdLimit(int[] rows, String[] tables) {}

  private final Map<String, IdLimit> idLimits = new LinkedHashMap<>();

  /** The sampled ids of each NEGATIVES input, {@code [padTo, T]}, refilled every step. */
  private final Map<String, int[]> negatives = new LinkedHashMap<>();

  /** One lookup: its input, width W and dim D. */
  record LookupPlan(Lookup lookup, InputSpec input, int width, int dim) {}

  /** One table's slots and per-batch buffers. */
  static final class TablePlan {
    final SparseTable table;
    final int[] slotLookup;
    final int[] slotPos;
    final IdDeduper deduper = new IdDeduper();
    int[] ids = new int[0];
    int refs;
    float[] uniqueGrad = new float[0];

    TablePlan(SparseTable table, int[] slotLookup, int[] slotPos) {
      this.table = table;
      this.slotLookup = slotLookup;
      this.slotPos = slotPos;
    }
  }

  BatchStager(ModelSpec spec, Map<String, SparseTable> sparseTables) {
    this.spec = spec;
    Map<String, List<int[]>> slots = new LinkedHashMap<>();
    for (int j = 0; j < spec.lookups().size(); j++) {
      Lookup lk = spec.lookups().get(j);
      InputSpec in = spec.input(lk.input());
      lookups.add(new LookupPlan(lk, in, in.width(), spec.lookupDim(lk)));
      for (int f = 0; f < in.width(); f++) {
        slots.computeIfAbsent(lk.tableAt(in, f), k -> new ArrayList<>()).add(new int[] {j, f});
      }
    }
    for (Map.Entry<String, List<int[]>> e : slots.entrySet()) {
      List<int[]> s = e.getValue();
      int[] sl = new int[s.size()];
      int[] sp = new int[s.size()];
      for (int i = 0; i < sl.length; i++) {
        sl[i] = s.get(i)[0];
        sp[i] = s.get(i)[1];
      }
      tables.add(new TablePlan(sparseTables.get(e.getKey()), sl, sp));
    }
    for (InputSpec in : spec.inputs()) {
      if (in.kind() == InputKind.NUMERIC) {
        numeric.put(in.name(), in);
        continue;
      }
      int[] rows = new int[in.width()];
      String[] tableOf = new String[in.width()];
      java.util.Arrays.fill(rows, Integer.MAX_VALUE);
      for (LookupPlan lp : lookups) {
        if (lp.input() != in) {
          continue;
        }
        for (int f = 0; f < in.width(); f++) {
          String t = lp.lookup().tableAt(in, f);
          int r = spec.table(t).rows();
          if (r < rows[f]) {
            rows[f] = r;
            tableOf[f] = t;
          }
        }
      }
      idLimits.put(in.name(), new IdLimit(rows, tableOf));
    }
  }

  List<LookupPlan> lookups() {
    return lookups;
  }

  List<TablePlan> tables() {
    return tables;
  }

  /**
   * Checks every input the spec reads: present with length {@code size·width}; ids in {@code [0,
   * rows)} of every table they are looked up in; sequence and bag masks equal to {@code id != 0};
   * numeric values finite. Changes nothing.
   *
   * @throws IllegalArgumentException naming the input, the example, the position, the value and the
   *     rule
   */
  void check(EncodedBatch x) {
    int n = x.size();
    for (InputSpec in : spec.inputs()) {
      if (in.kind() == InputKind.NEGATIVES) {
        continue; // sampled by sampleNegatives, never read from a batch
      }
      String p = "batch." + in.name();
      if (in.kind() == InputKind.NUMERIC) {
        float[] v = x.floats().get(in.name());
        org.recsys4j.core.Check.arg(
            v != null,
            p,
            null,
            "is missing: the model reads numeric input '" + in.name() + "' [B," + in.width() + "]");
        org.recsys4j.core.Check.arg(
            v.length == n * in.width(),
            p + ".length",
            v.length,
            "must equal batch.size*width=" + n + "*" + in.width());
        for (int i = 0; i < v.length; i++) {
          if (!Float.isFinite(v[i])) {
            throw new IllegalArgumentException(
                p
                    + "["
                    + (i / in.width())
                    + "]["
                    + in.positionName(i % in.width())
                    + "]="
                    + v[i]
                    + " must be finite (the encoder replaces missing numbers by the feature's"
                    + " default)");
          }
        }
        continue;
      }
      int[] ids = x.ints().get(in.name());
      org.recsys4j.core.Check.arg(
          ids != null,
          p,
          null,
          "is missing: the model reads ids '" + in.name() + "' [B," + in.width() + "]");
      org.recsys4j.core.Check.arg(
          ids.length == n * in.width(),
          p + ".length",
          ids.length,
          "must equal batch.size*width=" + n + "*" + in.width());
      int w = in.width();
      IdLimit limit = idLimits.get(in.name());
      int[] rows = limit.rows();
      String[] tableOf = limit.tables();
      for (int i = 0; i < ids.length; i++) {
        int id = ids[i];
        int f = i % w;
        if (id < 0 || id >= rows[f]) {
          throw new IllegalArgumentException(
              p
                  + "["
                  + (i / w)
                  + "]["
                  + in.positionName(f)
                  + "]="
                  + id
                  + (id < 0
                      ? " must be >= 0 (0 is padding)"
                      : " must be < "
                          + rows[f]
                          + ", the rows of table "
                          + tableOf[f]
                          + ": the table is smaller than the feature's id space (declare tables"
                          + " from the schema, whose rows count the missing id)"));
        }
      }
      if (in.kind() != InputKind.IDS) {
        float[] m = x.floats().get(in.maskKey());
        org.recsys4j.core.Check.arg(
            m != null,
            "batch." + in.maskKey(),
            null,
            "is missing: " + in.kind() + " input '" + in.name() + "' needs its mask");
        org.recsys4j.core.Check.arg(
            m.length == ids.length,
            "batch." + in.maskKey() + ".length",
            m.length,
            "must equal " + p + ".length=" + ids.length);
        for (int i = 0; i < ids.length; i++) {
          float expect = ids[i] != 0 ? 1f : 0f;
          if (m[i] != expect) {
            throw new IllegalArgumentException(
                "batch."
                    + in.maskKey()
                    + "["
                    + (i / w)
                    + "]["
                    + (i % w)
                    + "]="
                    + m[i]
                    + " must be "
                    + expect
                    + " because "
                    + p
                    + "["
                    + (i / w)
                    + "]["
                    + (i % w)
                    + "]="
                    + ids[i]
                    + " (mask 1 exactly on real ids)");
          }
        }
      }
    }
  }

  /**
   * Collects table {@code t}'s references for examples {@code [start, start+n)} of {@code x},
   * padded with id 0 to {@code padTo} examples, and deduplicates them.
   */
  void collect(int t, EncodedBatch x, int start, int n, int padTo) {
    TablePlan tp = tables.get(t);
    int refs = tp.slotLookup.length * padTo;
    if (tp.ids.length < refs) {
      tp.ids = new int[refs];
    }
    int r = 0;
    for (int s = 0; s < tp.slotLookup.length; s++) {
      LookupPlan lp = lookups.get(tp.slotLookup[s]);
      int[] src =
          lp.input().kind() == InputKind.NEGATIVES
              ? negatives.get(lp.input().name())
              : x.ints().get(lp.input().name());
      int w = lp.width();
      int f = tp.slotPos[s];
      for (int b = 0; b < padTo; b++) {
        tp.ids[r++] = b < n ? src[(start + b) * w + f] : 0;
      }
    }
    tp.refs = refs;
    tp.deduper.dedupe(tp.ids, refs);
  }

  /**
   * Samples the ids of every {@link InputKind#NEGATIVES} input for examples {@code [0, n)} of
   * {@code x} (padded with 0 to {@code padTo}): for each real step of its sequence, an id drawn
   * uniformly from the real steps of that sequence in the batch (so by click frequency), redrawn up
   * to 8 times while it equals the step's own id; 0 on padded steps. The generator is seeded by
   * {@code seed}, the input's name and {@code step}, so a step's negatives are reproducible. Call
   * before {@link #collect}.
   */
  void sampleNegatives(EncodedBatch x, int n, int padTo, long seed, long step) {
    for (LookupPlan lp : lookups) {
      InputSpec in = lp.input();
      if (in.kind() != InputKind.NEGATIVES) {
        continue;
      }
      int w = in.width();
      int[] src = x.ints().get(in.columns().get(0));
      int[] out = negatives.get(in.name());
      if (out == null || out.length != padTo * w) {
        out = new int[padTo * w];
        negatives.put(in.name(), out);
      }
      java.util.Arrays.fill(out, 0);
      int[] pool = new int[n * w];
      int size = 0;
      for (int i = 0; i < n * w; i++) {
        if (src[i] != 0) {
          pool[size++] = src[i];
        }
      }
      java.util.SplittableRandom r =
          new java.util.SplittableRandom(
              org.recsys4j.core.layer.DefineContext.seedFor(seed, in.name())
                  ^ (step * 0x9E3779B97F4A7C15L));
      for (int i = 0; i < n * w; i++) {
        int pos = src[i];
        if (pos == 0) {
          continue;
        }
        int id = pool[r.nextInt(size)];
        for (int k = 0; k < 8 && id == pos; k++) {
          id = pool[r.nextInt(size)];
        }
        out[i] = id;
      }
    }
  }

  /** Gathers table {@code t}'s collected references into the lookups' row buffers. */
  void gather(int t, FloatBuffer[] rows, int padTo) {
    TablePlan tp = tables.get(t);
    int r = 0;
    for (int s = 0; s < tp.slotLookup.length; s++) {
      int j = tp.slotLookup[s];
      LookupPlan lp = lookups.get(j);
      int w = lp.width();
      int d = lp.dim();
      int f = tp.slotPos[s];
      FloatBuffer out = rows[j];
      for (int b = 0; b < padTo; b++) {
        tp.table.gatherReadOnly(tp.ids[r++], out, (b * w + f) * d);
      }
    }
  }

  /**
   * Sums table {@code t}'s row gradients per distinct id and applies the table's optimizer to those
   * rows (row 0, padding, is never updated).
   */
  void applyGradients(int t, float[][] grads, int padTo, long step) {
    TablePlan tp = tables.get(t);
    int count = tp.deduper.count();
    int d = tp.table.dim();
    if (tp.uniqueGrad.length < count * d) {
      tp.uniqueGrad = new float[count * d];
    }
    java.util.Arrays.fill(tp.uniqueGrad, 0, count * d, 0f);
    int[] inv = tp.deduper.inverse();
    int r = 0;
    for (int s = 0; s < tp.slotLookup.length; s++) {
      int j = tp.slotLookup[s];
      int w = lookups.get(j).width();
      int f = tp.slotPos[s];
      float[] g = grads[j];
      for (int b = 0; b < padTo; b++) {
        int dst = inv[r++] * d;
        int src = (b * w + f) * d;
        for (int k = 0; k < d; k++) {
          tp.uniqueGrad[dst + k] += g[src + k];
        }
      }
    }
    tp.table.initialiseRows(tp.deduper.unique(), count);
    tp.table.touch(tp.deduper.unique(), 0, count, true);
    tp.table.updateRange(tp.deduper.unique(), 0, count, tp.uniqueGrad, step);
  }

  /** Writes lookup {@code j}'s mask for examples {@code [start, start+n)}, padded with zeros. */
  void mask(int j, EncodedBatch x, int start, int n, float[] out) {
    LookupPlan lp = lookups.get(j);
    int w = lp.width();
    java.util.Arrays.fill(out, 0f);
    if (lp.input().kind() == InputKind.IDS) {
      int[] ids = x.ints().get(lp.input().name());
      for (int i = 0; i < n * w; i++) {
        out[i] = ids[start * w + i] != 0 ? 1f : 0f;
      }
    } else {
      System.arraycopy(x.floats().get(lp.input().maskKey()), start * w, out, 0, n * w);
    }
  }

  /** The numeric inputs by name. */
  Map<String, InputSpec> numeric() {
    return numeric;
  }
}
