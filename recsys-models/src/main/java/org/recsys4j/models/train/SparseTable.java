package org.recsys4j.models.train;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.recsys4j.core.Check;
import org.recsys4j.core.layer.DefineContext;

/**
 * An embedding table held in Java memory, outside any graph, with its optimizer state: the
 * trainer's storage of a {@link org.recsys4j.models.spec.TableDeclaration}.
 *
 * <p>Row 0 is the padding row: it is all zeros and never updated. Every other row is drawn from
 * {@code N(0, initStd²)} on first use, from a generator seeded by the table seed and the row id, so
 * a table of 2^24 rows costs nothing until rows are touched and two tables with the same seed hold
 * identical rows whatever order they are touched in.
 *
 * <p>Layout: one Java array holds every row followed by its optimizer state ({@code [w(D) |
 * slot0(D) | slot1(D)]}), so an update touches one contiguous region per row instead of one per
 * array. Memory: {@code 4·numRows·dim·(1 + optimizer.slots())} bytes on the Java heap, and the
 * table must fit in one Java array: {@code numRows·dim·(1 + slots) ≤ 2^31 − 64}.
 *
 * <p>Reads ({@link #gatherReadOnly}, {@link #row}) never change the table, so any number of threads
 * may read at once; writes ({@link #initialiseRows}, {@link #updateRange}) need the caller's
 * exclusive access (the trainer's write lock).
 */
public final class SparseTable {
  private final String name;
  private final int numRows;
  private final int dim;
  private final double initStd;
  private final long seed;
  private final Optimizer optimizer;

  /** Rows, each {@code [w(dim) | slot0(dim) | ...]}, starting at {@link #PAD}. */
  private final float[] data;

  /** Every slot array is {@link #data} itself: slots are addressed with offsets. */
  private final float[][] slotViews;

  private final int stride;
  private final long[] initialised;

  /** Factor on the optimizer's learning rate (a schedule's hook); 1 as configured. */
  private volatile float learningRateScale = 1f;

  /** Sink for {@link #touch}, so the JIT cannot drop its loads. */
  private volatile float touchSink;

  /**
   * Row {@code r} starts at float {@code PAD + r·stride}. Large Java arrays start 16 bytes into a
   * G1 region, so 28 floats of padding put row starts on 128-byte boundaries (pairs of cache lines)
   * when the stride is a multiple of 32 floats, instead of straddling lines; elsewhere it costs 112
   * bytes and nothing else.
   */
  private static final int PAD = 28;

  /**
   * Allocates a table.
   *
   * @param name the table's name, used in error messages
   * @param numRows rows including padding row 0, at least 2
   * @param dim row width D
   * @param initStd standard deviation of initial values
   * @param seed seed of the initial values
   * @param optimizer the row-wise optimizer
   * @throws IllegalArgumentException when a value breaks its rule or the table is too large
   */
  public SparseTable(
      String name, int numRows, int dim, double initStd, long seed, Optimizer optimizer) {
    this.name = Check.notNull("table.name", name);
    Check.arg(numRows >= 2, name + ".numRows", numRows, "must be >= 2 (row 0 is padding)");
    Check.positive(name + ".dim", dim);
    Check.nonNegative(name + ".initStd", initStd);
    long size = (long) numRows * dim * (1 + optimizer.slots());
    Check.arg(
        size <= Integer.MAX_VALUE - 64,
        name + ".numRows*dim*(1+slots)",
        size,
        "must be <= 2^31-64 (one Java array)");
    this.numRows = numRows;
    this.dim = dim;
    this.initStd = initStd;
    this.seed = seed;
    this.optimizer = Check.notNull(name + ".optimizer", optimizer);
    this.stride = dim * (1 + optimizer.slots());
    this.data = new float[(int) size + PAD];
    this.slotViews = new float[optimizer.slots()][];
    java.util.Arrays.fill(slotViews, data);
    this.initialised = new long[(numRows + 63) >>> 6];
    initialised[0] |= 1L; // padding row stays zero
  }

  /** The table's name. */
  public String name() {
    return name;
  }

  /** Rows including padding row 0. */
  public int numRows() {
    return numRows;
  }

  /** Row width D. */
  public int dim() {
    return dim;
  }

  /** The optimizer. */
  public Optimizer optimizer() {
    return optimizer;
  }

