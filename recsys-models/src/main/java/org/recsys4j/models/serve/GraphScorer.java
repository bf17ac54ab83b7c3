package org.recsys4j.models.serve;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.recsys4j.core.Check;
import org.recsys4j.models.graph.ModelGraph;
import org.recsys4j.models.layers.StateVariable;
import org.recsys4j.models.params.ModelSnapshot;
import org.recsys4j.models.params.Tensor;
import org.recsys4j.models.serve.RequestLayout.Batches;
import org.recsys4j.models.serve.RequestLayout.InputPlan;
import org.recsys4j.models.spec.Head;
import org.recsys4j.models.spec.Lookup;
import org.recsys4j.models.spec.ModelSpec;
import org.recsys4j.models.train.SessionMemory;

/**
 * One SameDiff inference graph ({@link ModelGraph#inference}) holding a snapshot's dense parameters
 * and state variables, with reusable input arrays per batch size; used by one thread at a time (the
 * {@link ScoringModel} keeps a pool). Rows are gathered in Java from the snapshot's tables straight
 * into the placeholders' native buffers; a request's user positions are read once and copied to
 * every row.
 */
final class GraphScorer {
  /** Rows per graph run: longer calls are scored in chunks. */
  static final int CHUNK = 4096;

  private static final int CACHED_SIZES = 8;

  /** One lookup: its placeholder, input, width W, dim D, the table of every position. */
  private record LookupFeed(
      String rows, String mask, InputPlan input, int width, int dim, float[][] tables) {}

  private final SameDiff sd;
  private final List<LookupFeed> lookups = new ArrayList<>();
  private final List<InputPlan> numeric = new ArrayList<>();
  private final List<String> outputs = new ArrayList<>();
  private final List<String> heads = new ArrayList<>();
  private final Map<Integer, Map<String, INDArray>> arraysBySize = new LinkedHashMap<>();
  private int sessions;

  /** The inference graph of {@code spec}. */
  static ModelGraph graph(ModelSpec spec) {
    return ModelGraph.inference(spec, DataType.FLOAT);
  }

  /**
   * Writes the snapshot's parameters into {@code graph}, an inference graph of its spec used by
   * this scorer only.
   *
   * @throws IllegalArgumentException if the snapshot lacks a parameter the graph has or its shape
   *     differs
   */
  GraphScorer(ModelSnapshot snapshot, RequestLayout layout, ModelGraph graph) {
    ModelSpec spec = snapshot.spec();
    this.sd = graph.sameDiff();
    List<String> params = new ArrayList<>(graph.denseParameters());
    for (StateVariable v : graph.stateVariables()) {
      params.add(v.variable());
    }
    for (String name : params) {
      INDArray a = sd.getVariable(name).getArr();
      Tensor t = snapshot.denseTensor(name);
      Check.arg(
          Arrays.equals(t.shape(), a.shape()),
          "snapshot.dense[" + name + "].shape",
          Arrays.toString(t.shape()),
          "must equal the graph's " + Arrays.toString(a.shape()));
      a.assign(Nd4j.createFromArray(t.values()).reshape(a.shape()).castTo(a.dataType()));
    }
    java.util.Set<String> trainingOnly = spec.trainingOnlyValues();
    for (Lookup lk : spec.lookups()) {
      if (trainingOnly.contains(lk.name())) {
        continue; // sampled negatives: absent from the inference graph
      }
      InputPlan in = layout.plan(lk.input());
      int w = in.input().width();
      float[][] tables = new float[w][];
      for (int f = 0; f < w; f++) {
        tables[f] = snapshot.table(lk.tableAt(in.input(), f)).values();
      }
      lookups.add(
          new LookupFeed(
              ModelGraph.rowsName(lk.name()),
              graph.maskPlaceholders().contains(lk.name()) ? ModelGraph.maskName(lk.name()) : null,
              in,
              w,
              spec.lookupDim(lk),
              tables));
    }
    for (String name : graph.numericPlaceholders()) {
      numeric.add(layout.plan(name));
    }
    for (Head h : spec.heads()) {
      if (!h.isScored()) {
        continue; // training-only (AUX_LOSS): absent from the inference graph
      }
      heads.add(h.name());
      outputs.add(ModelGraph.probName(h.name()));
    }
  }

