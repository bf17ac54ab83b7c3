package org.recsys4j.models.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.recsys4j.core.layer.DefineContext;
import org.recsys4j.core.layer.GraphMode;
import org.recsys4j.core.layer.LayerInput;
import org.recsys4j.core.layer.LayerOutput;
import org.recsys4j.core.layer.Shape;
import org.recsys4j.models.layers.StateVariable;
import org.recsys4j.models.layers.StatefulLayer;
import org.recsys4j.models.layers.StochasticLayer;
import org.recsys4j.models.layers.host.HostKernel;
import org.recsys4j.models.layers.host.HostLayer;
import org.recsys4j.models.spec.Head;
import org.recsys4j.models.spec.HeadOutput;
import org.recsys4j.models.spec.InputKind;
import org.recsys4j.models.spec.InputSpec;
import org.recsys4j.models.spec.Lookup;
import org.recsys4j.models.spec.MaskUse;
import org.recsys4j.models.spec.ModelSpec;
import org.recsys4j.models.spec.Node;

/**
 * A {@link ModelSpec} defined as a SameDiff graph, for training or for inference.
 *
 * <p>Graph names (what a trainer or scorer feeds and reads):
 *
 * <ul>
 *   <li>{@code <lookup>/rows}: the gathered rows {@code [B,F,D]}; in training a VARIABLE of fixed
 *       batch size (its gradient is what the table update reads), in inference a placeholder of any
 *       batch size;
 *   <li>{@code <lookup>/mask}: float placeholder {@code [B,F]}, defined only when a node passes the
 *       lookup's mask on ({@link #maskPlaceholders()});
 *   <li>{@code <input>}: float placeholder {@code [B,N]} for each numeric input that a node reads;
 *   <li>{@code label/<column>}: float placeholder {@code [B,1]} for each label column (training);
 *   <li>{@code weight}: float placeholder {@code [B,1]}, the sample weights (training);
 *   <li>{@code <head>/prob}: each scored head's probability {@code [B,1]}, in inference graphs
 *       corrected for down-sampled negatives ({@link Head#negativeSampleRate()}); {@code loss}: the
 *       scalar total loss (training), which includes the {@code AUX_LOSS} heads;
 *   <li>inference graphs leave out {@link ModelSpec#trainingOnlyValues()} and the {@code AUX_LOSS}
 *       heads.
 * </ul>
 *
 * <p>Dense parameters are the graph's VARIABLEs other than the rows; their initial values come from
 * the spec's seed and their names, so two graphs of one spec start identical.
 */
public final class ModelGraph {
  /** Name of the sample-weight placeholder. */
  public static final String WEIGHT = "weight";

  /** Name of the total loss. */
  public static final String LOSS = "loss";

  /** Probabilities are clipped to {@code [EPS, 1-EPS]} in the log loss of probability heads. */
  public static final double EPS = 1e-7;

  private final ModelSpec spec;
  private final GraphMode mode;
  private final int batchSize;
  private final SameDiff sd;
  private final Set<String> maskPlaceholders = new LinkedHashSet<>();
  private final Set<String> numericPlaceholders = new LinkedHashSet<>();
  private final List<String> denseParameters = new ArrayList<>();
  private final List<StochasticLayer> stochastic = new ArrayList<>();
  private final List<StateVariable> stateVariables = new ArrayList<>();
  private final Map<String, String> nodeOfOp = new LinkedHashMap<>();
  private final List<HostNode> hostNodes = new ArrayList<>();
  private final Set<String> hostParameters = new LinkedHashSet<>();
  private final Set<String> hostStatistics = new LinkedHashSet<>();
  private final Set<String> hostMaskLookups = new LinkedHashSet<>();

