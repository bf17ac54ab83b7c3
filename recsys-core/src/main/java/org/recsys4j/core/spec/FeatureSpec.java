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

  /**
   * The largest {@link #space()} a spec accepts, {@code 2^30}: ids are Java ints, and with room for
   * a missing id (and for a model laying a few tables side by side) every {@link #rows()} stays far
   * from {@code Integer.MAX_VALUE}; a table of {@code 2^30} rows of dimension 8 is already 32 GiB
   * of floats.
   */
  int MAX_SPACE = 1 << 30;

  /** Unique feature name, also the key of the raw value in a row. */
  String name();

  /**
   * The embedding table this feature looks its ids up in, or {@code null} for a normalised numeric,
   * which is fed as a float.
   */
  String table();

  /**
   * Id space: ids are in {@code 0..space-1} with 0 the padding id, plus the missing id {@code
   * space} where the spec has one; at most {@link #MAX_SPACE}.
   */
  int space();

  /** Embedding dimension of {@link #table()}, or 0 for a normalised numeric. */
  int embeddingDim();

  /**
   * Number of embedding rows this feature needs, exactly: every id the encoder can emit for it is
   * in {@code 0..rows-1}. {@link #space()}, plus one for a dedicated missing id where the spec has
   * one.
   */
  default int rows() {
    return space();
  }
}