  /** Every head's probabilities for the call's rows (checked by the caller). */
  Map<String, float[]> score(Batches b) {
    int total = b.size();
    Map<String, float[]> out = new LinkedHashMap<>();
    for (String h : heads) {
      out.put(h, new float[total]);
    }
    for (int start = 0; start < total; start += CHUNK) {
      int n = Math.min(CHUNK, total - start);
      Map<String, INDArray> ph = arrays(bucket(n));
      stage(b, start, n, ph);
      Map<String, INDArray> res = sd.output(ph, outputs);
      if (sessions != sd.getSessions().size()) {
        sessions = SessionMemory.bound(sd);
      }
      for (int h = 0; h < heads.size(); h++) {
        INDArray p = res.get(outputs.get(h));
        FloatBuffer fb = p.data().asNioFloat();
        fb.get(0, out.get(heads.get(h)), start, n);
        p.close();
      }
      SessionMemory.freeIntermediates(sd, ph.values());
    }
    return out;
  }

  /**
   * The batch size a call of {@code n} rows runs at: {@code n} up to 8, else {@code n} rounded up
   * to a multiple of 8, so requests of varying N reuse a few sets of input arrays (at most 7 extra
   * rows, whose outputs are dropped; rows are scored independently in inference).
   */
  static int bucket(int n) {
    return n <= 8 ? n : (n + 7) & ~7;
  }

  private void stage(Batches b, int start, int n, Map<String, INDArray> ph) {
    for (LookupFeed lf : lookups) {
      String name = lf.input().input().name();
      int[] userIds = b.user() == null ? null : b.user().ints().get(name);
      int[] ids = b.candidates().ints().get(name);
      int w = lf.width();
      int d = lf.dim();
      FloatBuffer fb = ph.get(lf.rows()).data().asNioFloat();
      FloatBuffer mb = lf.mask() == null ? null : ph.get(lf.mask()).data().asNioFloat();
      for (int f = 0; f < w; f++) {
        float[] table = lf.tables()[f];
        if (lf.input().fromUser(b, f)) {
          int id = userIds[f];
          for (int r = 0; r < n; r++) {
            fb.put((r * w + f) * d, table, id * d, d);
            if (mb != null) {
              mb.put(r * w + f, id != 0 ? 1f : 0f);
            }
          }
        } else {
          for (int r = 0; r < n; r++) {
            int id = ids[(start + r) * w + f];
            fb.put((r * w + f) * d, table, id * d, d);
            if (mb != null) {
              mb.put(r * w + f, id != 0 ? 1f : 0f);
            }
          }
        }
      }
    }
    for (InputPlan p : numeric) {
      String name = p.input().name();
      int w = p.input().width();
      float[] user = b.user() == null ? null : b.user().floats().get(name);
      float[] v = b.candidates().floats().get(name);
      FloatBuffer fb = ph.get(name).data().asNioFloat();
      for (int f = 0; f < w; f++) {
        boolean fromUser = p.fromUser(b, f);
        for (int r = 0; r < n; r++) {
          fb.put(r * w + f, fromUser ? user[f] : v[(start + r) * w + f]);
        }
      }
    }
  }

  private Map<String, INDArray> arrays(int n) {
    Map<String, INDArray> a = arraysBySize.get(n);
    if (a != null) {
      return a;
    }
    if (arraysBySize.size() >= CACHED_SIZES) {
      arraysBySize.remove(arraysBySize.keySet().iterator().next());
    }
    a = new HashMap<>();
    for (LookupFeed lf : lookups) {
      a.put(lf.rows(), Nd4j.zeros(DataType.FLOAT, n, lf.width(), lf.dim()));
      if (lf.mask() != null) {
        a.put(lf.mask(), Nd4j.zeros(DataType.FLOAT, n, lf.width()));
      }
    }
    for (InputPlan p : numeric) {
      a.put(p.input().name(), Nd4j.zeros(DataType.FLOAT, n, p.input().width()));
    }
    arraysBySize.put(n, a);
    return a;
  }
}