  private ModelGraph(
      ModelSpec spec, GraphMode mode, int batchSize, DataType dtype, boolean hostKernels) {
    this.spec = spec;
    this.mode = mode;
    this.batchSize = batchSize;
    this.sd = SameDiff.create();
    DefineContext ctx = new DefineContext(dtype, spec.seed(), mode);
    Map<String, LayerOutput> values = new LinkedHashMap<>();
    Map<String, InputSpec> numeric = new LinkedHashMap<>();
    for (InputSpec in : spec.inputs()) {
      if (in.kind() == InputKind.NUMERIC) {
        numeric.put(in.name(), in);
      }
    }
    Map<String, Lookup> lookups = new LinkedHashMap<>();
    // inference graphs leave out the training-only values (sampled negatives and what reads them)
    Set<String> skip =
        mode == GraphMode.INFERENCE ? spec.trainingOnlyValues() : java.util.Collections.emptySet();
    for (Lookup lk : spec.lookups()) {
      if (skip.contains(lk.name())) {
        continue;
      }
      InputSpec in = spec.input(lk.input());
      int d = spec.lookupDim(lk);
      Shape shape = Shape.batched(in.width(), d);
      SDVariable rows =
          mode == GraphMode.TRAINING
              ? sd.var(rowsName(lk.name()), Nd4j.zeros(dtype, batchSize, in.width(), d))
              : sd.placeHolder(rowsName(lk.name()), dtype, -1, in.width(), d);
      values.put(lk.name(), LayerOutput.of(rows, shape));
      lookups.put(lk.name(), lk);
    }
    for (Node n : spec.nodes()) {
      if (skip.contains(n.name())) {
        continue;
      }
      List<SDVariable> vs = new ArrayList<>();
      List<Shape> shapes = new ArrayList<>();
      Optional<SDVariable> mask = Optional.empty();
      Optional<Shape> maskShape = Optional.empty();
      for (int i = 0; i < n.inputs().size(); i++) {
        Map.Entry<String, Integer> ref = ModelSpec.parseRef(n.inputs().get(i));
        String name = ref.getKey();
        if (!values.containsKey(name) && numeric.containsKey(name)) {
          InputSpec in = numeric.get(name);
          SDVariable ph = sd.placeHolder(name, dtype, -1, in.width());
          numericPlaceholders.add(name);
          values.put(name, LayerOutput.of(ph, Shape.batched(in.width())));
        }
        LayerOutput v = values.get(name);
        vs.add(v.values().get(ref.getValue()));
        shapes.add(v.shapes().get(ref.getValue()));
        if (i == 0 && n.mask() == MaskUse.PASS) {
          if (lookups.containsKey(name)) {
            InputSpec in = spec.input(lookups.get(name).input());
            String mn = maskName(name);
            SDVariable m =
                sd.hasVariable(mn) ? sd.getVariable(mn) : sd.placeHolder(mn, dtype, -1, in.width());
            maskPlaceholders.add(name);
            mask = Optional.of(m);
            maskShape = Optional.of(Shape.batched(in.width()));
          } else {
            mask = v.mask();
            maskShape = v.maskShape();
          }
        }
      }
      if (hostKernels && mode == GraphMode.TRAINING) {
        Optional<HostKernel> kernel = hostKernel(n, lookups, shapes, maskShape);
        if (kernel.isPresent()) {
          values.put(
              n.name(), defineHost(n, kernel.get(), lookups, values, shapes, mask, maskShape, ctx));
          continue;
        }
      }
      Set<String> opsBefore = new java.util.HashSet<>(sd.getOps().keySet());
      LayerOutput out = n.layer().define(sd, new LayerInput(vs, shapes, mask, maskShape, ctx));
      for (String op : sd.getOps().keySet()) {
        if (!opsBefore.contains(op)) {
          nodeOfOp.put(op, n.name());
        }
      }
      values.put(n.name(), out);
      if (n.layer() instanceof StochasticLayer st && sd.hasVariable(st.noisePlaceholder())) {
        stochastic.add(st);
      }
      if (n.layer() instanceof StatefulLayer sl) {
        stateVariables.addAll(sl.stateVariables());
      }
    }
    if (mode == GraphMode.INFERENCE) {
      // A numeric input that no op reads (e.g. the position features of a dropped position-bias
      // tower) need not be fed to an inference graph.
      numericPlaceholders.removeIf(
          n ->
              sd.getVariables().get(n).getInputsForOp() == null
                  || sd.getVariables().get(n).getInputsForOp().isEmpty());
    }
    List<SDVariable> losses = new ArrayList<>();
    SDVariable weight = mode == GraphMode.TRAINING ? sd.placeHolder(WEIGHT, dtype, -1, 1) : null;
    Map<String, SDVariable> labels = new LinkedHashMap<>();
    for (Head h : spec.heads()) {
      Map.Entry<String, Integer> ref = ModelSpec.parseRef(h.output());
      if (!h.isScored()) {
        if (mode == GraphMode.TRAINING && h.hasLoss()) {
          // an auxiliary per-row loss: weight · Σ w_i ℓ_i / Σ w_i
          SDVariable aux = values.get(ref.getKey()).values().get(ref.getValue());
          SDVariable den = sd.math.max(weight.sum(), sd.constant(Nd4j.scalar(dtype, 1e-12)));
          losses.add(aux.mul(weight).sum().div(den).mul(h.weight()));
        }
        continue;
      }
      SDVariable v = values.get(ref.getKey()).values().get(ref.getValue());
      SDVariable prob =
          h.kind() == HeadOutput.LOGIT
              ? sd.nn.sigmoid(inferenceLogit(h, v))
              : inferenceProbability(h, v);
      sd.updateVariableNameAndReference(prob, probName(h.name()));
      if (mode == GraphMode.TRAINING && h.hasLoss()) {
        SDVariable y = label(labels, h.label(), dtype);
        SDVariable w =
            h.rowMask().isEmpty() ? weight : weight.mul(label(labels, h.rowMask(), dtype));
        SDVariable perRow;
        if (h.kind() == HeadOutput.LOGIT) {
          // ℓ = max(z,0) − z·y + log(1 + e^−|z|), stable for any z. Built from primitive ops:
          // SameDiff 1.0.0-M2.1's loss.sigmoidCrossEntropy with LossReduce.NONE ignores the
          // gradient flowing into it (found by TrainerGradientTest), so per-row weights would be
          // lost. −|z| is written z − 2·max(z,0): with abs, whose derivative is 0 at z = 0 as is
          // relu's, the gradient at exactly z = 0 (LR's first step, all-padding rows) was −y
          // instead of ½ − y (found by FusedPathProperties).
          SDVariable relu = sd.nn.relu(v, 0);
          perRow = relu.sub(v.mul(y)).add(sd.math.log1p(sd.math.exp(v.sub(relu.mul(2.0)))));
        } else {
          SDVariable p = sd.math.clipByValue(v, EPS, 1 - EPS);
          perRow = y.mul(sd.math.log(p)).add(y.rsub(1.0).mul(sd.math.log(p.rsub(1.0)))).neg();
        }
        SDVariable num = perRow.mul(w).sum();
        SDVariable den = sd.math.max(w.sum(), sd.constant(Nd4j.scalar(dtype, 1e-12)));
        losses.add(num.div(den).mul(h.weight()));
      }
    }
    if (mode == GraphMode.TRAINING) {
      if (losses.isEmpty()) {
        throw new IllegalArgumentException(
            "model "
                + spec.name()
                + ".heads must include one with a label and weight > 0 to train");
      }
      SDVariable total = losses.get(0);
      for (int i = 1; i < losses.size(); i++) {
        total = total.add(losses.get(i));
      }
      sd.updateVariableNameAndReference(total, LOSS);
      sd.setLossVariables(LOSS);
    }
    Set<String> state = new java.util.HashSet<>();
    for (StateVariable v : stateVariables) {
      state.add(v.variable());
    }
    Set<String> hostOutputs = new java.util.HashSet<>();
    for (HostNode h : hostNodes) {
      hostOutputs.addAll(h.outputVariables());
    }
    for (SDVariable v : sd.variables()) {
      if (v.getVariableType() == VariableType.VARIABLE
          && !v.name().endsWith("/rows")
          && !hostOutputs.contains(v.name())
          && !state.contains(v.name())) {
        denseParameters.add(v.name());
      }
    }
  }

