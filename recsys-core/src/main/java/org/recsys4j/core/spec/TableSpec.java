package org.recsys4j.core.spec;

import java.util.List;
import org.recsys4j.core.Check;

/**
 * An embedding table as the schema needs it: {@code rows} ids of dimension {@code embeddingDim},
 * used by {@code features} (in schema order). Shape of the weights: {@code [rows, embeddingDim]}.
 *
 * @param name table name
 * @param rows number of rows: the largest {@link FeatureSpec#rows()} of its features
 * @param embeddingDim embedding dimension, at least 1
 * @param features names of the features that look their ids up in this table
 */
public record TableSpec(String name, int rows, int embeddingDim, List<String> features) {

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException naming the field, its value and the rule broken
   */
  public TableSpec {
    Specs.checkName("table.name", name);
    Check.positive("table[" + name + "].rows", rows);
    Check.positive("table[" + name + "].embeddingDim", embeddingDim);
    features = List.copyOf(Check.notNull("table[" + name + "].features", features));
  }
}
