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
import org.recsys4j.models.layers.sequence.Gru;
import org.recsys4j.models.layers.sequence.InterestAuxiliaryLoss;
import org.recsys4j.models.spec.Head;
import org.recsys4j.models.spec.ModelSpec;

/**
 * DIEN (Zhou et al., AAAI 2019): a GRU extracts interest states {@code h_t} from the history, an
 * attention unit scores them against the candidate ({@code a_t}, softmax over real steps), an AUGRU
 * evolves them with the update gate scaled by {@code a_t}, and its last state joins a DeepFM body:
 * {@code logit = w0 + Σ w[id] + FM(fields) + MLP([fields, h'_T])}. Training adds DIEN's auxiliary
 * loss ({@link InterestAuxiliaryLoss}: {@code h_t} scores the item clicked at {@code t+1} against a
 * negative the trainer samples from the batch's clicked items) with weight {@code auxWeight}, as a
 * training-only {@code AUX_LOSS} head: the inference graph has neither the loss nor the negatives.
 * The GRUs have the embedding width D (the auxiliary loss's inner products need it).
 *
 * @param label the label column
 * @param history the SEQUENCE input of clicked items (e.g. {@code history_item})
 * @param queryFeature the ids column of the candidate (e.g. {@code item})
 * @param attentionUnits widths of the attention unit's hidden layers
 * @param hidden widths of the deep tower's ReLU layers
 * @param keepProbability dropout keep probability after each hidden layer (1 = none)
 * @param auxWeight weight of the auxiliary loss, at least 0 (DIEN: 1; 0 leaves it out)
 * @param seed the seed of the initial values
 */
public record Dien(
    String label,
    String history,
    String queryFeature,
    List<Integer> attentionUnits,
    List<Integer> hidden,
    double keepProbability,
    double auxWeight,
    long seed)
    implements ZooModel {
  /** Validates. */
  public Dien {
    Check.notNull("dien.label", label);
    Check.notNull("dien.history", history);
    Check.notNull("dien.queryFeature", queryFeature);
    attentionUnits = List.copyOf(attentionUnits);
    hidden = List.copyOf(hidden);
    Towers.checkKeep("dien", keepProbability);
    Check.finite("dien.auxWeight", auxWeight);
    Check.nonNegative("dien.auxWeight", auxWeight);
  }

  @Override
  public String name() {
    return "dien";
  }

  @Override
  public ModelSpec build(FeatureSchema schema) {
    ModelBuilder b = ModelBuilder.forSchema(schema).name(name()).seed(seed);
    Histories.check(b, name(), history, queryFeature);
    Ref ids = b.embed(EncodedLayout.IDS);
    Ref query = Histories.query(b, name(), ids, queryFeature, "query");
    Ref clicked = b.embed(history);
    int dim =
        b.tableDim(
            b.inputs().stream()
                .filter(i -> i.name().equals(history))
                .findFirst()
                .orElseThrow()
                .tables()
                .get(0));
    Ref states = b.apply(Gru.of("interest", dim), clicked);
    AttentionPooling att =
        new AttentionPooling(
            "attention", attentionUnits, Activation.DICE, AttentionNormalization.SOFTMAX, false);
    Ref scored = b.apply(att, states, query);
    Ref evolved = b.apply(Gru.augru("evolution", dim), states, scored.output(1));
    Histories.body(b, ids, evolved, hidden, keepProbability, label);
    if (auxWeight > 0) {
      Ref aux =
          b.apply(
              InterestAuxiliaryLoss.of("aux_loss"),
              states,
              clicked.withoutMask(),
              b.negatives(history).withoutMask());
      b.head(Head.auxiliary("aux", aux.name(), auxWeight));
    }
    return b.build();
  }
}
