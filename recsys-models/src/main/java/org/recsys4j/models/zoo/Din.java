package org.recsys4j.models.zoo;

import java.util.List;
import org.recsys4j.core.Check;
import org.recsys4j.core.spec.EncodedLayout;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.models.builder.ModelBuilder;
import org.recsys4j.models.builder.Ref;
import org.recsys4j.models.layers.dense.Activation;
import org.recsys4j.models.layers.sequence.AttentionNormalization;
import org.recsys4j.models.layers.sequence.AttentionPooling;
import org.recsys4j.models.layers.structure.Concat;
import org.recsys4j.models.spec.ModelSpec;

/**
 * DIN (Zhou et al., KDD 2018): each history's embeddings pooled by their relevance to the candidate
 * ({@link AttentionPooling}, DIN's local activation unit with Dice) join a DeepFM body: {@code
 * logit = w0 + Σ w[id] + FM(fields) + MLP([fields, Σ_t a_t e_t, ...])}, with {@code a_t} scored
 * from {@code [q, e_t, q − e_t, q ⊙ e_t]} and {@code q} the candidate's embedding in the history's
 * table. Several histories (the paper's goods and category sequences) each get their own attention
 * unit against their own query feature; each shares that feature's table.
 *
 * @param label the label column
 * @param histories the SEQUENCE inputs (e.g. {@code history_item}, {@code history_category})
 * @param queryFeatures the ids column each history is scored against (e.g. {@code item}, {@code
 *     category}), one per history
 * @param attentionUnits widths of the attention units' hidden layers (DIN: 80, 40)
 * @param normalization SOFTMAX or DIN's unnormalised weights (NONE)
 * @param hidden widths of the deep tower's ReLU layers
 * @param keepProbability dropout keep probability after each hidden layer (1 = none)
 * @param seed the seed of the initial values
 * @param recencyBias whether the attention units add a learnt bias by recency to each step's score
 *     ({@link AttentionPooling#recencyBias()})
 */
public record Din(
    String label,
    List<String> histories,
    List<String> queryFeatures,
    List<Integer> attentionUnits,
    AttentionNormalization normalization,
    List<Integer> hidden,
    double keepProbability,
    long seed,
    boolean recencyBias)
    implements ZooModel {
  /** Validates. */
  public Din {
    Check.notNull("din.label", label);
    histories = List.copyOf(histories);
    queryFeatures = List.copyOf(queryFeatures);
    Check.arg(!histories.isEmpty(), "din.histories", histories, "must not be empty");
    Check.arg(
        queryFeatures.size() == histories.size(),
        "din.queryFeatures.size",
        queryFeatures.size(),
        "must equal din.histories.size=" + histories.size() + " (one query per history)");
    attentionUnits = List.copyOf(attentionUnits);
    Check.notNull("din.normalization", normalization);
    hidden = List.copyOf(hidden);
    Towers.checkKeep("din", keepProbability);
  }

  /** DIN over one history scored against one query feature, without the recency bias. */
  public static Din of(
      String label,
      String history,
      String queryFeature,
      List<Integer> attentionUnits,
      AttentionNormalization normalization,
      List<Integer> hidden,
      double keepProbability,
      long seed) {
    return new Din(
        label,
        List.of(history),
        List.of(queryFeature),
        attentionUnits,
        normalization,
        hidden,
        keepProbability,
        seed,
        false);
  }

  @Override
  public String name() {
    return "din";
  }

  @Override
  public ModelSpec build(FeatureSchema schema) {
    ModelBuilder b = ModelBuilder.forSchema(schema).name(name()).seed(seed);
    Ref ids = b.embed(EncodedLayout.IDS);
    List<Ref> pooled = new java.util.ArrayList<>();
    for (int i = 0; i < histories.size(); i++) {
      String h = histories.get(i);
      String q = queryFeatures.get(i);
      Histories.check(b, name(), h, q);
      String suffix = i == 0 ? "" : "_" + h;
      Ref query = Histories.query(b, name(), ids, q, "query" + suffix);
      AttentionPooling att =
          new AttentionPooling(
              "attention" + suffix, attentionUnits, Activation.DICE, normalization, recencyBias);
      pooled.add(b.apply(att, b.embed(h), query));
    }
    Ref interest =
        pooled.size() == 1
            ? pooled.get(0)
            : b.apply(Concat.of("interest", pooled.size()), pooled.toArray(new Ref[0]));
    return Histories.body(b, ids, interest, hidden, keepProbability, label).build();
  }
}
