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
import org.recsys4j.models.spec.ModelSpec;

/**
 * DIN (Zhou et al., KDD 2018): the history's embeddings pooled by their relevance to the candidate
 * ({@link AttentionPooling}, DIN's local activation unit with Dice) join a DeepFM body: {@code
 * logit = w0 + Σ w[id] + FM(fields) + MLP([fields, Σ_t a_t e_t])}, with {@code a_t} scored from
 * {@code [q, e_t, q − e_t, q ⊙ e_t]} and {@code q} the candidate's embedding. The history shares
 * the candidate's table.
 *
 * @param label the label column
 * @param history the SEQUENCE input of clicked items (e.g. {@code history_item})
 * @param queryFeature the ids column of the candidate (e.g. {@code item})
 * @param attentionUnits widths of the attention unit's hidden layers (DIN: 80, 40)
 * @param normalization SOFTMAX or DIN's unnormalised weights (NONE)
 * @param hidden widths of the deep tower's ReLU layers
 * @param keepProbability dropout keep probability after each hidden layer (1 = none)
 * @param seed the seed of the initial values
 */
public record Din(
    String label,
    String history,
    String queryFeature,
    List<Integer> attentionUnits,
    AttentionNormalization normalization,
    List<Integer> hidden,
    double keepProbability,
    long seed)
    implements ZooModel {
  /** Validates. */
  public Din {
    Check.notNull("din.label", label);
    Check.notNull("din.history", history);
    Check.notNull("din.queryFeature", queryFeature);
    attentionUnits = List.copyOf(attentionUnits);
    Check.notNull("din.normalization", normalization);
    hidden = List.copyOf(hidden);
    Towers.checkKeep("din", keepProbability);
  }

  @Override
  public String name() {
    return "din";
  }

  @Override
  public ModelSpec build(FeatureSchema schema) {
    ModelBuilder b = ModelBuilder.forSchema(schema).name(name()).seed(seed);
    Histories.check(b, name(), history, queryFeature);
    Ref ids = b.embed(EncodedLayout.IDS);
    Ref query = Histories.query(b, name(), ids, queryFeature);
    AttentionPooling att =
        new AttentionPooling("attention", attentionUnits, Activation.DICE, normalization);
    Ref interest = b.apply(att, b.embed(history), query);
    return Histories.body(b, ids, interest, hidden, keepProbability, label).build();
  }
}
