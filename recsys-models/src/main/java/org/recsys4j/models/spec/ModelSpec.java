package org.recsys4j.models.spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.recsys4j.core.Check;
import org.recsys4j.core.layer.Layer;
import org.recsys4j.core.layer.MaskPolicy;
import org.recsys4j.core.layer.Shape;

/**
 * A model as data: the encoded inputs it reads, the tables it declares, the lookups of those
 * tables, a small graph of layer nodes over them, and its heads. Training graphs, inference graphs,
 * scorers and exporters all read this one value; it is written to and read from JSON by {@link
 * ModelJson} and built fluently by {@link org.recsys4j.models.builder.ModelBuilder}.
 *
 * <p>Validation happens here, once, whoever built the spec: names are unique across inputs, lookups
 * and nodes; every reference points to an earlier value; every table a lookup uses is declared and
 * all tables of one lookup have one width; every layer accepts its input shapes and masks ({@link
 * Layer#outputShapes}); every head reads a {@code [B,1]} value. Parameters are initialised from
 * {@link #seed()}, so the same spec always gives the same initial model.
 *
 * @param name the model's name
 * @param seed the seed of every initial value (tables and dense parameters)
 * @param inputs the encoded inputs, keyed by their names in the batch
 * @param tables the embedding tables
 * @param lookups the embedding lookups
 * @param nodes the layers, in an order where every reference points backwards
 * @param heads the outputs, at least one
 */
