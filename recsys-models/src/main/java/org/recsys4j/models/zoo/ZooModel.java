package org.recsys4j.models.zoo;

import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.models.spec.ModelSpec;

/**
 * A model of the zoo: a record of hyperparameters whose {@link #build} is a short recipe on {@link
 * org.recsys4j.models.builder.ModelBuilder} over a feature schema. Every zoo model reads the
 * schema's {@code "ids"} input (and {@code "dense"} where it takes numbers) and has one logit head
 * learning from its label.
 */
public interface ZooModel {
  /** The model's short name, e.g. {@code deepfm}; also the spec's name. */
  String name();

  /** The label column the head learns from. */
  String label();

  /**
   * The model's spec over {@code schema}.
   *
   * @throws IllegalArgumentException if the schema lacks an input the model needs
   */
  ModelSpec build(FeatureSchema schema);
}
