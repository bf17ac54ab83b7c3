package org.recsys4j.models.zoo;

import org.recsys4j.core.Check;
import org.recsys4j.core.spec.EncodedLayout;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.models.builder.ModelBuilder;
import org.recsys4j.models.builder.Ref;
import org.recsys4j.models.spec.ModelSpec;

/**
 * Logistic regression over the schema's ids: {@code logit = w0 + Σ_f w_f[id_f]}, one width-1 table
 * per feature table.
 *
 * @param label the label column
 * @param seed the seed of the initial values
 */
public record LogisticRegression(String label, long seed) implements ZooModel {
  /** Validates. */
  public LogisticRegression {
    Check.notNull("lr.label", label);
  }

  /** LR on {@code label} with seed 42. */
  public static LogisticRegression of(String label) {
    return new LogisticRegression(label, 42);
  }

  @Override
  public String name() {
    return "lr";
  }

  @Override
  public ModelSpec build(FeatureSchema schema) {
    ModelBuilder b = ModelBuilder.forSchema(schema).name(name()).seed(seed);
    Ref logit = b.linear(EncodedLayout.IDS);
    return b.head("ctr", logit, label).build();
  }
}
