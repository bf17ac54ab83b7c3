package org.recsys4j.models.zoo;

import java.util.List;
import org.recsys4j.core.Check;
import org.recsys4j.core.spec.EncodedLayout;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.models.builder.ModelBuilder;
import org.recsys4j.models.builder.Ref;
import org.recsys4j.models.layers.embedding.BagPooling;
import org.recsys4j.models.spec.ModelSpec;

/**
 * The mean-pooling baseline for histories ("YouTube" style, Covington et al., RecSys 2016): the
 * history's embeddings averaged over its real steps, {@code Σ_t m_t e_t / max(1, Σ_t m_t)}, join a
 * DeepFM body: {@code logit = w0 + Σ w[id] + FM(fields) + MLP([fields, mean history])}. The history
 * shares the candidate's table.
 *
 * @param label the label column
 * @param history the SEQUENCE input of clicked items (e.g. {@code history_item})
 * @param hidden widths of the deep tower's ReLU layers
 * @param keepProbability dropout keep probability after each hidden layer (1 = none)
 * @param seed the seed of the initial values
 */
public record SequenceMean(
    String label, String history, List<Integer> hidden, double keepProbability, long seed)
    implements ZooModel {
  /** Validates. */
  public SequenceMean {
    Check.notNull("seq_mean.label", label);
    Check.notNull("seq_mean.history", history);
    hidden = List.copyOf(hidden);
    Towers.checkKeep("seq_mean", keepProbability);
  }

  @Override
  public String name() {
    return "seq_mean";
  }

  @Override
  public ModelSpec build(FeatureSchema schema) {
    ModelBuilder b = ModelBuilder.forSchema(schema).name(name()).seed(seed);
    Histories.check(b, name(), history, "");
    Ref ids = b.embed(EncodedLayout.IDS);
    Ref mean = b.apply(BagPooling.mean("history_mean"), b.embed(history));
    return Histories.body(b, ids, mean, hidden, keepProbability, label).build();
  }
}