  /**
   * The kernel of node {@code n} when it can run on the host: its layer offers one and every input
   * is a lookup or a host node's output.
   */
  private Optional<HostKernel> hostKernel(
      Node n, Map<String, Lookup> lookups, List<Shape> shapes, Optional<Shape> maskShape) {
    if (!(n.layer() instanceof HostLayer hl)) {
      return Optional.empty();
    }
    for (String ref : n.inputs()) {
      String name = ModelSpec.parseRef(ref).getKey();
      boolean host = hostNodes.stream().anyMatch(h -> h.name().equals(name));
      if (!lookups.containsKey(name) && !host) {
        return Optional.empty();
      }
    }
    return hl.hostKernel(shapes, maskShape);
  }

  /**
   * Defines host node {@code n}: its parameters and state (from its definition on a scratch graph,
   * so names and initial values are the graph's) become variables of this graph that no op reads,
   * and each output becomes a variable {@code <node>/host<i>} of the fixed batch size, which the
   * trainer fills before the graph runs.
   */
  private LayerOutput defineHost(
      Node n,
      HostKernel kernel,
      Map<String, Lookup> lookups,
      Map<String, LayerOutput> values,
      List<Shape> shapes,
      Optional<SDVariable> mask,
      Optional<Shape> maskShape,
      DefineContext ctx) {
    SameDiff scratch = SameDiff.create();
    List<SDVariable> in = new ArrayList<>();
    for (int i = 0; i < shapes.size(); i++) {
      in.add(scratch.placeHolder("in" + i, ctx.dataType(), shapes.get(i).dims()));
    }
    Optional<SDVariable> scratchMask =
        maskShape.map(m -> scratch.placeHolder("mask", ctx.dataType(), m.dims()));
    LayerOutput out =
        n.layer().define(scratch, new LayerInput(in, shapes, scratchMask, maskShape, ctx));
    List<String> params = new ArrayList<>();
    Set<String> stateNames = new java.util.HashSet<>();
    if (n.layer() instanceof StatefulLayer sl) {
      for (StateVariable v : sl.stateVariables()) {
        stateVariables.add(v);
        stateNames.add(v.variable());
        hostStatistics.add(v.batchStatistic());
      }
    }
    for (SDVariable v : scratch.variables()) {
      if (v.getVariableType() != VariableType.VARIABLE) {
        continue;
      }
      if (!sd.hasVariable(v.name())) {
        sd.var(v.name(), v.getArr().dup());
      }
      if (!stateNames.contains(v.name())) {
        params.add(v.name());
        hostParameters.add(v.name());
      }
    }
    List<HostSource> sources = new ArrayList<>();
    for (String ref : n.inputs()) {
      Map.Entry<String, Integer> r = ModelSpec.parseRef(ref);
      sources.add(new HostSource(r.getKey(), r.getValue(), lookups.containsKey(r.getKey())));
    }
    Optional<String> maskLookup = Optional.empty();
    if (mask.isPresent()) {
      String first = sources.get(0).value();
      maskLookup =
          Optional.of(
              sources.get(0).lookup()
                  ? first
                  : hostNodes.stream()
                      .filter(h -> h.name().equals(first))
                      .findFirst()
                      .orElseThrow()
                      .maskLookup()
                      .orElseThrow());
      hostMaskLookups.add(maskLookup.get());
    }
    List<String> outVars = new ArrayList<>();
    List<SDVariable> outs = new ArrayList<>();
    List<long[]> outShapes = new ArrayList<>();
    for (int i = 0; i < out.shapes().size(); i++) {
      long[] shape = out.shapes().get(i).withBatch(batchSize);
      String vn = n.name() + "/host" + i;
      outs.add(sd.var(vn, Nd4j.zeros(ctx.dataType(), shape)));
      outVars.add(vn);
      outShapes.add(shape);
    }
    hostNodes.add(new HostNode(n.name(), kernel, sources, maskLookup, outVars, outShapes, params));
    if (out.mask().isPresent()) {
      // the output carries its input's mask on (PROPAGATES): the lookup's mask placeholder
      SDVariable m = mask.orElseThrow();
      return new LayerOutput(outs, out.shapes(), Optional.of(m), out.maskShape());
    }
    return new LayerOutput(outs, out.shapes(), Optional.empty(), Optional.empty());
  }

