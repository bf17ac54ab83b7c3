package org.recsys4j.models.builder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recsys4j.core.Check;
import org.recsys4j.core.layer.Layer;
import org.recsys4j.core.spec.EncodedLayout;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.core.spec.FeatureSpec;
import org.recsys4j.core.spec.TableSpec;
import org.recsys4j.models.layers.interaction.LinearTerm;
import org.recsys4j.models.spec.Head;
import org.recsys4j.models.spec.InputKind;
import org.recsys4j.models.spec.InputSpec;
import org.recsys4j.models.spec.Lookup;
import org.recsys4j.models.spec.MaskUse;
import org.recsys4j.models.spec.ModelSpec;
import org.recsys4j.models.spec.Node;
import org.recsys4j.models.spec.TableDeclaration;

/**
 * The one entry point that assembles any network from library layers over a feature schema's
 * inputs: embed, pool, concatenate, MLP, crosses, combine logits, heads. Zoo models are short
 * recipes on it; a custom network is a recipe of one's own.
 *
 * <pre>{@code
 * ModelBuilder b = ModelBuilder.forSchema(schema).name("deepfm");
 * Ref emb = b.embed(EncodedLayout.IDS);                         // [B,F,D], mask [B,F]
 * Ref linear = b.linear(EncodedLayout.IDS);                     // [B,1]
 * Ref fm = b.apply(FmCross.of("fm"), emb.withoutMask());        // [B,1]
 * Ref flat = b.apply(Flatten.of("flat"), emb.withoutMask());    // [B,F*D]
 * Ref deep = b.apply(Mlp.of("deep", 400, 400, 400, 1), flat);   // [B,1]
 * Ref logit = b.apply(LogitSum.of("logit", 3), linear, fm, deep);
 * ModelSpec spec = b.head("ctr", logit, "click").build();
 * }</pre>
 *
 * <p>Inputs and tables come from the schema ({@link EncodedLayout}): the input names, the tables of
 * each column, their rows and dims are never written by hand. Every call is checked when {@link
 * #build()} validates the whole {@link ModelSpec}; a builder is single-use and not thread-safe.
 */
public final class ModelBuilder {
  private String name = "model";
  private long seed = 42;
  private double initStd = 0.01;
  private final List<InputSpec> inputs;
  private final Map<String, TableDeclaration> tables = new LinkedHashMap<>();
  private final Map<String, int[]> schemaTables = new LinkedHashMap<>();
  private final List<Lookup> lookups = new ArrayList<>();
  private final List<Node> nodes = new ArrayList<>();
  private final List<Head> heads = new ArrayList<>();

  private ModelBuilder(List<InputSpec> inputs, List<TableSpec> schemaTableSpecs) {
    this.inputs = new ArrayList<>(inputs);
    for (TableSpec t : schemaTableSpecs) {
      schemaTables.put(t.name(), new int[] {t.rows(), t.embeddingDim()});
    }
  }

  /**
   * A builder over the inputs a {@link org.recsys4j.core.spec.FeatureSchema} encodes to: {@code
   * "ids"} (categoricals and bucketized numerics, each column in its feature's table), {@code
   * "dense"} (normalised numerics) and one input per bag or sequence.
   */
  public static ModelBuilder forSchema(FeatureSchema schema) {
    Check.notNull("schema", schema);
    EncodedLayout layout = EncodedLayout.of(schema);
    List<InputSpec> in = new ArrayList<>();
    if (!layout.idsColumns().isEmpty()) {
      List<String> cols = new ArrayList<>();
      List<String> tabs = new ArrayList<>();
      for (FeatureSpec f : layout.idsColumns()) {
        cols.add(f.name());
        tabs.add(f.table());
      }
      in.add(new InputSpec(EncodedLayout.IDS, InputKind.IDS, cols.size(), cols, tabs));
    }
    if (!layout.denseColumns().isEmpty()) {
      List<String> cols = layout.denseColumns().stream().map(FeatureSpec::name).toList();
      in.add(new InputSpec(EncodedLayout.DENSE, InputKind.NUMERIC, cols.size(), cols, List.of()));
    }
    for (FeatureSpec s : layout.sequences()) {
      InputKind kind =
          s instanceof org.recsys4j.core.spec.BagSpec ? InputKind.BAG : InputKind.SEQUENCE;
      in.add(new InputSpec(s.name(), kind, EncodedLayout.width(s), List.of(), List.of(s.table())));
    }
    return new ModelBuilder(in, schema.tables());
  }

  /** A builder over explicit inputs and tables (for inputs that no schema describes). */
  public static ModelBuilder forInputs(List<InputSpec> inputs, List<TableDeclaration> tables) {
    ModelBuilder b = new ModelBuilder(inputs, List.of());
    for (TableDeclaration t : tables) {
      b.schemaTables.put(t.name(), new int[] {t.rows(), t.dim()});
      b.tables.put(t.name(), t);
    }
    return b;
  }

  /** The model's name (default {@code model}). */
  public ModelBuilder name(String modelName) {
    this.name = modelName;
    return this;
  }

  /** The seed of every initial value (default 42). */
  public ModelBuilder seed(long s) {
    this.seed = s;
    return this;
  }

