package org.recsys4j.models.train;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.recsys4j.core.Check;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.models.graph.ModelGraph;
import org.recsys4j.models.graph.ModelGraph.HostNode;
import org.recsys4j.models.graph.ModelGraph.HostSource;
import org.recsys4j.models.layers.StateVariable;
import org.recsys4j.models.layers.host.HostStep;
import org.recsys4j.models.train.BatchStager.LookupPlan;

/**
 * Runs a training graph's host nodes ({@link ModelGraph#hostNodes()}) around the graph: forward
 * before it (their outputs written into the graph's {@code <node>/host<i>} variables), backward
 * after it (from the graph's gradients of those variables, in reverse order), adding into the
 * lookups' row gradients and writing the host parameters' gradients into {@link DenseParameters}.
 */
final class HostRunner {
  /** Cost per parallel task for {@link Workers#forEach} (large: always worth splitting). */
  private static final long TASK_COST = 1 << 20;

  private final ModelGraph graph;
  private final SameDiff sd;
  private final BatchStager stager;
  private final DenseParameters dense;
  private final Workers workers;
  private final int batchSize;
  private final Map<String, Integer> lookupIndex = new HashMap<>();
  private final Map<String, float[]> rows = new LinkedHashMap<>();
  private final Map<String, float[]> masks = new LinkedHashMap<>();
  private final Map<String, Integer> denseIndex = new HashMap<>();
  private final List<Run> runs = new ArrayList<>();
  private final Map<String, Run> runOf = new HashMap<>();
  private final Map<String, float[]> statistics = new HashMap<>();
  private final Map<String, StateVariable> hostState = new LinkedHashMap<>();
  private float[][] rowGrads;

  HostRunner(
      ModelGraph graph, BatchStager stager, DenseParameters dense, Workers workers, int batchSize) {
    this.graph = graph;
    this.sd = graph.sameDiff();
    this.stager = stager;
    this.dense = dense;
    this.workers = workers;
    this.batchSize = batchSize;
    List<LookupPlan> lps = stager.lookups();
    for (int j = 0; j < lps.size(); j++) {
      lookupIndex.put(lps.get(j).lookup().name(), j);
    }
    for (int i = 0; i < dense.names().size(); i++) {
      denseIndex.put(dense.names().get(i), i);
    }
    for (HostNode h : graph.hostNodes()) {
      for (HostSource s : h.inputs()) {
        if (s.lookup() && !rows.containsKey(s.value())) {
          LookupPlan lp = lps.get(lookupIndex.get(s.value()));
          rows.put(s.value(), new float[batchSize * lp.width() * lp.dim()]);
        }
      }
      h.maskLookup()
          .ifPresent(
              m ->
                  masks.computeIfAbsent(
                      m, k -> new float[batchSize * lps.get(lookupIndex.get(k)).width()]));
      Run r = new Run(h);
      runs.add(r);
      runOf.put(h.name(), r);
    }
    for (StateVariable v : graph.stateVariables()) {
      if (graph.hostStatistics().contains(v.batchStatistic())) {
        hostState.put(v.batchStatistic(), v);
      }
    }
  }

  boolean isEmpty() {
    return runs.isEmpty();
  }

  /** Host outputs a graph op reads: their gradients come from the graph. */
  List<String> gradientVariables() {
    List<String> out = new ArrayList<>();
    for (Run r : runs) {
      for (int i = 0; i < r.graphArrays.length; i++) {
        if (r.graphArrays[i] != null) {
          out.add(r.node.outputVariables().get(i));
        }
      }
    }
    return out;
  }

  /**
   * The forward pass: copies the gathered rows and masks the host nodes read, runs the kernels in
   * order and writes their outputs into the graph.
   */
  void forward(EncodedBatch x, int n, FloatBuffer[] rowBuffers) {
    for (Map.Entry<String, float[]> e : rows.entrySet()) {
      FloatBuffer fb = rowBuffers[lookupIndex.get(e.getKey())];
      fb.position(0);
      fb.get(e.getValue(), 0, e.getValue().length);
    }
    for (Map.Entry<String, float[]> e : masks.entrySet()) {
      stager.mask(lookupIndex.get(e.getKey()), x, 0, n, e.getValue());
    }
    statistics.clear();
    for (Run r : runs) {
      r.node.kernel().forward(r);
      for (int i = 0; i < r.outputs.length; i++) {
        if (r.graphArrays[i] != null) { // an output only host nodes read stays in Java
          TrainerArrays.write(r.graphArrays[i], r.outputs[i]);
        }
      }
    }
    for (String s : hostState.keySet()) {
      Check.state(statistics.containsKey(s), "host kernel did not report batch statistic %s", s);
    }
  }

