package org.recsys4j.models.zoo;

import java.util.List;
import org.recsys4j.core.Check;
import org.recsys4j.core.spec.EncodedLayout;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.models.builder.ModelBuilder;
import org.recsys4j.models.builder.Ref;
import org.recsys4j.models.layers.combine.LogitSum;
import org.recsys4j.models.layers.interaction.FmCross;
import org.recsys4j.models.layers.structure.Flatten;
import org.recsys4j.models.spec.ModelSpec;

/**
 * DeepFM (Guo et al., 2017): an FM and a deep MLP sharing the field embeddings: {@code logit = w0 +
 * Σ_f w[id_f] + Σ_{i<j} <v_i, v_j> + MLP([v_1..v_F])}. Numeric features join the fields as
 * value-scaled embeddings {@code v_n·x_n} (as DeepFM and AutoInt feed numbers).
 *
 * @param label the label column
 * @param hidden widths of the deep tower's ReLU layers
 * @param keepProbability dropout keep probability after each hidden layer (1 = none)
 * @param seed the seed of the initial values
 */
public record DeepFm(String label, List<Integer> hidden, double keepProbability, long seed)
    implements ZooModel {
  /** Validates. */
  public DeepFm {
    Check.notNull("deepfm.label", label);
    hidden = List.copyOf(hidden);
    Towers.checkKeep("deepfm", keepProbability);
  }

  /** DeepFM on {@code label} with a 400-400-400 tower and no dropout. */
  public static DeepFm of(String label) {
    return new DeepFm(label, List.of(400, 400, 400), 1.0, 42);
  }

  @Override
  public String name() {
    return "deepfm";
  }

  @Override
  public ModelSpec build(FeatureSchema schema) {
    ModelBuilder b = ModelBuilder.forSchema(schema).name(name()).seed(seed);
    Ref linear = b.linear(EncodedLayout.IDS);
    Ref fields = Towers.fields(b, b.embed(EncodedLayout.IDS), Towers.idsDim(b));
    Ref fm = b.apply(FmCross.of("fm"), fields);
    Ref flat = b.apply(Flatten.of("flat"), fields);
    Ref deep = Towers.logit(b, "deep_out", Towers.hidden(b, "deep", flat, hidden, keepProbability));
    Ref logit = b.apply(LogitSum.of("logit", 3), linear, fm, deep);
    return b.head("ctr", logit, label).build();
  }
}
