package org.recsys4j.models.zoo;

import org.recsys4j.core.Check;
import org.recsys4j.core.spec.EncodedLayout;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.models.builder.ModelBuilder;
import org.recsys4j.models.builder.Ref;
import org.recsys4j.models.layers.combine.LogitSum;
import org.recsys4j.models.layers.interaction.FmCross;
import org.recsys4j.models.spec.ModelSpec;

/**
 * Factorization machine (Rendle 2010) over the schema's ids: {@code logit = w0 + Σ_f w[id_f] +
 * Σ_{i<j} <v[id_i], v[id_j]>}, with each feature's factors in its table (dim from the schema).
 * Padded ids (0) contribute nothing: their rows are zeros, so the lookups' masks are dropped.
 *
 * @param label the label column
 * @param initStd initial standard deviation of the factors
 * @param seed the seed of the initial values
 */
public record FactorizationMachine(String label, double initStd, long seed) implements ZooModel {
  /** Validates. */
  public FactorizationMachine {
    Check.notNull("fm.label", label);
    Check.nonNegative("fm.initStd", initStd);
  }

  /** FM on {@code label}, initStd 0.01, seed 42. */
  public static FactorizationMachine of(String label) {
    return new FactorizationMachine(label, 0.01, 42);
  }

  @Override
  public String name() {
    return "fm";
  }

  @Override
  public ModelSpec build(FeatureSchema schema) {
    ModelBuilder b = ModelBuilder.forSchema(schema).name(name()).seed(seed).initStd(initStd);
    Ref linear = b.linear(EncodedLayout.IDS);
    Ref emb = b.embed(EncodedLayout.IDS);
    Ref cross = b.apply(FmCross.of("fm"), emb.withoutMask());
    Ref logit = b.apply(LogitSum.of("logit", 2), linear, cross);
    return b.head("ctr", logit, label).build();
  }
}