  /**
   * Where a host node's input comes from.
   *
   * @param value a lookup's or a host node's name
   * @param output the output index of that value
   * @param lookup whether {@code value} is a lookup (its rows) rather than a host node
   */
  public record HostSource(String value, int output, boolean lookup) {}

  /**
   * A node the trainer runs on the host ({@link HostLayer}) in a training graph.
   *
   * @param name the node's name
   * @param kernel its kernel
   * @param inputs where each input comes from
   * @param maskLookup the lookup whose mask the node receives, when it receives one
   * @param outputVariables the graph variables {@code <node>/host<i>} holding its outputs
   * @param outputShapes their shapes, batch dimension first
   * @param parameters its dense parameters (graph names; no graph op reads them)
   */
  public record HostNode(
      String name,
      HostKernel kernel,
      List<HostSource> inputs,
      Optional<String> maskLookup,
      List<String> outputVariables,
      List<long[]> outputShapes,
      List<String> parameters) {}

  /** A logit corrected for down-sampled negatives in inference: {@code z + log r} (Head docs). */
  private SDVariable inferenceLogit(Head h, SDVariable z) {
    if (mode == GraphMode.TRAINING || h.negativeSampleRate() == 1) {
      return z;
    }
    return z.add(Math.log(h.negativeSampleRate()));
  }

