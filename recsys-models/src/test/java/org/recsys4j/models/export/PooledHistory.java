package org.recsys4j.models.export;

import org.recsys4j.core.spec.EncodedLayout;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.models.builder.ModelBuilder;
import org.recsys4j.models.builder.Ref;
import org.recsys4j.models.layers.dense.Mlp;
import org.recsys4j.models.layers.embedding.BagPooling;
import org.recsys4j.models.layers.structure.Concat;
import org.recsys4j.models.layers.structure.Flatten;
import org.recsys4j.models.spec.ModelSpec;
import org.recsys4j.models.zoo.ZooModel;

/**
 * A test model over a click history: the fields flattened beside the masked mean of the history's
 * embeddings, into an MLP. It puts a SEQUENCE input and a lookup mask (derived from padding id 0 in
 * the exports) into the parity runs.
 */
record PooledHistory() implements ZooModel {
  @Override
  public String name() {
    return "pooled_history";
  }

  @Override
  public String label() {
    return "click";
  }

  @Override
  public ModelSpec build(FeatureSchema schema) {
    ModelBuilder b = ModelBuilder.forSchema(schema).name(name()).seed(5);
    Ref flat = b.apply(Flatten.of("flat"), b.embed(EncodedLayout.IDS).withoutMask());
    Ref hist = b.apply(BagPooling.mean("hist_pool"), b.embed(ExportFixtures.HISTORY));
    Ref both = b.apply(Concat.of("both", 2), flat, hist);
    Ref logit = b.apply(Mlp.of("mlp", 8, 1), both);
    return b.head("ctr", logit, label()).build();
  }
}
