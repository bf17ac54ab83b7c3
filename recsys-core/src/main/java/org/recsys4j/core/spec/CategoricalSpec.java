package org.recsys4j.core.spec;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.recsys4j.core.Check;

/**
 * A single-valued categorical feature such as {@code userId} or {@code city}, mapped to one id.
 *
 * <p>Ids ({@code 0} is always padding and never produced for a real value):
 *
 * <ul>
 *   <li>{@link CategoricalEncoding#HASHED}: {@code FeatureHasher.index(table, value, space)} in
 *       {@code 1..space-1}; the table name is the hashing field, so features sharing a table agree.
 *   <li>{@link CategoricalEncoding#VOCABULARY}: {@code 1} = out-of-vocabulary, {@code 2..n+1} =
 *       {@code vocabulary.get(0..n-1)}; {@code space = n + 2}. {@code minCount} records the
 *       frequency cut the vocabulary was fitted with ({@link VocabularyFitter}).
 * </ul>
 *
 * <p>Missing values (null or empty string): replaced by {@code defaultValue} when it is set, else
 * mapped to the dedicated missing id {@code space} (so the table then needs {@code space + 1} rows,
 * see {@link #rows()}). Either way the encoder counts them.
 *
 * @param name unique feature name
 * @param encoding hashed or vocabulary
 * @param space number of ids, at least 2; {@code vocabulary.size() + 2} for a vocabulary
 * @param vocabulary the vocabulary (empty when hashed); no null, empty or duplicate entries
 * @param minCount minimum count a value needed to enter the vocabulary, at least 1
 * @param defaultValue replacement for missing values, or {@code null} for a dedicated missing id
 * @param table embedding table name (by default {@code name})
 * @param embeddingDim embedding dimension, at least 1
 */
public record CategoricalSpec(
    String name,
    CategoricalEncoding encoding,
    int space,
    List<String> vocabulary,
    int minCount,
    String defaultValue,
    String table,
    int embeddingDim)
    implements FeatureSpec {

  /**
   * Validates and copies the vocabulary.
   *
   * @throws IllegalArgumentException naming the field, its value and the rule broken
   */
  public CategoricalSpec {
    Specs.checkName("categorical.name", name);
    String p = "categorical[" + name + "].";
    Check.notNull(p + "encoding", encoding);
    Check.notNull(p + "vocabulary", vocabulary);
    vocabulary = List.copyOf(vocabulary);
    Check.positive(p + "minCount", minCount);
    Specs.checkName(p + "table", table);
    Check.positive(p + "embeddingDim", embeddingDim);
    Check.arg(
        defaultValue == null || !defaultValue.isEmpty(),
        p + "defaultValue",
        defaultValue,
        "must be null (dedicated missing id) or non-empty");
    if (encoding == CategoricalEncoding.HASHED) {
      Check.arg(space >= 2, p + "space", space, "must be >= 2 (id 0 is reserved for padding)");
      Specs.checkSpace(
          p + "space",
          space,
          FeatureSpec.MAX_SPACE,
          "FeatureSpec.MAX_SPACE: table rows are ints with room for a missing id");
      Check.arg(
          vocabulary.isEmpty(),
          p + "vocabulary.size",
          vocabulary.size(),
          "must be 0 when encoding=HASHED");
    } else {
      Check.arg(
          !vocabulary.isEmpty(), p + "vocabulary.size", 0, "must be >= 1 when encoding=VOCABULARY");
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < vocabulary.size(); i++) {
        String v = vocabulary.get(i);
        Check.arg(!v.isEmpty(), p + "vocabulary[" + i + "]", v, "must be non-empty");
        Check.arg(seen.add(v), p + "vocabulary[" + i + "]", v, "must not repeat an earlier entry");
      }
      Check.arg(
          space == vocabulary.size() + 2,
          p + "space",
          space,
          "must equal vocabulary.size()+2="
              + (vocabulary.size() + 2)
              + " (padding 0, out-of-vocabulary 1) when encoding=VOCABULARY");
    }
  }

  /** A builder for a hashed feature named {@code name} (table = name, space and dim to be set). */
  public static Builder hashed(String name) {
    return new Builder(name, CategoricalEncoding.HASHED);
  }

  /** A builder for a vocabulary feature named {@code name} (vocabulary and dim to be set). */
  public static Builder vocabulary(String name) {
    return new Builder(name, CategoricalEncoding.VOCABULARY);
  }

  /** A builder holding this spec's settings. */
  public Builder toBuilder() {
    Builder b = new Builder(name, encoding);
    b.space = space;
    b.vocabulary = vocabulary;
    b.minCount = minCount;
    b.defaultValue = defaultValue;
    b.table = table;
    b.embeddingDim = embeddingDim;
    return b;
  }

  /** The id of a missing value when {@code defaultValue == null}: {@code space}; else -1. */
  public int missingId() {
    return defaultValue == null ? space : -1;
  }

  /** The out-of-vocabulary id 1 for a vocabulary; -1 when hashed. */
  public int oovId() {
    return encoding == CategoricalEncoding.VOCABULARY ? 1 : -1;
  }

  /** {@code space + 1} with a dedicated missing id, else {@code space}. */
  @Override
  public int rows() {
    return defaultValue == null ? space + 1 : space;
  }

  /** Fluent builder; {@link #build()} validates through the canonical constructor. */
  public static final class Builder {
    private final String name;
    private final CategoricalEncoding encoding;
    private int space;
    private List<String> vocabulary = List.of();
    private int minCount = 1;
    private String defaultValue;
    private String table;
    private int embeddingDim;

    private Builder(String name, CategoricalEncoding encoding) {
      this.name = name;
      this.encoding = encoding;
    }

    /** Hash space including padding id 0 (hashed encoding only). */
    public Builder space(int space) {
      this.space = space;
      return this;
    }

    /** The vocabulary in id order; sets {@code space = vocabulary.size() + 2}. */
    public Builder vocabulary(List<String> vocabulary) {
      Check.notNull("categorical[" + name + "].vocabulary", vocabulary);
      this.vocabulary = List.copyOf(vocabulary);
      this.space = vocabulary.size() + 2;
      return this;
    }

    /** Minimum count the vocabulary was fitted with; default 1. */
    public Builder minCount(int minCount) {
      this.minCount = minCount;
      return this;
    }

    /** Replacement for missing values; {@code null} (default) maps them to a missing id. */
    public Builder defaultValue(String defaultValue) {
      this.defaultValue = defaultValue;
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
    public CategoricalSpec build() {
      return new CategoricalSpec(
          name,
          encoding,
          space,
          vocabulary,
          minCount,
          defaultValue,
          table == null ? name : table,
          embeddingDim);
    }
  }
}
