package org.recsys4j.models.train;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.MirroringPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.recsys4j.core.Check;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.core.data.TrainingBatch;
import org.recsys4j.core.layer.DefineContext;
import org.recsys4j.core.nd4j.NativeThreads;
import org.recsys4j.core.nd4j.Nd4jConsole;
import org.recsys4j.models.graph.ModelGraph;
import org.recsys4j.models.layers.StateVariable;
import org.recsys4j.models.layers.StochasticLayer;
import org.recsys4j.models.params.ModelSnapshot;
import org.recsys4j.models.params.TableValues;
import org.recsys4j.models.params.Tensor;
import org.recsys4j.models.spec.Head;
import org.recsys4j.models.spec.InputKind;
import org.recsys4j.models.spec.InputSpec;
import org.recsys4j.models.spec.ModelSpec;
import org.recsys4j.models.spec.TableDeclaration;
import org.recsys4j.models.train.BatchStager.LookupPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link ModelSpec} with embedding tables outside the graph and sparse row updates, and
 * scores batches with the trained parameters.
 *
 * <p>One {@link #fit} step on a batch of {@code n <= B} examples:
 *
 * <ol>
 *   <li>the batch is checked against the spec (every input present with its shape, ids in range of
 *       their tables, masks equal to {@code id != 0}, numeric values finite, labels in [0,1],
 *       weights finite and {@code >= 0} with a positive sum) before anything is touched;
 *   <li>each table's references are deduplicated and its rows gathered into the lookups' graph
 *       variables {@code <lookup>/rows} ({@link BatchStager});
 *   <li>SameDiff computes the total loss (the heads' weighted losses, see {@link Head}) and its
 *       gradients with respect to the rows and the dense parameters ({@link ModelGraph});
 *   <li>only if the loss and every gradient are finite: row gradients are summed per distinct id
 *       and each table's optimizer updates those rows; the dense optimizer updates the dense
 *       parameters ({@link DenseParameters}). A failed step throws and changes nothing.
 * </ol>
 *
 * <p>Shallow models (one logit head over sums of {@link
 * org.recsys4j.models.layers.interaction.LinearTerm}s and {@link
 * org.recsys4j.models.layers.interaction.FmCross}es: LR, FM) are detected from the spec and take
 * the fused path ({@link FusedEngine}): the same checks, tables and optimizers, with the forward
 * and backward passes in plain Java instead of a graph (equal within float rounding).
 *
 * <p>The cost of a step depends on B, F and D, not on the number of rows. Results are bit-identical
 * across runs with the same spec and data, whatever {@link TrainerConfig#javaThreads()}.
 *
 * <p>Threads: {@link #predict} may be called from any number of threads at once (each call scores
 * on an inference graph of its own, taken from a pool, and reads the tables without changing them);
 * {@link #fit} excludes predictions while it runs (a read-write lock). Scoring an id never seen in
 * training uses that row's lazy initial value and does not store it.
 */
public final class Trainer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
  private static final int PREDICT_CHUNK = 4096;

  private final ModelSpec spec;
  private final TrainerConfig config;
  private final int batchSize;
  private final ModelGraph graph;

  /** The fused path of an LR/FM-shaped spec, or null when the graph trains the model. */
  private final FusedEngine fused;

  private final long[] fusedNanos = new long[3];
  private final SameDiff sd;
  private final Map<String, SparseTable> tables = new LinkedHashMap<>();
  private final BatchStager stager;
  private final DenseParameters dense;
  private final Workers workers;
  private final List<String> gradVariables = new ArrayList<>();

  /** Per lookup, the graph variable of its rows' gradient, or null when no graph op reads it. */
  private final String[] rowGradNames;

  private final HostRunner host;
  private final List<String> outputs = new ArrayList<>();
  private final FloatBuffer[] rowBuffers;
  private final float[][] rowGrads;
  private final Map<String, INDArray> placeholders = new HashMap<>();

  /** Lookups whose mask the training graph reads, by index in the stager's lookups. */
  private final List<Integer> maskLookups = new ArrayList<>();

  private final List<float[]> maskBuffers = new ArrayList<>();
  private final float[] columnBuffer;
  private final long[] tableCost;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final ConcurrentLinkedQueue<Scoring> scorers = new ConcurrentLinkedQueue<>();
  private long step;
  private double learningRateScale = 1;
  private long nanosPrepare;
  private long nanosGraph;
  private long nanosUpdate;
  private long timedSteps;

  /**
   * Builds the training graph and allocates the tables (rows are initialised lazily).
   *
   * @throws IllegalArgumentException if the spec has no head with a loss
   */
  public Trainer(ModelSpec spec, TrainerConfig config) {
    this(spec, config, true);
  }

  /**
   * A trainer that runs the SameDiff graph even for a spec the fused path would take: to compare
   * the two paths (speed, results) on one model.
   *
   * @throws IllegalArgumentException if the spec has no head with a loss
   */
  public static Trainer onGraph(ModelSpec spec, TrainerConfig config) {
    return new Trainer(spec, config, false);
  }

  /**
   * As {@link #Trainer(ModelSpec, TrainerConfig)}; with {@code allowFused=false} a shallow model
   * trains on the graph too (to compare the two paths).
   */
  Trainer(ModelSpec spec, TrainerConfig config, boolean allowFused) {
    this.spec = Check.notNull("spec", spec);
    this.config = Check.notNull("config", config);
    this.batchSize = config.batchSize();
    NativeThreads.set(config.nativeThreads());
    for (TableDeclaration t : spec.tables()) {
      tables.put(
          t.name(),
          new SparseTable(
              t.name(),
              t.rows(),
              t.dim(),
              t.initStd(),
              DefineContext.seedFor(spec.seed(), t.name()),
              config.tableOptimizer(t.name())));
    }
    for (String name : config.tableOptimizers().keySet()) {
      Check.arg(
          tables.containsKey(name),
          "trainer.tableOptimizers",
          name,
          "must name a table of model " + spec.name() + ": " + tables.keySet());
    }
    this.stager = new BatchStager(spec, tables);
    this.workers = new Workers(config.javaThreads());
    java.util.Optional<FusedShape> shallow =
        allowFused ? FusedShape.of(spec) : java.util.Optional.empty();
    if (shallow.isPresent()) {
      // LR/FM shape: trained in plain Java, no graph (FusedEngine)
      this.dense = new DenseParameters(shallow.get().initialBiases(), config.denseOptimizer());
      this.fused = new FusedEngine(spec, shallow.get(), tables, dense, workers, batchSize);
      this.graph = null;
      this.sd = null;
      this.rowBuffers = new FloatBuffer[0];
      this.rowGrads = new float[0][];
      this.columnBuffer = new float[0];
      this.tableCost = new long[0];
      this.rowGradNames = new String[0];
      this.host = null;
      LOG.info(
          "Trainer for model {}: fused CPU path (linear and FM terms, no graph), batch {}, {}"
              + " tables, {} lookups, heads {}",
          spec.name(),
          batchSize,
          tables.size(),
          spec.lookups().size(),
          spec.heads().stream().map(Head::name).toList());
      return;
    }
    this.fused = null;
    this.graph =
        allowFused
            ? ModelGraph.trainingWithHostNodes(spec, batchSize, DataType.FLOAT)
            : ModelGraph.training(spec, batchSize, DataType.FLOAT);
    this.sd = graph.sameDiff();
    List<LookupPlan> lps = stager.lookups();
    this.rowBuffers = new FloatBuffer[lps.size()];
    this.rowGrads = new float[lps.size()][];
    this.rowGradNames = new String[lps.size()];
    for (int j = 0; j < lps.size(); j++) {
      String rn = ModelGraph.rowsName(lps.get(j).lookup().name());
      rowBuffers[j] = sd.getVariable(rn).getArr().data().asNioFloat();
      rowGrads[j] = new float[batchSize * lps.get(j).width() * lps.get(j).dim()];
      if (graph.readByGraph(rn)) {
        rowGradNames[j] = rn;
        gradVariables.add(rn);
      }
    }
    this.dense = new DenseParameters(sd, graph.denseParameters(), config.denseOptimizer());
    for (String p : dense.names()) {
      if (!graph.hostParameters().contains(p)) {
        gradVariables.add(p);
      }
    }
    this.host = new HostRunner(graph, stager, dense, workers, batchSize);
    gradVariables.addAll(host.gradientVariables());
    outputs.add(ModelGraph.LOSS);
    for (StateVariable v : graph.stateVariables()) {
      if (!graph.hostStatistics().contains(v.batchStatistic())) {
        outputs.add(v.batchStatistic());
      }
    }
    for (int j = 0; j < lps.size(); j++) {
      String lk = lps.get(j).lookup().name();
      if (graph.maskPlaceholders().contains(lk)) {
        int w = lps.get(j).width();
        placeholders.put(ModelGraph.maskName(lk), Nd4j.zeros(DataType.FLOAT, batchSize, w));
        maskLookups.add(j);
        maskBuffers.add(new float[batchSize * w]);
      }
    }
    int maxWidth = 1;
    for (String name : graph.numericPlaceholders()) {
      InputSpec in = spec.input(name);
      placeholders.put(name, Nd4j.zeros(DataType.FLOAT, batchSize, in.width()));
      maxWidth = Math.max(maxWidth, in.width());
    }
    for (String label : spec.labels()) {
      placeholders.put(ModelGraph.labelName(label), Nd4j.zeros(DataType.FLOAT, batchSize, 1));
    }
    placeholders.put(ModelGraph.WEIGHT, Nd4j.zeros(DataType.FLOAT, batchSize, 1));
    this.columnBuffer = new float[batchSize * maxWidth];
    this.tableCost = new long[stager.tables().size()];
    for (int t = 0; t < tableCost.length; t++) {
      tableCost[t] = (long) stager.tables().get(t).slotLookup.length * batchSize;
    }
    Nd4jConsole.runQuietly(sd::createGradFunction);
    LOG.info(
        "Trainer for model {}: batch {}, {} tables, {} lookups, {} nodes, {} dense parameters,"
            + " heads {}",
        spec.name(),
        batchSize,
        tables.size(),
        spec.lookups().size(),
        spec.nodes().size(),
        dense.names().size(),
        spec.heads().stream().map(Head::name).toList());
  }

  /** The model being trained. */
  public ModelSpec spec() {
    return spec;
  }

  /** The settings. */
  public TrainerConfig config() {
    return config;
  }

  /**
   * Sets the factor on every optimizer's learning rate (tables and dense parameters) for the next
   * steps: the hook of a learning-rate schedule (warm-up, decay). 1 trains as configured.
   *
   * @throws IllegalArgumentException unless {@code scale} is finite and {@code > 0}
   */
  public void setLearningRateScale(double scale) {
    Check.arg(
        Double.isFinite(scale) && scale > 0,
        "trainer.learningRateScale",
        scale,
        "must be finite and > 0");
    lock.writeLock().lock();
    try {
      for (SparseTable t : tables.values()) {
        t.setLearningRateScale(scale);
      }
      dense.setLearningRateScale((float) scale);
      learningRateScale = scale;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** The factor on every optimizer's learning rate, see {@link #setLearningRateScale}. */
  public double learningRateScale() {
    return learningRateScale;
  }

  /** Steps taken so far. */
  public long step() {
    return step;
  }

  /** Where training time went since the trainer was built or {@link #resetTimings()}. */
  public StepTimings timings() {
    return new StepTimings(nanosPrepare / 1e9, nanosGraph / 1e9, nanosUpdate / 1e9, timedSteps);
  }

  /** Zeroes {@link #timings()}. */
  public void resetTimings() {
    nanosPrepare = 0;
    nanosGraph = 0;
    nanosUpdate = 0;
    timedSteps = 0;
  }

  /**
   * The training graph, for inspection only (do not run or train it directly).
   *
   * @throws IllegalStateException when the model trains on the fused path, which has no graph
   */
  public SameDiff graphForInspection() {
    Check.state(
        sd != null,
        "model %s trains on the fused path (linear and FM terms): no graph",
        spec.name());
    return sd;
  }

  /** The tables by name (read them only while no {@link #fit} runs). */
  public Map<String, SparseTable> tables() {
    return Collections.unmodifiableMap(tables);
  }

  /** The table named {@code name}. */
  public SparseTable table(String name) {
    SparseTable t = tables.get(name);
    Check.arg(t != null, "table", name, "must be one of " + tables.keySet());
    return t;
  }

  /** A copy of every dense parameter, by graph name. */
  public Map<String, float[]> denseParameters() {
    lock.readLock().lock();
    try {
      return dense.snapshot();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** A copy of the dense optimizer's state, by parameter name (slots of the optimizer). */
  public Map<String, float[][]> denseOptimizerState() {
    lock.readLock().lock();
    try {
      return dense.stateSnapshot();
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * A copy of the trained model: spec, step, dense parameters and state variables, every table
   * materialised. Taken under the read lock, so it is consistent with one step.
   */
  public ModelSnapshot snapshot() {
    lock.readLock().lock();
    try {
      Map<String, Tensor> d = denseTensors();
      Map<String, TableValues> t = new LinkedHashMap<>();
      for (SparseTable table : tables.values()) {
        t.put(table.name(), table.values());
      }
      return new ModelSnapshot(spec, step, d, t);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Sets the parameters from a snapshot of the same model: tables (used rows and which rows are
   * used), dense parameters, state variables and the step. Optimizer state is left as it is.
   *
   * @throws IllegalArgumentException if the snapshot's spec differs from this trainer's or a tensor
   *     is missing or has another shape; nothing is changed then
   */
  public void restore(ModelSnapshot snapshot) {
    Check.notNull("snapshot", snapshot);
    Check.arg(
        snapshot.spec().equals(spec),
        "snapshot.spec",
        snapshot.spec().name(),
        "must equal the trainer's model " + spec.name());
    checkDenseTensors(snapshot.dense(), "snapshot.dense");
    lock.writeLock().lock();
    try {
      loadDenseTensors(snapshot.dense());
      for (SparseTable table : tables.values()) {
        table.load(snapshot.table(table.name()));
      }
      step = snapshot.step();
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * A copy of the full training state (see {@link TrainerState}): what a checkpoint holds. Taken
   * under the read lock, so it is consistent with one step.
   */
  public TrainerState state() {
    lock.readLock().lock();
    try {
      Map<String, TableState> t = new LinkedHashMap<>();
      for (SparseTable table : tables.values()) {
        t.put(table.name(), table.state());
      }
      return new TrainerState(spec, config, step, denseTensors(), dense.stateSnapshot(), t);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Sets the full training state from {@code s}: dense parameters, state variables, the dense
   * optimizer's slots, every table's used rows with their slots (other rows back to their lazy
   * initial value) and the step, so that training continues exactly as it would have in the trainer
   * {@code s} was taken from. The learning rates and batch size of this trainer's config apply from
   * now on (a warm start may change them); the optimizers must be of the same kinds.
   *
   * @throws IllegalArgumentException naming the field, the value and the rule if {@code s} is of
   *     another model (spec), another optimizer kind, or a tensor or table is missing or of another
   *     size; everything is checked first, so nothing is changed then
   */
  public void loadState(TrainerState s) {
    Check.notNull("state", s);
    Check.arg(
        s.spec().equals(spec),
        "state.spec",
        s.spec().name(),
        "must equal the trainer's model " + spec.name() + " (the state is of another model)");
    checkSameKind(
        "state.config.tableOptimizer", s.config().tableOptimizer(), config.tableOptimizer());
    checkSameKind(
        "state.config.denseOptimizer", s.config().denseOptimizer(), config.denseOptimizer());
    for (String t : tables.keySet()) {
      checkSameKind(
          "state.config.tableOptimizer(" + t + ")",
          s.config().tableOptimizer(t),
          config.tableOptimizer(t));
    }
    checkDenseTensors(s.dense(), "state.dense");
    dense.checkState(s.denseSlots());
    for (SparseTable table : tables.values()) {
      TableState ts = s.tables().get(table.name());
      Check.arg(ts != null, "state.tables", table.name(), "must hold every table of the model");
      table.checkState(ts);
    }
    Check.arg(
        s.tables().size() == tables.size(),
        "state.tables",
        s.tables().keySet(),
        "must hold only the model's tables " + tables.keySet());
    lock.writeLock().lock();
    try {
      loadDenseTensors(s.dense());
      dense.loadState(s.denseSlots());
      for (SparseTable table : tables.values()) {
        table.loadState(s.tables().get(table.name()));
      }
      step = s.step();
    } finally {
      lock.writeLock().unlock();
    }
  }

  private static void checkSameKind(String field, Optimizer given, Optimizer mine) {
    Check.arg(
        given.getClass() == mine.getClass(),
        field,
        given,
        "must be of the same kind as this trainer's " + mine + " (its state has another layout)");
  }

  /** The graph's state variables (none on the fused path). */
  private List<StateVariable> stateVariables() {
    return graph == null ? List.of() : graph.stateVariables();
  }

  /** Dense parameters and state variables as tensors by graph name; call under a lock. */
  private Map<String, Tensor> denseTensors() {
    Map<String, Tensor> d = new LinkedHashMap<>();
    Map<String, float[]> values = dense.snapshot();
    List<String> names = dense.names();
    for (int i = 0; i < names.size(); i++) {
      d.put(names.get(i), Tensor.of(values.get(names.get(i)), dense.shape(i)));
    }
    for (StateVariable v : stateVariables()) {
      INDArray a = sd.getVariable(v.variable()).getArr();
      d.put(v.variable(), Tensor.of(a.castTo(DataType.FLOAT).dup('c').data().asFloat(), a.shape()));
    }
    return d;
  }

  /**
   * Checks that {@code given} holds every dense parameter and state variable with its shape.
   *
   * @throws IllegalArgumentException naming {@code field}, the tensor and its shape
   */
  private void checkDenseTensors(Map<String, Tensor> given, String field) {
    List<String> names = new ArrayList<>(dense.names());
    List<long[]> shapes = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      shapes.add(dense.shape(i));
    }
    for (StateVariable v : stateVariables()) {
      names.add(v.variable());
      shapes.add(sd.getVariable(v.variable()).getArr().shape());
    }
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i);
      Tensor t = given.get(n);
      Check.arg(t != null, field, n, "must hold every dense tensor of the model: " + names);
      long[] shape = shapes.get(i);
      Check.arg(
          java.util.Arrays.equals(t.shape(), shape),
          field + "[" + n + "].shape",
          java.util.Arrays.toString(t.shape()),
          "must equal " + java.util.Arrays.toString(shape));
    }
  }

  /** Writes checked dense parameters and state variables; call under the write lock. */
  private void loadDenseTensors(Map<String, Tensor> given) {
    Map<String, float[]> values = new LinkedHashMap<>();
    for (String n : dense.names()) {
      values.put(n, given.get(n).values());
    }
    for (StateVariable v : stateVariables()) {
      TrainerArrays.write(sd.getVariable(v.variable()).getArr(), given.get(v.variable()).values());
    }
    dense.load(values);
  }

  /**
   * One training step.
   *
   * @return the batch's total loss before the update
   * @throws IllegalArgumentException naming the input, example, value and rule when the batch does
   *     not fit the spec; nothing is changed
   * @throws IllegalStateException when the loss or a gradient is not finite; nothing is changed
   */
  public float fit(TrainingBatch batch) {
    Check.notNull("batch", batch);
    lock.writeLock().lock();
    try {
      return fitLocked(batch);
    } finally {
      lock.writeLock().unlock();
    }
  }

  private float fitLocked(TrainingBatch batch) {
    long t0 = System.nanoTime();
    EncodedBatch x = batch.inputs();
    int n = x.size();
    Check.arg(n <= batchSize, "batch.size", n, "must be <= trainer.batchSize=" + batchSize);
    stager.check(x);
    checkLabelsAndWeights(batch);
    if (fused != null) {
      return fitFused(batch, n);
    }
    stager.sampleNegatives(x, n, batchSize, spec.seed(), step);
    workers.forEach(
        tableCost.length,
        tableCost,
        t -> {
          stager.collect(t, x, 0, n, batchSize);
          stager.gather(t, rowBuffers, batchSize);
        });
    for (int k = 0; k < maskLookups.size(); k++) {
      int j = maskLookups.get(k);
      stager.mask(j, x, 0, n, maskBuffers.get(k));
      TrainerArrays.write(
          placeholders.get(ModelGraph.maskName(stager.lookups().get(j).lookup().name())),
          maskBuffers.get(k));
    }
    for (String name : graph.numericPlaceholders()) {
      float[] v = x.floats().get(name);
      TrainerArrays.write(placeholders.get(name), v, v.length);
    }
    for (String label : spec.labels()) {
      float[] y = batch.labels().get(label);
      TrainerArrays.write(placeholders.get(ModelGraph.labelName(label)), y, n);
    }
    float[] w = columnBuffer;
    float[] given = batch.weights().orElse(null);
    for (int i = 0; i < n; i++) {
      w[i] = given == null ? 1f : given[i];
    }
    TrainerArrays.write(placeholders.get(ModelGraph.WEIGHT), w, n);
    for (StochasticLayer st : graph.stochasticLayers()) {
      placeholders.put(st.noisePlaceholder(), st.sampleNoise(sd, batchSize, spec.seed(), step));
    }
    long t1 = System.nanoTime();
    if (!host.isEmpty()) {
      host.forward(x, n, rowBuffers);
    }
    try (MemoryWorkspace ws =
        Nd4j.getWorkspaceManager()
            .getAndActivateWorkspace(
                STEP_WORKSPACE, "recsys4j-step-" + System.identityHashCode(this))) {
      return runGraph(n, t0, t1);
    }
  }

  private float fitFused(TrainingBatch batch, int n) {
    Arrays.fill(fusedNanos, 0);
    float loss = fused.fit(batch, step + 1, fusedNanos);
    step++;
    nanosPrepare += fusedNanos[0];
    nanosGraph += fusedNanos[1];
    nanosUpdate += fusedNanos[2];
    timedSteps++;
    LOG.debug("step {}: {} examples, loss {}", step, n, loss);
    return loss;
  }

  /**
   * Every array a step allocates lives in a workspace that is reset when the step ends, so native
   * memory stays flat without waiting for the garbage collector; results are copied to Java arrays
   * before that.
   */
  private static final WorkspaceConfiguration STEP_WORKSPACE =
      WorkspaceConfiguration.builder()
          .initialSize(0)
          .overallocationLimit(0.2)
          .policyAllocation(AllocationPolicy.OVERALLOCATE)
          .policyLearning(LearningPolicy.FIRST_LOOP)
          .policyMirroring(MirroringPolicy.FULL)
          .policySpill(SpillPolicy.REALLOCATE)
          .build();

  private float runGraph(int n, long t0, long t1) {
    OutAndGrad og = sd.calculateGradientsAndOutputs(placeholders, outputs, gradVariables);
    long t2 = System.nanoTime();
    SessionMemory.bound(sd); // a new thread's session starts with SameDiff's array cache on
    try {
      return applyStep(og, n, t0, t1, t2);
    } finally {
      release(og.getGradients());
      release(og.getOutputs());
      SessionMemory.freeIntermediates(sd, placeholders.values());
    }
  }

  /**
   * Frees the native buffers of a step's results now: ND4J otherwise frees them only when the
   * garbage collector finds their Java objects, and a small Java heap is collected too rarely to
   * keep the process's memory flat.
   */
  private static void release(Map<String, INDArray> arrays) {
    for (INDArray a : arrays.values()) {
      if (a != null && a.closeable()) {
        a.close();
      }
    }
  }

  private float applyStep(OutAndGrad og, int n, long t0, long t1, long t2) {
    float loss = og.getOutputs().get(ModelGraph.LOSS).getFloat(0);
    if (!Float.isFinite(loss)) {
      throw new IllegalStateException(
          "loss="
              + loss
              + " at step "
              + (step + 1)
              + " must be finite; no parameter was changed. Lower the learning rate, or check the"
              + " batch's values");
    }
    Map<String, INDArray> grads = og.getGradients();
    List<LookupPlan> lps = stager.lookups();
    for (int j = 0; j < lps.size(); j++) {
      if (rowGradNames[j] != null) {
        TrainerArrays.read(grads.get(rowGradNames[j]), rowGrads[j]);
      } else {
        java.util.Arrays.fill(rowGrads[j], 0f);
      }
    }
    if (!host.isEmpty()) {
      // kernels keep their buffers across steps: never allocate them in the step's workspace
      try (MemoryWorkspace out = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
        host.backward(grads, rowGrads);
      }
    }
    for (int j = 0; j < lps.size(); j++) {
      checkFinite(rowGrads[j], ModelGraph.rowsName(lps.get(j).lookup().name()));
    }
    for (int i = 0; i < dense.names().size(); i++) {
      String p = dense.names().get(i);
      float[] g =
          graph.hostParameters().contains(p)
              ? dense.gradient(i)
              : dense.readGradient(i, grads.get(p));
      checkFinite(g, p);
    }
    step++;
    final long s = step;
    workers.forEach(
        tableCost.length, tableCost, t -> stager.applyGradients(t, rowGrads, batchSize, s));
    dense.apply(step);
    for (StateVariable v : graph.stateVariables()) {
      if (!graph.hostStatistics().contains(v.batchStatistic())) {
        v.update(sd.getVariable(v.variable()).getArr(), og.getOutputs().get(v.batchStatistic()));
      }
    }
    if (!host.isEmpty()) {
      host.updateState();
    }
    long t3 = System.nanoTime();
    nanosPrepare += t1 - t0;
    nanosGraph += t2 - t1;
    nanosUpdate += t3 - t2;
    timedSteps++;
    LOG.debug("step {}: {} examples, loss {}", step, n, loss);
    return loss;
  }

  private void checkFinite(float[] g, String variable) {
    if (!TrainerArrays.allFinite(g, g.length)) {
      throw new IllegalStateException(
          "gradient of "
              + variable
              + " at step "
              + (step + 1)
              + " must be finite; no parameter was changed. Lower the learning rate, or check the"
              + " batch's values");
    }
  }

  private void checkLabelsAndWeights(TrainingBatch batch) {
    int n = batch.size();
    for (String label : spec.labels()) {
      float[] y = batch.labels().get(label);
      Check.arg(
          y != null,
          "batch.labels",
          batch.labels().keySet(),
          "must include '" + label + "', the label a head of model " + spec.name() + " reads");
      for (int i = 0; i < n; i++) {
        if (!(y[i] >= 0f && y[i] <= 1f)) {
          throw new IllegalArgumentException(
              "batch.labels[" + label + "][" + i + "]=" + y[i] + " must be in [0, 1]");
        }
      }
    }
    if (batch.weights().isPresent()) {
      float[] w = batch.weights().get();
      double sum = 0;
      for (int i = 0; i < n; i++) {
        if (!(Float.isFinite(w[i]) && w[i] >= 0f)) {
          throw new IllegalArgumentException(
              "batch.weights[" + i + "]=" + w[i] + " must be finite and >= 0");
        }
        sum += w[i];
      }
      Check.arg(
          sum > 0,
          "batch.weights.sum",
          sum,
          "must be > 0: a step whose weights are all 0 learns nothing");
      Check.arg(
          sum <= 1e30,
          "batch.weights.sum",
          sum,
          "must be <= 1e30 (float precision): scale the weights down");
    }
  }

  /**
   * The probabilities of every head for every example of {@code batch}, of any size. Safe to call
   * from several threads at once; changes nothing.
   *
   * @return probabilities by head name, one per example
   * @throws IllegalArgumentException naming the input, example, value and rule when the batch does
   *     not fit the spec
   */
  public Map<String, float[]> predict(EncodedBatch batch) {
    Check.notNull("batch", batch);
    lock.readLock().lock();
    Scoring sc = scorers.poll();
    try {
      stager.check(batch);
      if (fused != null) {
        return fused.predict(batch);
      }
      if (sc == null) {
        sc = new Scoring();
      }
      return sc.score(batch);
    } finally {
      if (sc != null) {
        scorers.offer(sc);
      }
      lock.readLock().unlock();
    }
  }

  /**
   * The probabilities of head {@code head}; see {@link #predict(EncodedBatch)}. {@code AUX_LOSS}
   * heads are not scored.
   */
  public float[] predict(EncodedBatch batch, String head) {
    spec.head(head);
    return predict(batch).get(head);
  }

  /** Stops the helper thread; the trainer can still train and predict, on one thread. */
  @Override
  public void close() {
    workers.close();
  }

  /** One inference graph with its own copy of the dense parameters and reusable inputs. */
  private final class Scoring {
    private final ModelGraph inference = ModelGraph.inference(spec, DataType.FLOAT);
    private final List<String> outputs = new ArrayList<>();
    private final SparseTable[][] tableOf;
    private long denseVersion = -1;
    private int sessions;
    private final Map<Integer, Map<String, INDArray>> arraysBySize = new LinkedHashMap<>();

    Scoring() {
      for (Head h : spec.heads()) {
        if (h.isScored()) {
          outputs.add(ModelGraph.probName(h.name()));
        }
      }
      List<LookupPlan> lps = stager.lookups();
      tableOf = new SparseTable[lps.size()][];
      for (int j = 0; j < lps.size(); j++) {
        LookupPlan lp = lps.get(j);
        tableOf[j] = new SparseTable[lp.width()];
        for (int f = 0; f < lp.width(); f++) {
          tableOf[j][f] = tables.get(lp.lookup().tableAt(lp.input(), f));
        }
      }
    }

    Map<String, float[]> score(EncodedBatch x) {
      if (denseVersion != dense.version()) {
        dense.copyTo(inference.sameDiff());
        for (StateVariable v : graph.stateVariables()) {
          inference
              .sameDiff()
              .getVariable(v.variable())
              .getArr()
              .assign(sd.getVariable(v.variable()).getArr());
        }
        denseVersion = dense.version();
      }
      int total = x.size();
      Map<String, float[]> out = new LinkedHashMap<>();
      for (Head h : spec.heads()) {
        if (h.isScored()) {
          out.put(h.name(), new float[total]);
        }
      }
      for (int start = 0; start < total; start += PREDICT_CHUNK) {
        int n = Math.min(PREDICT_CHUNK, total - start);
        Map<String, INDArray> ph = arrays(n);
        stage(x, start, n, ph);
        Map<String, INDArray> res = inference.sameDiff().output(ph, outputs);
        if (sessions != inference.sameDiff().getSessions().size()) {
          sessions = SessionMemory.bound(inference.sameDiff());
        }
        for (Head h : spec.heads()) {
          if (!h.isScored()) {
            continue;
          }
          INDArray p = res.get(ModelGraph.probName(h.name()));
          FloatBuffer fb = p.data().asNioFloat();
          fb.position(0);
          fb.get(out.get(h.name()), start, n);
          p.close();
        }
        SessionMemory.freeIntermediates(inference.sameDiff(), ph.values());
      }
      return out;
    }

    private void stage(EncodedBatch x, int start, int n, Map<String, INDArray> ph) {
      List<LookupPlan> lps = stager.lookups();
      for (int j = 0; j < lps.size(); j++) {
        LookupPlan lp = lps.get(j);
        if (lp.input().kind() == InputKind.NEGATIVES) {
          continue; // training only: not in the inference graph
        }
        FloatBuffer fb = ph.get(ModelGraph.rowsName(lp.lookup().name())).data().asNioFloat();
        int[] ids = x.ints().get(lp.input().name());
        int w = lp.width();
        int d = lp.dim();
        for (int b = 0; b < n; b++) {
          int base = (start + b) * w;
          for (int f = 0; f < w; f++) {
            tableOf[j][f].gatherReadOnly(ids[base + f], fb, (b * w + f) * d);
          }
        }
        if (inference.maskPlaceholders().contains(lp.lookup().name())) {
          float[] m = new float[n * w];
          stager.mask(j, x, start, n, m);
          TrainerArrays.write(ph.get(ModelGraph.maskName(lp.lookup().name())), m);
        }
      }
      for (String name : inference.numericPlaceholders()) {
        int w = spec.input(name).width();
        float[] v = x.floats().get(name);
        FloatBuffer fb = ph.get(name).data().asNioFloat();
        fb.position(0);
        fb.put(v, start * w, n * w);
      }
    }

    private Map<String, INDArray> arrays(int n) {
      Map<String, INDArray> a = arraysBySize.get(n);
      if (a != null) {
        return a;
      }
      if (arraysBySize.size() >= 4) {
        arraysBySize.remove(arraysBySize.keySet().iterator().next());
      }
      a = new HashMap<>();
      for (LookupPlan lp : stager.lookups()) {
        String name = lp.lookup().name();
        if (lp.input().kind() == InputKind.NEGATIVES) {
          continue;
        }
        a.put(ModelGraph.rowsName(name), Nd4j.zeros(DataType.FLOAT, n, lp.width(), lp.dim()));
        if (inference.maskPlaceholders().contains(name)) {
          a.put(ModelGraph.maskName(name), Nd4j.zeros(DataType.FLOAT, n, lp.width()));
        }
      }
      for (String name : inference.numericPlaceholders()) {
        a.put(name, Nd4j.zeros(DataType.FLOAT, n, spec.input(name).width()));
      }
      arraysBySize.put(n, a);
      return a;
    }
  }
}
