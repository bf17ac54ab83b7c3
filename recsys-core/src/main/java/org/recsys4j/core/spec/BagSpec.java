package org.recsys4j.core.spec;

import org.recsys4j.core.Check;

/**
 * A multi-valued categorical feature such as genres {@code "Comedy|Romance"}: up to {@code maxSize}
 * hashed ids plus a mask, pooled by the model with {@link #pooling()}.
 *
 * <p>Shapes: ids {@code [B, maxSize]} and mask {@code [B, maxSize]}. A raw string is split on the
 * literal {@code separator}; a collection is taken element by element. Empty tokens are dropped,
 * the first {@code maxSize} tokens are kept in input order, each becomes {@code
 * FeatureHasher.index(table, token, space)} in {@code 1..space-1} with mask 1, and the remaining
 * positions are padding id 0 with mask 0. Missing values (null, empty string, no token) give an
 * all-padding row and are counted by the encoder.
 *
 * @param name unique feature name
 * @param space hash space including padding id 0, at least 2
 * @param separator literal token separator, non-empty (default {@code "|"})
 * @param maxSize maximum number of ids kept, at least 1
 * @param pooling how the model pools the unmasked embeddings
 * @param table embedding table name (by default {@code name})
 * @param embeddingDim embedding dimension, at least 1
 */
public record BagSpec(
    String name,
    int space,
    String separator,
    int maxSize,
    Pooling pooling,
    String table,
    int embeddingDim)
    implements FeatureSpec {

  /**
   * Validates.
   *
   * @throws IllegalArgumentException naming the field, its value and the rule broken
   */
  public BagSpec {
    Specs.checkName("bag.name", name);
    String p = "bag[" + name + "].";
    Check.arg(space >= 2, p + "space", space, "must be >= 2 (id 0 is reserved for padding)");
    Specs.checkSpace(
        p + "space",
        space,
        FeatureSpec.MAX_SPACE,
        "FeatureSpec.MAX_SPACE: table rows are ints with room for a missing id");
    Specs.checkSeparator(p + "separator", separator);
    Check.positive(p + "maxSize", maxSize);
    Check.notNull(p + "pooling", pooling);
    Specs.checkName(p + "table", table);
    Check.positive(p + "embeddingDim", embeddingDim);
  }

  /** A builder with separator {@code "|"}, pooling MEAN and table = name. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** A builder holding this spec's settings. */
  public Builder toBuilder() {
    return new Builder(name)
        .space(space)
        .separator(separator)
        .maxSize(maxSize)
        .pooling(pooling)
        .table(table)
        .embeddingDim(embeddingDim);
  }

  /** Fluent builder; {@link #build()} validates through the canonical constructor. */
  public static final class Builder {
    private final String name;
    private int space;
    private String separator = "|";
    private int maxSize;
    private Pooling pooling = Pooling.MEAN;
    private String table;
    private int embeddingDim;

    private Builder(String name) {
      this.name = name;
    }

    /** Hash space including padding id 0. */
    public Builder space(int space) {
      this.space = space;
      return this;
    }

    /** Literal separator of a raw string; default {@code "|"}. */
    public Builder separator(String separator) {
      this.separator = separator;
      return this;
    }

    /** Maximum number of ids kept. */
    public Builder maxSize(int maxSize) {
      this.maxSize = maxSize;
      return this;
    }

    /** Pooling of the unmasked embeddings; default MEAN. */
    public Builder pooling(Pooling pooling) {
      this.pooling = pooling;
      return this;
    }

    /** Embedding table name; default: the feature name. */
    public Builder table(String table) {
      this.table = table;
      return this;
    }

    /** Embedding dimension, at least 1. */
    public Builder embeddingDim(int embeddingDim) {
      this.embeddingDim = embeddingDim;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException naming the field, its value and the rule broken
     */
    public BagSpec build() {
      return new BagSpec(
          name, space, separator, maxSize, pooling, table == null ? name : table, embeddingDim);
    }
  }
}
