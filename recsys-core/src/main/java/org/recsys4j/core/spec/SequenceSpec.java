package org.recsys4j.core.spec;

import org.recsys4j.core.Check;

/**
 * A behaviour sequence such as the clicked-item history, oldest first: the {@code maxLen} most
 * recent values as hashed ids plus a mask.
 *
 * <p>Shapes: ids {@code [B, maxLen]} and mask {@code [B, maxLen]}. A raw string is split on the
 * literal {@code separator}; a list is taken element by element, oldest first. Null or empty
 * elements and the raw {@code paddingToken} (e.g. {@code "S:-1"}) are padding and dropped; of the
 * remaining {@code n} values the last {@code k = min(n, maxLen)} are kept in order at positions
 * {@code 0..k-1} as {@code FeatureHasher.index(table, value, space)} (never 0) with mask 1;
 * positions {@code k..maxLen-1} hold padding id 0 with mask 0. So the mask is 1 exactly where the
 * id is non-zero. Missing values (null, empty, only padding) give an all-padding row and are
 * counted by the encoder.
 *
 * <p>To share the item table with the target item, give both {@code table = "item"} (equal space
 * and dim): ids are hashed with the table name as the field, so equal items get equal ids.
 *
 * @param name unique feature name
 * @param space hash space including padding id 0, at least 2
 * @param maxLen number of steps kept, at least 1
 * @param paddingToken raw padding value of the data, or {@code null} if none; non-empty
 * @param separator literal separator of a raw string, non-empty (default {@code "|"})
 * @param table embedding table name (by default {@code name})
 * @param embeddingDim embedding dimension, at least 1
 */
public record SequenceSpec(
    String name,
    int space,
    int maxLen,
    String paddingToken,
    String separator,
    String table,
    int embeddingDim)
    implements FeatureSpec {

  /**
   * Validates.
   *
   * @throws IllegalArgumentException naming the field, its value and the rule broken
   */
  public SequenceSpec {
    Specs.checkName("sequence.name", name);
    String p = "sequence[" + name + "].";
    Check.arg(space >= 2, p + "space", space, "must be >= 2 (id 0 is reserved for padding)");
    Specs.checkSpace(
        p + "space",
        space,
        FeatureSpec.MAX_SPACE,
        "FeatureSpec.MAX_SPACE: table rows are ints with room for a missing id");
    Check.positive(p + "maxLen", maxLen);
    Check.arg(
        paddingToken == null || !paddingToken.isEmpty(),
        p + "paddingToken",
        paddingToken,
        "must be null or non-empty");
    Specs.checkSeparator(p + "separator", separator);
    Specs.checkName(p + "table", table);
    Check.positive(p + "embeddingDim", embeddingDim);
  }

  /** A builder with separator {@code "|"}, no padding token and table = name. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** A builder holding this spec's settings. */
  public Builder toBuilder() {
    return new Builder(name)
        .space(space)
        .maxLen(maxLen)
        .paddingToken(paddingToken)
        .separator(separator)
        .table(table)
        .embeddingDim(embeddingDim);
  }

  /** Fluent builder; {@link #build()} validates through the canonical constructor. */
  public static final class Builder {
    private final String name;
    private int space;
    private int maxLen;
    private String paddingToken;
    private String separator = "|";
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

    /** Number of most recent steps kept. */
    public Builder maxLen(int maxLen) {
      this.maxLen = maxLen;
      return this;
    }

    /** Raw padding value of the data, e.g. {@code "S:-1"}; default none. */
    public Builder paddingToken(String paddingToken) {
      this.paddingToken = paddingToken;
      return this;
    }

    /** Literal separator of a raw string; default {@code "|"}. */
    public Builder separator(String separator) {
      this.separator = separator;
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
    public SequenceSpec build() {
      return new SequenceSpec(
          name, space, maxLen, paddingToken, separator, table == null ? name : table, embeddingDim);
    }
  }
}
