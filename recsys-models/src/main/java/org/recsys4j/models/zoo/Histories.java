package org.recsys4j.models.zoo;

import java.util.List;
import org.recsys4j.core.Check;
import org.recsys4j.core.spec.EncodedLayout;
import org.recsys4j.models.builder.ModelBuilder;
import org.recsys4j.models.builder.Ref;
import org.recsys4j.models.layers.combine.LogitSum;
import org.recsys4j.models.layers.interaction.FmCross;
import org.recsys4j.models.layers.structure.Concat;
import org.recsys4j.models.layers.structure.FieldSelect;
import org.recsys4j.models.spec.InputKind;
import org.recsys4j.models.spec.InputSpec;

/**
 * What the sequence recipes share: the candidate's embedding as the query, the check that the
 * history shares the candidate's table, and the body a pooled interest joins (a linear term, an FM
 * over the fields and an MLP over the flattened fields and the interest, as in DeepFM).
 */
final class Histories {
  private Histories() {}

  /** Checks the recipe's history and query feature against the builder's inputs. */
  static void check(ModelBuilder b, String model, String history, String queryFeature) {
    InputSpec seq =
        b.inputs().stream()
            .filter(i -> i.name().equals(history))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        model
                            + ".history="
                            + history
                            + " must be a sequence of the schema "
                            + b.inputs().stream().map(InputSpec::name).toList()));
    Check.arg(
        seq.kind() == InputKind.SEQUENCE,
        model + ".history",
        history,
        "must be a SEQUENCE input, not " + seq.kind());
    if (queryFeature.isEmpty()) {
      return;
    }
    int f = field(b, model, queryFeature);
    String table = ids(b).tables().get(f);
    Check.arg(
        table.equals(seq.tables().get(0)),
        model + ".history",
        history + " (table " + seq.tables().get(0) + ")",
        "must share the table " + table + " of the query feature " + queryFeature);
  }

  private static InputSpec ids(ModelBuilder b) {
    return b.inputs().stream()
        .filter(i -> i.name().equals(EncodedLayout.IDS))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("schema must have categorical features"));
  }

  private static int field(ModelBuilder b, String model, String feature) {
    List<String> cols = ids(b).columns();
    int f = cols.indexOf(feature);
    Check.arg(f >= 0, model + ".queryFeature", feature, "must be one of the ids columns " + cols);
    return f;
  }

  /** The candidate's embedding {@code [B,D]}: field {@code queryFeature} of the ids lookup. */
  static Ref query(ModelBuilder b, String model, Ref ids, String queryFeature) {
    return query(b, model, ids, queryFeature, "query");
  }

  /** As {@link #query(ModelBuilder, String, Ref, String)}, the layer named {@code name}. */
  static Ref query(ModelBuilder b, String model, Ref ids, String queryFeature, String name) {
    return b.apply(FieldSelect.of(name, field(b, model, queryFeature)), ids.withoutMask());
  }

  /**
   * {@code logit = w0 + Σ w[id] + FM(fields) + MLP([flat fields, interest])} and the {@code ctr}
   * head on {@code label}.
   */
  static ModelBuilder body(
      ModelBuilder b, Ref ids, Ref interest, List<Integer> hidden, double keep, String label) {
    Ref linear = b.linear(EncodedLayout.IDS);
    Ref fields = Towers.fields(b, ids, Towers.idsDim(b));
    Ref fm = b.apply(FmCross.of("fm"), fields);
    Ref flat = Towers.flatInput(b, ids);
    Ref deepIn = b.apply(Concat.of("deep_seq_in", 2), flat, interest);
    Ref deep = Towers.logit(b, "deep_out", Towers.hidden(b, "deep", deepIn, hidden, keep));
    Ref logit = b.apply(LogitSum.of("logit", 3), linear, fm, deep);
    return b.head("ctr", logit, label);
  }
}
