package org.recsys4j.models.export;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.recsys4j.models.graph.ModelGraph;
import org.recsys4j.models.params.ModelSnapshot;
import org.recsys4j.models.params.TableValues;
import org.recsys4j.models.spec.Head;
import org.recsys4j.models.spec.InputKind;
import org.recsys4j.models.spec.InputSpec;
import org.recsys4j.models.spec.Lookup;
import org.recsys4j.models.spec.ModelSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the {@link ExportProgram} of a trained model by translating its SameDiff inference graph
 * ({@link ModelGraph#inference}) op by op.
 *
 * <ul>
 *   <li>Inputs: one per encoded input the graph reads: int64 ids {@code [N,F]} (IDS), {@code [N,T]}
 *       (SEQUENCE, BAG), float {@code [N,K]} (NUMERIC).
 *   <li>Lookups: {@code <lookup>/rows [N,F,D]} is a gather over the tables. A lookup over one table
 *       (sequences, bags, IDS whose columns share a table) gathers from constant {@code
 *       table/<name>}; an IDS lookup over several tables gathers from their row-wise concatenation
 *       {@code <lookup>/table} at {@code ids + offsets}, where {@code offsets[f]} is the first row
 *       of column f's table. Row 0 of every table is zeros, so padding (id 0) gives zeros as in
 *       training.
 *   <li>Masks: {@code <lookup>/mask [N,F]} is {@code float(ids > 0)}, which is what the encoder's
 *       sequence and bag masks hold and what the trainer derives for IDS.
 *   <li>Every other op is translated by its type (the {@link OpKind} table); dropout and the other
 *       training-only parts are absent because the inference graph does not have them.
 *   <li>Outputs: one per head, named as the head, the probabilities {@code [N,1]}.
 * </ul>
 */
public final class ExportPrograms {
  private static final Logger LOG = LoggerFactory.getLogger(ExportPrograms.class);
  private static final int DRY_RUN_BATCH = 3;

  private ExportPrograms() {}

  /**
   * The program of {@code snapshot}.
   *
   * @throws UnsupportedOpException naming the op type, op and layer when an op has no mapping
   * @throws IllegalArgumentException when the snapshot lacks a parameter of the graph
   */
  public static ExportProgram of(ModelSnapshot snapshot) {
    ModelSpec spec = snapshot.spec();
    ModelGraph graph = ModelGraph.inference(spec, DataType.FLOAT);
    SameDiff sd = graph.sameDiff();
    List<ExportInput> inputs = new ArrayList<>();
    Map<String, InputSpec> used = new LinkedHashMap<>();
    for (Lookup lk : spec.lookups()) {
      if (sd.hasVariable(ModelGraph.rowsName(lk.name()))) {
        used.put(lk.input(), spec.input(lk.input()));
      }
    }
    for (InputSpec in : spec.inputs()) {
      if (used.containsKey(in.name())) {
        inputs.add(new ExportInput(in.name(), ValueType.INT64, in.width()));
      } else if (graph.numericPlaceholders().contains(in.name())) {
        inputs.add(new ExportInput(in.name(), ValueType.FLOAT, in.width()));
      }
    }
    Map<String, INDArray> feeds = new HashMap<>();
    for (SDVariable v : sd.variables()) {
      if (v.getVariableType() == VariableType.PLACEHOLDER) {
        feeds.put(v.name(), GraphTranslator.zeros(v.getShape(), DRY_RUN_BATCH));
      }
    }
    Map<String, Integer> ranks = GraphTranslator.dryRunRanks(sd, feeds);
    GraphTranslator tr =
        new GraphTranslator(sd, snapshot.dense(), op -> graph.nodeOfOp(op).orElse(null), ranks);
    for (ExportInput in : inputs) {
      tr.provide(in.name());
    }
    for (Lookup lk : spec.lookups()) {
      if (used.containsKey(lk.input()) && sd.hasVariable(ModelGraph.rowsName(lk.name()))) {
        lookup(tr, spec, snapshot, lk);
      }
    }
    for (String lk : graph.maskPlaceholders()) {
      String ids =
          spec.lookups().stream()
              .filter(l -> l.name().equals(lk))
              .findFirst()
              .orElseThrow()
              .input();
      String zero = lk + "/zero";
      tr.constant(ExportConstant.ofLongs(zero, new long[] {0}));
      tr.op(
          new ExportOp(
              OpKind.GREATER,
              List.of(ids, zero),
              lk + "/is_id",
              ValueType.BOOL,
              new long[0],
              false,
              ""));
      tr.op(
          new ExportOp(
              OpKind.CAST,
              List.of(lk + "/is_id"),
              ModelGraph.maskName(lk),
              ValueType.FLOAT,
              new long[0],
              false,
              ""));
    }
    Map<String, String> outputs = new LinkedHashMap<>();
    List<String> probs = new ArrayList<>();
    for (Head h : spec.heads()) {
      if (!h.isScored()) {
        continue; // training-only (AUX_LOSS): absent from the inference graph
      }
      outputs.put(h.name(), ModelGraph.probName(h.name()));
      probs.add(ModelGraph.probName(h.name()));
    }
    tr.translate(probs);
    ExportProgram p = new ExportProgram(spec.name(), inputs, tr.constants(), tr.ops(), outputs);
    LOG.debug(
        "export program of {}: {} inputs, {} constants, {} ops",
        spec.name(),
        inputs.size(),
        p.constants().size(),
        p.ops().size());
    return p;
  }

  /**
   * The program of any inference graph {@code sd} whose placeholders are all {@code inputs}
   * (VARIABLE values are read from the graph): for op-coverage tests.
   */
  static ExportProgram ofGraph(SameDiff sd, List<ExportInput> inputs, Map<String, String> outputs) {
    Map<String, INDArray> feeds = new HashMap<>();
    Map<String, org.recsys4j.models.params.Tensor> params = new HashMap<>();
    for (SDVariable v : sd.variables()) {
      if (v.getVariableType() == VariableType.PLACEHOLDER) {
        feeds.put(v.name(), GraphTranslator.zeros(v.getShape(), DRY_RUN_BATCH));
      } else if (v.getVariableType() == VariableType.VARIABLE) {
        INDArray a = v.getArr().castTo(DataType.FLOAT).dup();
        params.put(v.name(), org.recsys4j.models.params.Tensor.of(a.data().asFloat(), a.shape()));
      }
    }
    GraphTranslator tr =
        new GraphTranslator(sd, params, op -> null, GraphTranslator.dryRunRanks(sd, feeds));
    for (ExportInput in : inputs) {
      tr.provide(in.name());
    }
    tr.translate(new ArrayList<>(outputs.values()));
    return new ExportProgram("graph", inputs, tr.constants(), tr.ops(), outputs);
  }

  private static void lookup(
      GraphTranslator tr, ModelSpec spec, ModelSnapshot snapshot, Lookup lk) {
    InputSpec in = spec.input(lk.input());
    int positions = in.kind() == InputKind.IDS ? in.width() : 1;
    List<String> tables = new ArrayList<>();
    for (int f = 0; f < positions; f++) {
      tables.add(lk.tableAt(in, f));
    }
    String rows = ModelGraph.rowsName(lk.name());
    if (tables.stream().distinct().count() == 1) {
      TableValues t = snapshot.table(tables.get(0));
      String c = "table/" + t.name();
      tr.constant(ExportConstant.of(c, t.values(), t.numRows(), t.dim()));
      tr.op(
          new ExportOp(
              OpKind.GATHER,
              List.of(c, in.name()),
              rows,
              ValueType.FLOAT,
              new long[] {0},
              false,
              ""));
      return;
    }
    int d = spec.lookupDim(lk);
    long total = 0;
    long[] offsets = new long[positions];
    Map<String, Long> first = new LinkedHashMap<>();
    for (int f = 0; f < positions; f++) {
      String name = tables.get(f);
      if (!first.containsKey(name)) {
        first.put(name, total);
        total += snapshot.table(name).numRows();
      }
      offsets[f] = first.get(name);
    }
    if (total * d > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "lookup["
              + lk.name()
              + "] tables hold "
              + total * d
              + " values: more than one Java array (2^31) can");
    }
    float[] all = new float[(int) (total * d)];
    for (Map.Entry<String, Long> e : first.entrySet()) {
      float[] v = snapshot.table(e.getKey()).values();
      System.arraycopy(v, 0, all, (int) (e.getValue() * d), v.length);
    }
    String table = lk.name() + "/table";
    String off = lk.name() + "/offsets";
    tr.constant(ExportConstant.of(table, all, total, d));
    tr.constant(ExportConstant.ofLongs(off, offsets, 1, positions));
    tr.op(
        new ExportOp(
            OpKind.ADD,
            List.of(in.name(), off),
            lk.name() + "/index",
            ValueType.INT64,
            new long[0],
            false,
            ""));
    tr.op(
        new ExportOp(
            OpKind.GATHER,
            List.of(table, lk.name() + "/index"),
            rows,
            ValueType.FLOAT,
            new long[] {0},
            false,
            ""));
  }
}