  /** The initial standard deviation of embedding rows (default 0.01). */
  public ModelBuilder initStd(double std) {
    this.initStd = std;
    return this;
  }

  /** The embedding dim the schema (or the explicit tables) gives table {@code table}. */
  public int tableDim(String table) {
    int[] rd = schemaTables.get(table);
    Check.arg(rd != null, "table", table, "must be one of " + schemaTables.keySet());
    return rd[1];
  }

  /** The inputs the model can read. */
  public List<InputSpec> inputs() {
    return List.copyOf(inputs);
  }

  /**
   * Sampled negatives for the sequence input {@code sequence} ({@link InputKind#NEGATIVES}, input
   * {@code <sequence>_neg}, drawn by the trainer at every step) embedded in the sequence's table:
   * {@code [B,T,D]} with the sequence's mask, lookup {@code <sequence>_neg_emb}. Training only: a
   * value that reads it may feed an {@code AUX_LOSS} head, never a scored one.
   */
  public Ref negatives(String sequence) {
    InputSpec seq = input(sequence);
    Check.arg(
        seq.kind() == InputKind.SEQUENCE,
        "negatives.input",
        sequence,
        "must be a SEQUENCE input, not " + seq.kind());
    String name = sequence + "_neg";
    inputs.add(
        new InputSpec(name, InputKind.NEGATIVES, seq.width(), List.of(sequence), seq.tables()));
    return embed(name, name + "_emb", "");
  }

  /**
   * Embeds the ids of {@code input} in their tables: {@code [B,F,D]} (or {@code [B,T,D]}) with its
   * mask. The lookup is named {@code <input>_emb}.
   */
  public Ref embed(String input) {
    return embed(input, input + "_emb", "");
  }

  /**
   * Embeds the ids of {@code input} in tables named like its own plus {@code tableSuffix} (each
   * declared with the same rows and the given dim the first time it is used).
   *
   * @param lookupName the lookup's name
   * @param tableSuffix {@code ""} for the schema's tables
   */
  public Ref embed(String input, String lookupName, String tableSuffix) {
    return embed(input, lookupName, tableSuffix, -1, initStd);
  }

  private Ref embed(String input, String lookupName, String suffix, int dim, double std) {
    InputSpec in = input(input);
    Check.arg(in.hasIds(), "embed.input", input, "must be an input of ids, not " + in.kind());
    for (String t : in.tables()) {
      String tn = t + suffix;
      if (!tables.containsKey(tn)) {
        int[] rd = schemaTables.get(t);
        Check.arg(
            rd != null, "embed.table", t, "must be a table of the schema " + schemaTables.keySet());
        tables.put(tn, new TableDeclaration(tn, rd[0], dim > 0 ? dim : rd[1], std));
      }
    }
    lookups.add(new Lookup(lookupName, input, suffix));
    return new Ref(lookupName, true);
  }

  /**
   * The first-order term of {@code input}'s ids: width-1 tables {@code <table>_w} (zeros at first),
   * a lookup {@code <input>_w} and a {@link LinearTerm} {@code <input>_linear} with a global bias;
   * {@code [B,1]}.
   */
  public Ref linear(String input) {
    Ref w = embed(input, input + "_w", "_w", 1, 0.0);
    return apply(LinearTerm.of(input + "_linear"), w.withoutMask());
  }

  /** The numeric input {@code input} ({@code [B,N]}), to feed a layer. */
  public Ref numeric(String input) {
    InputSpec in = input(input);
    Check.arg(
        in.kind() == InputKind.NUMERIC,
        "numeric.input",
        input,
        "must be a NUMERIC input, not " + in.kind());
    return new Ref(input, false);
  }

  /**
   * Applies {@code layer} to {@code args}; the first argument's mask goes to the layer unless it
   * was dropped with {@link Ref#withoutMask()}.
   *
   * @return the layer's output
   */
  public Ref apply(Layer layer, Ref... args) {
    Check.notNull("layer", layer);
    List<String> refs = new ArrayList<>();
    for (Ref r : args) {
      refs.add(r.name());
    }
    boolean mask = args.length > 0 && args[0].keepMask();
    nodes.add(new Node(layer, refs, mask ? MaskUse.PASS : MaskUse.DROP));
    return new Ref(
        layer.name(), mask && layer.maskPolicy() == org.recsys4j.core.layer.MaskPolicy.PROPAGATES);
  }

  /** A logit head {@code headName} reading {@code logit} and learning from {@code label}. */
  public ModelBuilder head(String headName, Ref logit, String label) {
    heads.add(Head.logit(headName, logit.name(), label));
    return this;
  }

  /** Adds a head as configured. */
  public ModelBuilder head(Head head) {
    heads.add(Check.notNull("head", head));
    return this;
  }

  /**
   * Validates and builds the spec.
   *
   * @throws IllegalArgumentException naming the element, the value and the rule broken
   */
  public ModelSpec build() {
    List<TableDeclaration> used = new ArrayList<>(tables.values());
    return new ModelSpec(name, seed, inputs, used, lookups, nodes, heads);
  }

  private InputSpec input(String input) {
    for (InputSpec i : inputs) {
      if (i.name().equals(input)) {
        return i;
      }
    }
    throw new IllegalArgumentException(
        "input=" + input + " must be one of " + inputs.stream().map(InputSpec::name).toList());
  }
}
