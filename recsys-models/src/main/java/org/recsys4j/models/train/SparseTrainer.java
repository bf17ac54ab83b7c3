package org.recsys4j.models.train;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.recsys4j.core.Check;
import org.recsys4j.core.layer.DefineContext;
import org.recsys4j.core.layer.LayerInput;
import org.recsys4j.core.layer.LayerOutput;
import org.recsys4j.core.layer.Shape;
import org.recsys4j.models.EmbeddingLookup;
import org.recsys4j.models.RankingModel;
import org.recsys4j.models.SparseInput;
import org.recsys4j.models.layers.embedding.Embedding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link RankingModel} with embedding tables outside the graph and sparse row updates.
 *
 * <p>One {@link #fit} step, for a batch of B examples:
 *
 * <ol>
 *   <li>checks every id against its table ({@code [0, numRows)}) and every label;
 *   <li>gathers the rows of each lookup into the graph variable {@code <embedding>/rows}
 *       ({@code [B,F,D]}), fills the lookup mask {@code <embedding>/mask} ({@code [B,F]}, 1 where
 *       the id is not 0) and finds the batch's distinct ids;
 *   <li>SameDiff computes the weighted mean log loss {@code Σ w_i·ℓ(y_i, σ(z_i)) / Σ w_i} and its
 *       gradients with respect to the gathered rows and the dense parameters;
 *   <li>row gradients are summed per distinct id and the table's {@link Optimizer} updates only
 *       those rows; dense parameters are updated by the dense optimizer.
 * </ol>
 *
 * <p>The cost of a step depends on B, F and D, not on the number of rows. The graph is built for
 * batch size {@link TrainerConfig#batchSize()}; smaller batches are padded with id-0, weight-0
 * examples. Results are bit-identical across runs with the same seed and data (single-threaded
 * native ops, deterministic accumulation order).
 *
 * <p>Not thread-safe: use one trainer per thread. {@link #close()} stops the trainer's helper
 * thread (a daemon, so forgetting it does not keep the JVM alive).
 */
public final class SparseTrainer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SparseTrainer.class);
  private static final String LABEL = "label";
  private static final String WEIGHT = "weight";
  private static final String LOSS = "loss";
  private static final String PROB = "prob";

  private final RankingModel model;
  private final TrainerConfig config;
  private final int batchSize;
  private final SameDiff sd;
  private final List<InputState> inputs = new ArrayList<>();
  private final List<LookupState> lookups = new ArrayList<>();
  private final Map<String, EmbeddingTable> tables = new LinkedHashMap<>();
  private final List<DenseState> dense = new ArrayList<>();
  private final List<String> gradVariables = new ArrayList<>();
  private final INDArray labelArr;
  private final INDArray weightArr;
  private final float[] labelBuf;
  private final float[] weightBuf;
  private long step;
  private final java.util.concurrent.ExecutorService helper;
  private volatile boolean closed;
  private long nanosPrepare;
  private long nanosGraph;
  private long nanosUpdate;

  /**
   * Builds the training graph and allocates the tables.
   *
   * @throws IllegalArgumentException if a lookup names an unknown input, its field count differs
   *     from its input's, or two lookups share an embedding name
   */
  public SparseTrainer(RankingModel model, TrainerConfig config) {
    this.model = Check.notNull("model", model);
    this.config = Check.notNull("config", config);
    this.batchSize = config.batchSize();
    this.sd = SameDiff.create();
    DefineContext ctx = DefineContext.training(config.seed());

    Map<String, InputState> byName = new HashMap<>();
    for (SparseInput in : model.inputs()) {
      Check.arg(!byName.containsKey(in.name()), "model.inputs", in.name(), "is declared twice");
      InputState s = new InputState(in, batchSize);
      byName.put(in.name(), s);
      inputs.add(s);
    }
    Map<String, LayerOutput> embedded = new LinkedHashMap<>();
    for (EmbeddingLookup lk : model.lookups()) {
      Embedding e = lk.embedding();
      InputState in = byName.get(lk.input());
      Check.arg(in != null, e.name() + ".input", lk.input(),
          "must be one of the model's inputs " + byName.keySet());
      Check.arg(e.numFields() == in.spec.numFields(), e.name() + ".numFields", e.numFields(),
          "must equal " + lk.input() + ".numFields=" + in.spec.numFields());
      Check.arg(!tables.containsKey(e.name()), "model.lookups", e.name(), "is declared twice");
      EmbeddingTable table =
          new EmbeddingTable(e.name(), e.numRows(), e.embeddingDim(), e.initStd(),
              config.seed() ^ (long) e.name().hashCode() << 17, config.embeddingOptimizer());
      tables.put(e.name(), table);
      SDVariable rows = sd.var(e.name() + "/rows",
          Nd4j.zeros(DataType.FLOAT, batchSize, e.numFields(), e.embeddingDim()));
      LayerInput li =
          LayerInput.of(rows, Shape.batched(e.numFields(), e.embeddingDim()), ctx);
      embedded.put(e.name(), e.define(sd, li));
      LookupState ls = new LookupState(e, table, in, rows.name(), batchSize);
      ls.rowsArr = rows.getArr();
      lookups.add(ls);
      in.tables.add(table);
      in.maskNames.add(e.maskPlaceholderName());
      gradVariables.add(rows.name());
    }
    SDVariable logits = sd.updateVariableNameAndReference(
        model.defineLogits(sd, embedded, ctx), "logits");
    sd.nn.sigmoid(PROB, logits);
    SDVariable label = sd.placeHolder(LABEL, DataType.FLOAT, -1, 1);
    SDVariable weight = sd.placeHolder(WEIGHT, DataType.FLOAT, -1, 1);
    sd.loss.sigmoidCrossEntropy(LOSS, label, logits, weight,
        org.nd4j.autodiff.loss.LossReduce.MEAN_BY_WEIGHT, 0.0);
    sd.setLossVariables(LOSS);

    for (SDVariable v : sd.variables()) {
      if (v.getVariableType() == VariableType.VARIABLE && !gradVariables.contains(v.name())) {
        dense.add(new DenseState(v.name(), v.getArr(), config.denseOptimizer()));
      }
    }
    for (DenseState d : dense) {
      gradVariables.add(d.name);
    }
    this.helper = config.javaThreads() > 1
        ? java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "recsys4j-trainer-helper");
            t.setDaemon(true);
            return t;
          })
        : null;
    this.labelArr = Nd4j.zeros(DataType.FLOAT, batchSize, 1);
    this.weightArr = Nd4j.zeros(DataType.FLOAT, batchSize, 1);
    this.labelBuf = new float[batchSize];
    this.weightBuf = new float[batchSize];
    LOG.info("SparseTrainer for model {}: batch {}, {} tables {}, {} dense parameters",
        model.name(), batchSize, tables.size(), tables.keySet(), dense.size());
  }

  /** The model being trained. */
  public RankingModel model() {
    return model;
  }

  /** The settings. */
  public TrainerConfig config() {
    return config;
  }

  /** Steps taken so far. */
  public long step() {
    return step;
  }

  /**
   * Where training time went since the trainer was created or {@link #resetTimings()}: seconds
   * spent preparing batches (id checks, gathers), in the graph (forward and backward), and
   * applying updates, in that order.
   */
  public double[] timings() {
    return new double[] {nanosPrepare / 1e9, nanosGraph / 1e9, nanosUpdate / 1e9};
  }

  /** Zeroes {@link #timings()}. */
  public void resetTimings() {
    nanosPrepare = 0;
    nanosGraph = 0;
    nanosUpdate = 0;
  }

  /** The table of the embedding named {@code name}. */
  public EmbeddingTable table(String name) {
    EmbeddingTable t = tables.get(name);
    Check.arg(t != null, "table", name, "is not one of " + tables.keySet());
    return t;
  }

  /** Embedding tables by name. */
  public Map<String, EmbeddingTable> tables() {
    return Collections.unmodifiableMap(tables);
  }

  /** A copy of every dense parameter, by graph name. */
  public Map<String, float[]> denseParameters() {
    Map<String, float[]> out = new LinkedHashMap<>();
    for (DenseState d : dense) {
      out.put(d.name, d.values.clone());
    }
    return out;
  }

  /** The SameDiff graph (for inspection and export; do not train it directly). */
  public SameDiff graph() {
    return sd;
  }

  /**
   * One training step on {@code batch}.
   *
   * @return the batch's weighted mean log loss before the update
   * @throws IllegalArgumentException if the batch is larger than the configured batch size, has
   *     no labels, lacks an input, has the wrong number of ids, or holds an out-of-range id
   */
  public float fit(SparseBatch batch) {
    long t0 = System.nanoTime();
    int n = prepare(batch, true);
    Map<String, INDArray> ph = placeholders(true);
    long t1 = System.nanoTime();
    OutAndGrad og = sd.calculateGradientsAndOutputs(ph, List.of(LOSS), gradVariables);
    long t2 = System.nanoTime();
    step++;
    Map<String, INDArray> grads = og.getGradients();
    final long s = step;
    for (LookupState ls : lookups) {
      float[] g = readFloats(grads.get(ls.rowsName), ls.gradBuf);
      inHalves(ls.input.deduper.count(), (from, to) -> ls.applyGradient(g, from, to, s));
    }
    for (DenseState d : dense) {
      d.apply(readFloats(grads.get(d.name), d.gradBuf), step);
    }
    float loss = og.getOutputs().get(LOSS).getFloat(0);
    long t3 = System.nanoTime();
    nanosPrepare += t1 - t0;
    nanosGraph += t2 - t1;
    nanosUpdate += t3 - t2;
    if (!Float.isFinite(loss)) {
      throw new IllegalStateException("loss=" + loss + " at step " + step
          + " must be finite: lower the learning rate or check the inputs");
    }
    if (config.gcEverySteps() > 0 && step % config.gcEverySteps() == 0) {
      System.gc();
    }
    LOG.debug("step {}: {} examples, loss {}", step, n, loss);
    return loss;
  }

  /**
   * Click probabilities {@code σ(logit)} for every example of {@code batch}, of any size.
   *
   * @throws IllegalArgumentException on a missing input, a wrong id count or an out-of-range id
   */
  public float[] predict(SparseBatch batch) {
    int total = batch.size();
    checkIds(batch);
    float[] out = new float[total];
    for (int start = 0; start < total; start += batchSize) {
      int n = Math.min(batchSize, total - start);
      prepareChunk(batch, start, n, false);
      INDArray p = sd.output(placeholders(false), PROB).get(PROB);
      float[] pf = p.reshape(p.length()).toFloatVector();
      System.arraycopy(pf, 0, out, start, n);
    }
    return out;
  }

  private int prepare(SparseBatch batch, boolean training) {
    Check.arg(batch.size() <= batchSize, "batch.size", batch.size(),
        "must be <= trainer.batchSize=" + batchSize);
    Check.arg(!training || batch.labels().isPresent(), "batch.labels", null,
        "must be present for training");
    checkIds(batch);
    prepareChunk(batch, 0, batch.size(), training);
    return batch.size();
  }

  /**
   * Checks every input's id count and every id against the tables it is looked up in, once per
   * batch, so that errors name the example's index in the caller's batch.
   */
  private void checkIds(SparseBatch batch) {
    for (InputState in : inputs) {
      int f = in.spec.numFields();
      int[] ids = batch.ids(in.spec.name());
      Check.arg(ids.length == batch.size() * f, in.spec.name() + ".ids.length", ids.length,
          "must equal batch.size*numFields=" + batch.size() + "*" + f);
      for (EmbeddingTable t : in.tables) {
        t.checkIds(in.spec.name(), ids, ids.length, f);
      }
    }
  }

  /** Loads examples {@code [start, start+n)} of an already checked batch into the graph. */
  private void prepareChunk(SparseBatch batch, int start, int n, boolean training) {
    for (InputState in : inputs) {
      int f = in.spec.numFields();
      int[] ids = batch.ids(in.spec.name());
      System.arraycopy(ids, start * f, in.idsBuf, 0, n * f);
      java.util.Arrays.fill(in.idsBuf, n * f, in.idsBuf.length, 0);
      Embedding.maskFromIds(in.idsBuf, in.idsBuf.length, in.maskBuf);
      put(in.maskArr, in.maskBuf);
      in.deduper.dedupe(in.idsBuf, in.idsBuf.length);
      for (EmbeddingTable t : in.tables) {
        t.initialiseRows(in.deduper.unique(), in.deduper.count());
        t.touch(in.deduper.unique(), 0, in.deduper.count(), false);
      }
    }
    for (LookupState ls : lookups) {
      int[] ids = ls.input.idsBuf;
      FloatBuffer fb = ls.rowsArr.data().asNioFloat();
      inHalves(ids.length, (from, to) -> ls.table.gatherInto(ids, from, to, fb));
    }
    if (training) {
      float[] y = batch.labels().orElseThrow();
      float[] w = batch.weights().orElse(null);
      for (int i = 0; i < batchSize; i++) {
        boolean real = i < n;
        labelBuf[i] = real ? y[start + i] : 0f;
        weightBuf[i] = real ? (w == null ? 1f : w[start + i]) : 0f;
      }
      put(labelArr, labelBuf);
      put(weightArr, weightBuf);
    }
  }

  /** Stops the helper thread; the trainer can still predict and train afterwards, on one thread. */
  @Override
  public void close() {
    if (helper != null) {
      helper.shutdown();
    }
    closed = true;
  }

  /** A task over the index range {@code [from, to)}. */
  private interface RangeTask {
    void run(int from, int to);
  }

  /**
   * Runs {@code task} over {@code [0, n)}: split in two halves, one on the helper thread, when the
   * trainer has one and the range is large enough to pay for the hand-off.
   */
  private void inHalves(int n, RangeTask task) {
    if (helper == null || closed || n < 2048) {
      task.run(0, n);
      return;
    }
    int mid = n >>> 1;
    java.util.concurrent.Future<?> f = helper.submit(() -> task.run(0, mid));
    task.run(mid, n);
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while training", e);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(c);
    }
  }

  private Map<String, INDArray> placeholders(boolean training) {
    Map<String, INDArray> ph = new HashMap<>();
    for (InputState in : inputs) {
      for (String maskName : in.maskNames) {
        ph.put(maskName, in.maskArr);
      }
    }
    if (training) {
      ph.put(LABEL, labelArr);
      ph.put(WEIGHT, weightArr);
    }
    return ph;
  }

  private static void put(INDArray arr, float[] values) {
    FloatBuffer fb = arr.data().asNioFloat();
    fb.position(0);
    fb.put(values);
  }

  private static float[] readFloats(INDArray a, float[] buf) {
    Check.state(a != null, "missing gradient: a graph variable has no gradient");
    INDArray src = a;
    if (src.isView() || src.ordering() != 'c' || src.dataType() != DataType.FLOAT
        || src.data().length() != buf.length) {
      src = src.castTo(DataType.FLOAT).dup('c');
    }
    FloatBuffer fb = src.data().asNioFloat();
    fb.position(0);
    fb.get(buf, 0, buf.length);
    return buf;
  }

  /** Per-input buffers. */
  private static final class InputState {
    final SparseInput spec;
    final INDArray maskArr;
    final float[] maskBuf;
    final int[] idsBuf;
    final IdDeduper deduper = new IdDeduper();
    final List<EmbeddingTable> tables = new ArrayList<>();
    final List<String> maskNames = new ArrayList<>();

    InputState(SparseInput spec, int batchSize) {
      this.spec = spec;
      this.maskArr = Nd4j.zeros(DataType.FLOAT, batchSize, spec.numFields());
      this.maskBuf = new float[batchSize * spec.numFields()];
      this.idsBuf = new int[batchSize * spec.numFields()];
    }
  }

  /** Per-lookup buffers. */
  private static final class LookupState {
    final Embedding embedding;
    final EmbeddingTable table;
    final InputState input;
    final String rowsName;
    final float[] gradBuf;
    final float[] uniqueGrad;
    INDArray rowsArr;

    LookupState(Embedding e, EmbeddingTable table, InputState input, String rowsName, int b) {
      this.embedding = e;
      this.table = table;
      this.input = input;
      this.rowsName = rowsName;
      int n = b * e.numFields() * e.embeddingDim();
      this.gradBuf = new float[n];
      this.uniqueGrad = new float[n];
    }

    /**
     * Sums the gradients of distinct ids {@code [from, to)} (in lookup order, so the sum does not
     * depend on how the range is split) and updates those rows.
     */
    void applyGradient(float[] g, int from, int to, long step) {
      IdDeduper dd = input.deduper;
      int d = embedding.embeddingDim();
      int[] inv = dd.inverse();
      table.touch(dd.unique(), from, to, true);
      java.util.Arrays.fill(uniqueGrad, from * d, to * d, 0f);
      int lookupsN = input.idsBuf.length;
      for (int i = 0; i < lookupsN; i++) {
        int u = inv[i];
        if (u < from || u >= to) {
          continue;
        }
        int dst = u * d;
        int src = i * d;
        for (int k = 0; k < d; k++) {
          uniqueGrad[dst + k] += g[src + k];
        }
      }
      table.updateRange(dd.unique(), from, to, uniqueGrad, step);
    }
  }

  /** A dense parameter with its optimizer state. */
  private static final class DenseState {
    final String name;
    final INDArray arr;
    final Optimizer optimizer;
    final float[] values;
    final float[][] slots;
    final float[] gradBuf;

    DenseState(String name, INDArray arr, Optimizer optimizer) {
      this.name = name;
      this.arr = arr;
      this.optimizer = optimizer;
      this.values = arr.dup('c').data().asFloat();
      this.gradBuf = new float[values.length];
      this.slots = new float[optimizer.slots()][];
      for (int s = 0; s < slots.length; s++) {
        slots[s] = new float[values.length];
        java.util.Arrays.fill(slots[s], optimizer.initialSlotValue(s));
      }
    }

    void apply(float[] g, long step) {
      optimizer.update(values, 0, slots, g, 0, values.length, step);
      put(arr, values);
    }
  }
}
