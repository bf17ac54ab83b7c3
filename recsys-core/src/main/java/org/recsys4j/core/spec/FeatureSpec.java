package org.recsys4j.core.spec;

/**
 * One input feature of a ranking model, as immutable data.
 *
 * <p>Every spec has a unique {@link #name()} within its {@link FeatureSchema}. Specs that feed an
 * embedding table name it with {@link #table()} (by default their own name) and give its {@link
 * #space()} (number of ids the feature produces, id 0 = padding) and {@link #embeddingDim()}.
 * Features that share a table hash with the table name as the hashing field, so equal raw values
 * get equal ids in every feature of that table.
 */
public sealed interface FeatureSpec permits CategoricalSpec, NumericSpec, BagSpec, SequenceSpec {

  /** Unique feature name, also the key of the raw value in a row. */
  String name();

  /**
   * The embedding table this feature looks its ids up in, or {@code null} for a normalised
   * numeric, which is fed as a float.
   */
  String table();

  /** Id space: ids are in {@code 0..space-1}, plus a missing id where the spec documents one. */
  int space();

  /** Embedding dimension of {@link #table()}, or 0 for a normalised numeric. */
  int embeddingDim();

  /**
   * Number of embedding rows this feature needs: {@link #space()}, plus one for a dedicated
   * missing id where the spec has one.
   */
  default int rows() {
    return space();
  }
}
