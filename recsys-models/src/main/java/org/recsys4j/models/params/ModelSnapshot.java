package org.recsys4j.models.params;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.recsys4j.core.Check;
import org.recsys4j.core.json.TypedJson;
import org.recsys4j.models.spec.ModelJson;
import org.recsys4j.models.spec.ModelSpec;
import org.recsys4j.models.spec.TableDeclaration;

/**
 * A trained model as a value: its spec, the training step it was taken at, every dense parameter
 * and state variable of its graph (by graph variable name, e.g. {@code deep/w0}, {@code
 * bn/moving_mean}) and every table with all rows materialised. Scorers and exporters read it; a
 * trainer can be restored from it ({@code Trainer.restore}).
 *
 * <p>Immutable by convention: the maps are unmodifiable and the arrays must not be changed once the
 * snapshot is shared (the trainer hands out copies).
 *
 * <p>On disk it is one {@link TensorFile} of kind {@value #KIND}: meta {@code {"model": <model
 * JSON>, "step": n}}, tensors {@code dense/<name>} and {@code table/<name>} ({@code [rows, D]}),
 * and int64 entries {@code used/<table>} (the used-row bit sets).
 */
public final class ModelSnapshot {
  /** The {@link TensorFile} kind of a snapshot file. */
  public static final String KIND = "model_snapshot";

  private final ModelSpec spec;
  private final long step;
  private final Map<String, Tensor> dense;
  private final Map<String, TableValues> tables;

  /**
   * A snapshot.
   *
   * @param spec the model
   * @param step training steps taken
   * @param dense dense parameters and state variables by graph name
   * @param tables one entry per table the spec declares, with its declared rows and dim
   * @throws IllegalArgumentException if a table is missing or its size differs from the spec
   */
  public ModelSnapshot(
      ModelSpec spec, long step, Map<String, Tensor> dense, Map<String, TableValues> tables) {
    this.spec = Check.notNull("snapshot.spec", spec);
    Check.arg(step >= 0, "snapshot.step", step, "must be >= 0");
    this.step = step;
    this.dense = Collections.unmodifiableMap(new LinkedHashMap<>(dense));
    this.tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
    for (TableDeclaration t : spec.tables()) {
      TableValues v = this.tables.get(t.name());
      Check.arg(v != null, "snapshot.tables", t.name(), "must hold every table of the spec");
      Check.arg(
          v.numRows() == t.rows() && v.dim() == t.dim(),
          "snapshot.tables[" + t.name() + "]",
          v.numRows() + "x" + v.dim(),
          "must equal the spec's " + t.rows() + "x" + t.dim());
    }
    Check.arg(
        this.tables.size() == spec.tables().size(),
        "snapshot.tables",
        this.tables.keySet(),
        "must hold only the spec's tables");
  }

  /** The model. */
  public ModelSpec spec() {
    return spec;
  }

  /** Training steps taken when the snapshot was made. */
  public long step() {
    return step;
  }

  /** Dense parameters and state variables by graph variable name. */
  public Map<String, Tensor> dense() {
    return dense;
  }

  /** Tables by name. */
  public Map<String, TableValues> tables() {
    return tables;
  }

  /** The table {@code name}. */
  public TableValues table(String name) {
    TableValues t = tables.get(name);
    Check.arg(t != null, "table", name, "must be one of " + tables.keySet());
    return t;
  }

  /** The dense tensor {@code name}. */
  public Tensor denseTensor(String name) {
    Tensor t = dense.get(name);
    Check.arg(t != null, "dense", name, "must be one of " + dense.keySet());
    return t;
  }

  /**
   * Writes the snapshot to {@code path} atomically (see {@link TensorFile}).
   *
   * @throws IOException on a file-system failure; the target is then unchanged
   */
  public void write(Path path) throws IOException {
    ObjectNode meta = TypedJson.mapper().createObjectNode();
    meta.set("model", ModelJson.toTree(spec));
    meta.put("step", step);
    Map<String, Tensor> ts = new LinkedHashMap<>();
    Map<String, long[]> ls = new LinkedHashMap<>();
    for (Map.Entry<String, Tensor> e : dense.entrySet()) {
      ts.put("dense/" + e.getKey(), e.getValue());
    }
    for (TableValues t : tables.values()) {
      ts.put("table/" + t.name(), t.asTensor());
      ls.put("used/" + t.name(), t.used());
    }
    TensorFile.write(path, new TensorFile.Contents(KIND, meta, ts, ls));
  }

  /**
   * Reads a snapshot written by {@link #write}.
   *
   * @throws IOException naming the file and the problem (truncated, corrupt, newer version, another
   *     kind, an invalid model)
   */
  public static ModelSnapshot read(Path path) throws IOException {
    TensorFile.Contents c = TensorFile.read(path, KIND);
    try {
      ModelSpec spec = ModelJson.fromJson(c.meta().path("model").toString());
      Map<String, Tensor> dense = new LinkedHashMap<>();
      Map<String, TableValues> tables = new LinkedHashMap<>();
      for (Map.Entry<String, Tensor> e : c.tensors().entrySet()) {
        String n = e.getKey();
        if (n.startsWith("dense/")) {
          dense.put(n.substring(6), e.getValue());
        } else if (n.startsWith("table/")) {
          String name = n.substring(6);
          Tensor t = e.getValue();
          Check.arg(t.shape().length == 2, n + ".shape.length", t.shape().length, "must be 2");
          long[] used = c.longs().get("used/" + name);
          Check.arg(used != null, "used/" + name, null, "must be present for table " + name);
          tables.put(
              name,
              new TableValues(name, (int) t.shape()[0], (int) t.shape()[1], t.values(), used));
        } else {
          throw new IllegalArgumentException("entry " + n + " is not a dense/ or table/ tensor");
        }
      }
      return new ModelSnapshot(spec, c.meta().path("step").asLong(), dense, tables);
    } catch (IllegalArgumentException e) {
      throw new IOException(path + ": " + e.getMessage(), e);
    }
  }
}
