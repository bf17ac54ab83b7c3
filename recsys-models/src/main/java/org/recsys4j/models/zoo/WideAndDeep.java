package org.recsys4j.models.zoo;

import java.util.List;
import org.recsys4j.core.Check;
import org.recsys4j.core.spec.EncodedLayout;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.models.builder.ModelBuilder;
import org.recsys4j.models.builder.Ref;
import org.recsys4j.models.layers.combine.LogitSum;
import org.recsys4j.models.spec.ModelSpec;

/**
 * Wide &amp; Deep (Cheng et al., 2016): a wide linear model over the ids plus a deep MLP over the
 * flattened embeddings (and the numerics), trained jointly: {@code logit = w0 + Σ_f w[id_f] +
 * MLP([e_1..e_F, x_num])}.
 *
 * @param label the label column
 * @param hidden widths of the deep tower's ReLU layers
 * @param keepProbability dropout keep probability after each hidden layer (1 = none)
 * @param seed the seed of the initial values
 */
public record WideAndDeep(String label, List<Integer> hidden, double keepProbability, long seed)
    implements ZooModel {
  /** Validates. */
  public WideAndDeep {
    Check.notNull("wide_deep.label", label);
    hidden = List.copyOf(hidden);
    Towers.checkKeep("wide_deep", keepProbability);
  }

  /** Wide &amp; Deep on {@code label} with a 400-400-400 tower and no dropout. */
  public static WideAndDeep of(String label) {
    return new WideAndDeep(label, List.of(400, 400, 400), 1.0, 42);
  }

  @Override
  public String name() {
    return "wide_deep";
  }

  @Override
  public ModelSpec build(FeatureSchema schema) {
    ModelBuilder b = ModelBuilder.forSchema(schema).name(name()).seed(seed);
    Ref wide = b.linear(EncodedLayout.IDS);
    Ref emb = b.embed(EncodedLayout.IDS);
    Ref h = Towers.hidden(b, "deep", Towers.flatInput(b, emb), hidden, keepProbability);
    Ref deep = Towers.logit(b, "deep_out", h);
    Ref logit = b.apply(LogitSum.of("logit", 2), wide, deep);
    return b.head("ctr", logit, label).build();
  }
}