  /**
   * The backward pass, after the graph's: {@code rowGrads[j]} holds the graph's gradient of lookup
   * j's rows (zeros for a lookup no graph op reads); host gradients are added to it.
   */
  void backward(Map<String, INDArray> grads, float[][] rowGrads) {
    this.rowGrads = rowGrads;
    for (Run r : runs) {
      for (int i = 0; i < r.outputGrads.length; i++) {
        String v = r.node.outputVariables().get(i);
        INDArray g = grads.get(v);
        if (g != null) {
          TrainerArrays.read(g, r.outputGrads[i]);
        } else {
          Arrays.fill(r.outputGrads[i], 0f);
        }
      }
      for (String p : r.node.parameters()) {
        Arrays.fill(dense.gradient(denseIndex.get(p)), 0f);
      }
    }
    for (int k = runs.size() - 1; k >= 0; k--) {
      runs.get(k).node.kernel().backward(runs.get(k));
    }
  }

  /** Folds the host kernels' batch statistics into their state variables. */
  void updateState() {
    for (Map.Entry<String, StateVariable> e : hostState.entrySet()) {
      INDArray state = sd.getVariable(e.getValue().variable()).getArr();
      e.getValue()
          .update(state, Nd4j.createFromArray(statistics.get(e.getKey())).reshape(state.shape()));
    }
  }

  /** One host node's step: its buffers and its view of the trainer's arrays. */
  private final class Run implements HostStep {
    private final HostNode node;
    private final float[][] outputs;
    private final float[][] outputGrads;

    /** Per output, the graph variable's array when a graph op reads it, else null. */
    private final INDArray[] graphArrays;

    Run(HostNode node) {
      this.node = node;
      this.outputs = new float[node.outputShapes().size()][];
      this.outputGrads = new float[outputs.length][];
      this.graphArrays = new INDArray[outputs.length];
      for (int i = 0; i < outputs.length; i++) {
        String v = node.outputVariables().get(i);
        if (graph.readByGraph(v)) {
          graphArrays[i] = sd.getVariable(v).getArr();
        }
        long size = 1;
        for (long d : node.outputShapes().get(i)) {
          size *= d;
        }
        outputs[i] = new float[Math.toIntExact(size)];
        outputGrads[i] = new float[outputs[i].length];
      }
    }

    @Override
    public int rows() {
      return batchSize;
    }

    @Override
    public float[] input(int i) {
      HostSource s = node.inputs().get(i);
      return s.lookup() ? rows.get(s.value()) : runOf.get(s.value()).outputs[s.output()];
    }

    @Override
    public float[] mask() {
      return node.maskLookup().map(masks::get).orElse(null);
    }

    @Override
    public float[] output(int i) {
      return outputs[i];
    }

    @Override
    public float[] outputGradient(int i) {
      return outputGrads[i];
    }

    @Override
    public float[] inputGradient(int i) {
      HostSource s = node.inputs().get(i);
      return s.lookup()
          ? rowGrads[lookupIndex.get(s.value())]
          : runOf.get(s.value()).outputGrads[s.output()];
    }

    @Override
    public float[] parameter(String name) {
      return dense.values(index(name));
    }

    @Override
    public float[] parameterGradient(String name) {
      return dense.gradient(index(name));
    }

    private int index(String name) {
      Integer i = denseIndex.get(name);
      Check.arg(
          i != null && node.parameters().contains(name),
          node.name() + ".parameter",
          name,
          "must be one of the layer's parameters " + node.parameters());
      return i;
    }

    @Override
    public void batchStatistic(String name, float[] value) {
      statistics.put(name, value.clone());
    }

    @Override
    public void parallel(int tasks, IntConsumer task) {
      long[] cost = new long[tasks];
      Arrays.fill(cost, TASK_COST);
      workers.forEach(tasks, cost, task);
    }
  }
}