public record ModelSpec(
    String name,
    long seed,
    List<InputSpec> inputs,
    List<TableDeclaration> tables,
    List<Lookup> lookups,
    List<Node> nodes,
    List<Head> heads) {

  /**
   * Validates the whole graph.
   *
   * @throws IllegalArgumentException naming the element, the value and the rule broken
   */
  public ModelSpec {
    Check.name("model.name", name);
    inputs = List.copyOf(Check.notNull("model.inputs", inputs));
    tables = List.copyOf(Check.notNull("model.tables", tables));
    lookups = List.copyOf(Check.notNull("model.lookups", lookups));
    nodes = List.copyOf(Check.notNull("model.nodes", nodes));
    heads = List.copyOf(Check.notNull("model.heads", heads));
    Check.arg(!heads.isEmpty(), "model.heads.size", 0, "must be >= 1");
    shapesOf(inputs, tables, lookups, nodes, heads);
    checkTrainingOnly(inputs, lookups, nodes, heads);
  }

  /** The input named {@code name}. */
  public InputSpec input(String inputName) {
    for (InputSpec i : inputs) {
      if (i.name().equals(inputName)) {
        return i;
      }
    }
    throw new IllegalArgumentException(
        "model.input="
            + inputName
            + " must be one of "
            + inputs.stream().map(InputSpec::name).toList());
  }

  /** The table named {@code name}. */
  public TableDeclaration table(String tableName) {
    for (TableDeclaration t : tables) {
      if (t.name().equals(tableName)) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "model.table="
            + tableName
            + " must be one of "
            + tables.stream().map(TableDeclaration::name).toList());
  }

  /** The head named {@code name}. */
  public Head head(String headName) {
    for (Head h : heads) {
      if (h.name().equals(headName)) {
        return h;
      }
    }
    throw new IllegalArgumentException(
        "model.head=" + headName + " must be one of " + heads.stream().map(Head::name).toList());
  }

  /** The label columns the heads learn from (and mask rows by), in head order, without repeats. */
  public List<String> labels() {
    List<String> out = new ArrayList<>();
    for (Head h : heads) {
      for (String l : List.of(h.label(), h.rowMask())) {
        if (!l.isEmpty() && !out.contains(l)) {
          out.add(l);
        }
      }
    }
    return out;
  }

  /** The shapes of every value (numeric inputs, lookups, nodes) by name, in definition order. */
  public Map<String, ValueShape> shapes() {
    return shapesOf(inputs, tables, lookups, nodes, heads);
  }

  /**
   * The values that exist in training graphs only: lookups of {@link InputKind#NEGATIVES} inputs
   * and every node that reads one of them, directly or not. Inference graphs, scorers and exporters
   * leave them out, with the {@link HeadOutput#AUX_LOSS} heads that read them.
   */
  public java.util.Set<String> trainingOnlyValues() {
    return trainingOnlyOf(inputs, lookups, nodes);
  }

  private static java.util.Set<String> trainingOnlyOf(
      List<InputSpec> inputs, List<Lookup> lookups, List<Node> nodes) {
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    for (Lookup lk : lookups) {
      for (InputSpec in : inputs) {
        if (in.name().equals(lk.input()) && in.kind() == InputKind.NEGATIVES) {
          out.add(lk.name());
        }
      }
    }
    for (Node n : nodes) {
      for (String ref : n.inputs()) {
        if (out.contains(parseRef(ref).getKey())) {
          out.add(n.name());
        }
      }
    }
    return out;
  }

  private static void checkTrainingOnly(
      List<InputSpec> inputs, List<Lookup> lookups, List<Node> nodes, List<Head> heads) {
    Map<String, InputSpec> byName = new HashMap<>();
    inputs.forEach(i -> byName.put(i.name(), i));
    for (InputSpec in : inputs) {
      if (in.kind() != InputKind.NEGATIVES) {
        continue;
      }
      InputSpec src = byName.get(in.columns().get(0));
      String p = "input[" + in.name() + "].columns[0]";
      Check.arg(
          src != null && src.kind() == InputKind.SEQUENCE,
          p,
          in.columns().get(0),
          "must name a SEQUENCE input of the model (the sequence NEGATIVES samples for)");
      Check.arg(
          src.width() == in.width() && src.tables().equals(in.tables()),
          "input[" + in.name() + "]",
          in.width() + " " + in.tables(),
          "must have the width "
              + src.width()
              + " and table "
              + src.tables()
              + " of "
              + src.name());
    }
    java.util.Set<String> trainingOnly = trainingOnlyOf(inputs, lookups, nodes);
    for (Head h : heads) {
      String v = parseRef(h.output()).getKey();
      Check.arg(
          !h.isScored() || !trainingOnly.contains(v),
          "head[" + h.name() + "].output",
          h.output(),
          "must not read a training-only value (it depends on sampled NEGATIVES); only an AUX_LOSS"
              + " head may");
    }
  }

  /** The dimension D of a lookup (all its tables share it). */
  public int lookupDim(Lookup lookup) {
    InputSpec in = input(lookup.input());
    return table(lookup.tableAt(in, 0)).dim();
  }

  /** Splits a reference {@code "name"} or {@code "name:k"} into the name and output index. */
  public static Map.Entry<String, Integer> parseRef(String ref) {
    int c = ref.lastIndexOf(':');
    if (c < 0) {
      return Map.entry(ref, 0);
    }
    try {
      return Map.entry(ref.substring(0, c), Integer.parseInt(ref.substring(c + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("reference=" + ref + " must be 'name' or 'name:index'");
    }
  }

  private static Map<String, ValueShape> shapesOf(
      List<InputSpec> inputs,
      List<TableDeclaration> tables,
      List<Lookup> lookups,
      List<Node> nodes,
      List<Head> heads) {
    Map<String, TableDeclaration> tableByName = new HashMap<>();
    for (TableDeclaration t : tables) {
      Check.arg(
          tableByName.put(t.name(), t) == null, "model.tables", t.name(), "is declared twice");
    }
    Map<String, InputSpec> inputByName = new HashMap<>();
    Map<String, ValueShape> values = new LinkedHashMap<>();
    for (InputSpec in : inputs) {
      Check.arg(
          inputByName.put(in.name(), in) == null, "model.inputs", in.name(), "is declared twice");
      if (in.kind() == InputKind.NUMERIC) {
        values.put(in.name(), new ValueShape(List.of(Shape.batched(in.width())), Optional.empty()));
      }
    }
    for (Lookup lk : lookups) {
      InputSpec in = inputByName.get(lk.input());
      Check.arg(
          in != null,
          "lookup[" + lk.name() + "].input",
          lk.input(),
          "must be one of the model's inputs " + inputByName.keySet());
      Check.arg(
          in.hasIds(),
          "lookup[" + lk.name() + "].input",
          lk.input(),
          "must be an input of ids, not " + in.kind());
      int dim = -1;
      String first = null;
      int positions = in.kind() == InputKind.IDS ? in.width() : 1;
      for (int i = 0; i < positions; i++) {
        String tn = lk.tableAt(in, i);
        TableDeclaration t = tableByName.get(tn);
        Check.arg(
            t != null,
            "lookup[" + lk.name() + "].table",
            tn,
            "must be a declared table " + tableByName.keySet());
        if (dim < 0) {
          dim = t.dim();
          first = tn;
        }
        Check.arg(
            t.dim() == dim,
            "table[" + tn + "].dim",
            t.dim(),
            "must equal table["
                + first
                + "].dim="
                + dim
                + ": lookup "
                + lk.name()
                + " stacks them into one [B,F,D] value");
      }
      Check.arg(
          !values.containsKey(lk.name()) && !inputByName.containsKey(lk.name()),
          "lookup.name",
          lk.name(),
          "is used twice");
      values.put(
          lk.name(),
          new ValueShape(
              List.of(Shape.batched(in.width(), dim)), Optional.of(Shape.batched(in.width()))));
    }
    for (Node n : nodes) {
      String p = "node[" + n.name() + "]";
      Check.arg(
          !values.containsKey(n.name()) && !inputByName.containsKey(n.name()),
          "node.name",
          n.name(),
          "is used twice");
      List<Shape> in = new ArrayList<>();
      Optional<Shape> mask = Optional.empty();
      for (int i = 0; i < n.inputs().size(); i++) {
        Map.Entry<String, Integer> ref = parseRef(n.inputs().get(i));
        ValueShape v = values.get(ref.getKey());
        Check.arg(
            v != null,
            p + ".inputs[" + i + "]",
            n.inputs().get(i),
            "must name an earlier numeric input, lookup or node " + values.keySet());
        Check.arg(
            ref.getValue() >= 0 && ref.getValue() < v.shapes().size(),
            p + ".inputs[" + i + "]",
            n.inputs().get(i),
            "must index one of its " + v.shapes().size() + " outputs");
        in.add(v.shapes().get(ref.getValue()));
        if (i == 0 && n.mask() == MaskUse.PASS) {
          mask = v.mask();
        }
      }
      Layer layer = n.layer();
      if (mask.isPresent() && layer.maskPolicy() == MaskPolicy.REJECTS) {
        throw new IllegalArgumentException(
            p
                + ".mask=PASS with input mask "
                + mask.get()
                + " must be DROP: layer "
                + layer.name()
                + " rejects masks");
      }
      List<Shape> out = layer.outputShapes(in);
      values.put(n.name(), new ValueShape(out, layer.outputMaskShape(in, mask)));
    }
    java.util.Set<String> headNames = new java.util.HashSet<>();
    for (Head h : heads) {
      Check.arg(headNames.add(h.name()), "model.heads", h.name(), "is declared twice");
      Map.Entry<String, Integer> ref = parseRef(h.output());
      ValueShape v = values.get(ref.getKey());
      Check.arg(
          v != null && ref.getValue() < v.shapes().size(),
          "head[" + h.name() + "].output",
          h.output(),
          "must name a value of the model " + values.keySet());
      Shape s = v.shapes().get(ref.getValue());
      Check.arg(
          s.rank() == 2 && s.dim(1) == 1,
          "head[" + h.name() + "].output.shape",
          s,
          "must be [B,1]");
    }
    return values;
  }
}