  /**
   * Sets the factor on the optimizer's learning rate for the next updates (a learning-rate
   * schedule's hook; see {@link Trainer#setLearningRateScale}).
   *
   * @throws IllegalArgumentException unless {@code scale} is finite and {@code > 0}
   */
  public void setLearningRateScale(double scale) {
    Check.arg(
        Double.isFinite(scale) && scale > 0,
        name + ".learningRateScale",
        scale,
        "must be finite and > 0");
    this.learningRateScale = (float) scale;
  }

  /**
   * Copies row {@code id} into {@code out} at float offset {@code at} without changing the table: a
   * row never used yet is written as its lazy initial value (the value it will get when first
   * trained), computed on the fly and not stored.
   */
  public void gatherReadOnly(int id, java.nio.FloatBuffer out, int at) {
    if (isInitialised(id)) {
      out.put(at, data, PAD + id * stride, dim);
      return;
    }
    SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + id);
    for (int k = 0; k < dim; k++) {
      out.put(at + k, (float) (DefineContext.gaussian(rnd) * initStd));
    }
  }

  /**
   * Copies row {@code id} into {@code out} at {@code at}, as {@link #gatherReadOnly(int,
   * java.nio.FloatBuffer, int)} does (a row never used is written as its lazy initial value, not
   * stored).
   */
  void gatherReadOnly(int id, float[] out, int at) {
    if (isInitialised(id)) {
      System.arraycopy(data, PAD + id * stride, out, at, dim);
      return;
    }
    SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + id);
    for (int k = 0; k < dim; k++) {
      out[at + k] = (float) (DefineContext.gaussian(rnd) * initStd);
    }
  }

  /**
   * Initialises (if needed) every row in {@code ids[from..to)}. Two threads may initialise at once
   * only when no two of their ids share a 64-row block ({@code id >>> 6}): the used-row bits of a
   * block are one word.
   */
  void initialiseRows(int[] ids, int from, int to) {
    for (int i = from; i < to; i++) {
      ensureInitialised(ids[i]);
    }
  }

  /** The array holding every row (read-only use: see {@link #offsetOf}). */
  float[] storage() {
    return data;
  }

  /** Where row {@code id}'s weights start in {@link #storage()}, or -1 if it was never used. */
  int offsetOf(int id) {
    return isInitialised(id) ? PAD + id * stride : -1;
  }

  /** Initialises (if needed) every row in {@code ids[0..count)}; single-threaded. */
  public void initialiseRows(int[] ids, int count) {
    for (int i = 0; i < count; i++) {
      ensureInitialised(ids[i]);
    }
  }

  /**
   * Applies the optimizer to rows {@code rows[from..to)} with gradients at {@code grads[i·dim]} for
   * row {@code i}. Row 0 is skipped; rows must be distinct and initialised, so disjoint ranges can
   * be updated by several threads at once.
   */
  public void updateRange(int[] rows, int from, int to, float[] grads, long step) {
    final int d = dim;
    final float scale = learningRateScale;
    for (int i = from; i < to; i++) {
      int r = rows[i];
      if (r != 0) {
        int o = PAD + r * stride;
        optimizer.update(data, o, slotViews, o + d, d, grads, i * d, d, step, scale);
      }
    }
  }

  /**
   * Loads the first and last float of rows {@code rows[from..to)} (and of their optimizer state) so
   * that their cache lines are in flight together: a tight loop of independent loads lets the
   * processor overlap many cache misses, where the update loop, with its long body per row, would
   * take them one after another. Java has no prefetch instruction; this is its stand-in, and it
   * halves the update time on tables larger than the cache.
   */
  public void touch(int[] rows, int from, int to, boolean withState) {
    // one load per 16 floats (a 64-byte line) of the part of the row that is needed
    final int span = withState ? stride : dim;
    float acc = 0;
    for (int i = from; i < to; i++) {
      int o = PAD + rows[i] * stride;
      for (int k = 0; k < span; k += 16) {
        acc += data[o + k];
      }
      acc += data[o + span - 1];
    }
    touchSink = acc;
  }

  /**
   * Applies the optimizer to rows {@code rows[0..count)} with gradients {@code grads} ({@code
   * count·dim} floats, row after row). Row 0 (padding) is skipped. Rows must be distinct.
   */
  public void update(int[] rows, int count, float[] grads, long step) {
    initialiseRows(rows, count);
    updateRange(rows, 0, count, grads, step);
  }

  /**
   * A copy of row {@code id}: its trained value, or its lazy initial value for a row never used
   * (the table is not changed).
   */
  public float[] row(int id) {
    Check.inRange(name + ".row", id, 0, numRows - 1);
    float[] out = new float[dim];
    gatherReadOnly(id, java.nio.FloatBuffer.wrap(out), 0);
    return out;
  }

  /** Whether row {@code id} has been used (read or updated) since the table was created. */
  public boolean isInitialised(int id) {
    return (initialised[id >>> 6] & (1L << id)) != 0;
  }

  /** Number of rows used so far, padding included. */
  public long usedRows() {
    long n = 0;
    for (long word : initialised) {
      n += Long.bitCount(word);
    }
    return n;
  }

  /**
   * Every row materialised (trained rows as trained, unused rows as their lazy initial value) with
   * the used-row bit set; the table is not changed.
   */
  public org.recsys4j.models.params.TableValues values() {
    float[] out = new float[numRows * dim];
    java.nio.FloatBuffer fb = java.nio.FloatBuffer.wrap(out);
    for (int r = 1; r < numRows; r++) {
      gatherReadOnly(r, fb, r * dim);
    }
    return new org.recsys4j.models.params.TableValues(name, numRows, dim, out, initialised.clone());
  }

  /**
   * Sets the rows from {@code v}: rows used there take its values and become used here (their
   * optimizer state is kept if they were used here already, else set to its initial value); rows
   * unused there become unused here (back to their lazy initial value). Needs exclusive access.
   *
   * @throws IllegalArgumentException if the size differs
   */
  public void load(org.recsys4j.models.params.TableValues v) {
    Check.arg(
        v.numRows() == numRows && v.dim() == dim,
        name + ".load",
        v.numRows() + "x" + v.dim(),
        "must equal " + numRows + "x" + dim);
    for (int r = 1; r < numRows; r++) {
      boolean used = v.isUsed(r);
      if (used) {
        ensureInitialised(r);
        System.arraycopy(v.values(), r * dim, data, PAD + r * stride, dim);
      } else {
        initialised[r >>> 6] &= ~(1L << r);
      }
    }
  }

  /**
   * The table's training state: every used row (padding excluded) with its optimizer slots; the
   * table is not changed. Needs that no update runs at the same time.
   */
  public TableState state() {
    int[] ids = new int[(int) (usedRows() - 1)];
    int n = 0;
    for (int r = 1; r < numRows; r++) {
      if (isInitialised(r)) {
        ids[n++] = r;
      }
    }
    float[] rows = new float[ids.length * stride];
    for (int i = 0; i < ids.length; i++) {
      System.arraycopy(data, PAD + ids[i] * stride, rows, i * stride, stride);
    }
    return new TableState(name, numRows, dim, slotViews.length, ids, rows);
  }

  /**
   * Replaces the table's training state by {@code s}: its rows become the used rows, with their
   * weights and optimizer slots; every other row becomes unused (its lazy initial value). Needs
   * exclusive access.
   *
   * @throws IllegalArgumentException naming the field if {@code s} is of another size or optimizer
   *     (number of slots); nothing is changed then
   */
  public void loadState(TableState s) {
    checkState(s);
    Arrays.fill(initialised, 0L);
    initialised[0] |= 1L;
    int[] ids = s.ids();
    for (int i = 0; i < ids.length; i++) {
      initialised[ids[i] >>> 6] |= 1L << ids[i];
      System.arraycopy(s.rows(), i * stride, data, PAD + ids[i] * stride, stride);
    }
  }

  /**
   * Checks that {@link #loadState} would accept {@code s}.
   *
   * @throws IllegalArgumentException naming the field, the value and the rule
   */
  public void checkState(TableState s) {
    Check.notNull(name + ".state", s);
    Check.arg(s.name().equals(name), name + ".state.name", s.name(), "must be " + name);
    Check.arg(
        s.numRows() == numRows && s.dim() == dim,
        name + ".state.size",
        s.numRows() + "x" + s.dim(),
        "must equal " + numRows + "x" + dim);
    Check.arg(
        s.slots() == slotViews.length,
        name + ".state.slots",
        s.slots(),
        "must equal the slots of this table's optimizer " + optimizer + ": " + slotViews.length);
  }

  private void ensureInitialised(int id) {
    long bit = 1L << id;
    int word = id >>> 6;
    if ((initialised[word] & bit) != 0) {
      return;
    }
    initialised[word] |= bit;
    int off = PAD + id * stride;
    SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + id);
    for (int k = 0; k < dim; k++) {
      data[off + k] = (float) (DefineContext.gaussian(rnd) * initStd);
    }
    for (int s = 0; s < slotViews.length; s++) {
      int so = off + dim * (1 + s);
      Arrays.fill(data, so, so + dim, optimizer.initialSlotValue(s));
    }
  }
}