  /** A probability corrected likewise: {@code r·p / (1 + (r − 1)·p)}. */
  private SDVariable inferenceProbability(Head h, SDVariable p) {
    double r = h.negativeSampleRate();
    if (mode == GraphMode.TRAINING || r == 1) {
      return p;
    }
    return p.mul(r).div(p.mul(r - 1).add(1.0));
  }

  private SDVariable label(Map<String, SDVariable> labels, String column, DataType dtype) {
    return labels.computeIfAbsent(column, c -> sd.placeHolder(labelName(c), dtype, -1, 1));
  }

  /** A training graph for batches of exactly {@code batchSize} rows (smaller ones are padded). */
  public static ModelGraph training(ModelSpec spec, int batchSize, DataType dtype) {
    return new ModelGraph(spec, GraphMode.TRAINING, batchSize, dtype, false);
  }

  /**
   * A training graph whose host-capable nodes ({@link HostLayer} with every input a lookup or a
   * host node) are left to the trainer: {@link #hostNodes()}.
   */
  public static ModelGraph trainingWithHostNodes(ModelSpec spec, int batchSize, DataType dtype) {
    return new ModelGraph(spec, GraphMode.TRAINING, batchSize, dtype, true);
  }

  /** An inference graph for batches of any size. */
  public static ModelGraph inference(ModelSpec spec, DataType dtype) {
    return new ModelGraph(spec, GraphMode.INFERENCE, -1, dtype, false);
  }

  /** The nodes the trainer runs on the host, in definition order (empty unless asked for). */
  public List<HostNode> hostNodes() {
    return hostNodes;
  }

  /**
   * The dense parameters of host nodes: no graph op reads them, the kernels give their gradients.
   */
  public Set<String> hostParameters() {
    return hostParameters;
  }

  /** The batch statistics host kernels report (not graph outputs). */
  public Set<String> hostStatistics() {
    return hostStatistics;
  }

  /** Lookups whose mask a host node receives. */
  public Set<String> hostMaskLookups() {
    return hostMaskLookups;
  }

  /** Whether a graph op reads variable or placeholder {@code name}. */
  public boolean readByGraph(String name) {
    var v = sd.getVariables().get(name);
    return v != null && v.getInputsForOp() != null && !v.getInputsForOp().isEmpty();
  }

  /** The graph variable of lookup {@code lookup}'s rows. */
  public static String rowsName(String lookup) {
    return lookup + "/rows";
  }

  /** The placeholder of lookup {@code lookup}'s mask. */
  public static String maskName(String lookup) {
    return lookup + "/mask";
  }

  /** The placeholder of label column {@code column}. */
  public static String labelName(String column) {
    return "label/" + column;
  }

  /** The output of head {@code head}'s probabilities. */
  public static String probName(String head) {
    return head + "/prob";
  }

  /** The spec. */
  public ModelSpec spec() {
    return spec;
  }

  /** Training or inference. */
  public GraphMode mode() {
    return mode;
  }

  /** The fixed batch size of a training graph; -1 for inference. */
  public int batchSize() {
    return batchSize;
  }

  /** The SameDiff graph. */
  public SameDiff sameDiff() {
    return sd;
  }

  /** Lookups whose mask placeholder must be fed. */
  public Set<String> maskPlaceholders() {
    return maskPlaceholders;
  }

  /** Numeric inputs whose placeholder must be fed. */
  public Set<String> numericPlaceholders() {
    return numericPlaceholders;
  }

  /**
   * The layers whose noise placeholder the trainer fills before each step (see {@link
   * StochasticLayer}); empty in inference graphs.
   */
  public List<StochasticLayer> stochasticLayers() {
    return stochastic;
  }

  /**
   * The state variables updated after each training step from their batch statistics (see {@link
   * StatefulLayer}); they are not dense parameters.
   */
  public List<StateVariable> stateVariables() {
    return stateVariables;
  }

  /**
   * The node (layer) whose definition added SameDiff op {@code opName}, or empty for ops the graph
   * adds itself (head sigmoids, losses); exporters name it in their errors.
   */
  public Optional<String> nodeOfOp(String opName) {
    return Optional.ofNullable(nodeOfOp.get(opName));
  }

  /** Names of the dense parameters (trainable VARIABLEs other than rows), in definition order. */
  public List<String> denseParameters() {
    return denseParameters;
  }
}
