package org.recsys4j.models.layers.embedding;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import java.util.List;
import java.util.Optional;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.recsys4j.core.Check;
import org.recsys4j.core.layer.Layer;
import org.recsys4j.core.layer.LayerInput;
import org.recsys4j.core.layer.LayerOutput;
import org.recsys4j.core.layer.MaskPolicy;
import org.recsys4j.core.layer.Shape;

/**
 * Embedding with mask: one row of a table per id, with padding marked.
 *
 * <p>Formula: {@code out[b,f,:] = E[ids[b,f], :]} and {@code mask[b,f] = 1 if ids[b,f] != 0
 * else 0}. Id 0 is reserved for padding and its row {@code E[0]} is all zeros and never trained,
 * so padded positions are exact zero vectors with a false mask, whatever padding token the raw
 * data uses (for example {@code S:-1}: the feature encoder maps it to 0).
 *
 * <p>The layer has two halves. The table {@code E} ({@link #numRows()} × {@link #embeddingDim()})
 * lives outside the graph in a {@link org.recsys4j.models.train.EmbeddingTable}, because SameDiff
 * 1.0.0-M2.1 cannot train a gathered table; the trainer looks up each batch's ids there
 * (gathering the rows, and computing the mask with {@link #maskFromIds}). The graph half, {@link
 * #define}, starts from those gathered rows as its input and declares the float placeholder
 * {@code <name>/mask} that the trainer fills. The gradient with respect to the rows is scattered
 * back to the touched rows only.
 *
 * <p>Shapes: input {@code rows [B,F,D]}; output {@code [B,F,D]} (the rows); output mask {@code
 * [B,F]} (float, 1 = valid). F is {@link #numFields()} (fields, or sequence steps T), D is {@link
 * #embeddingDim()}.
 *
 * <p>Mask: {@link MaskPolicy#PRODUCES}; an input mask is rejected.
 */
@JsonDeserialize(builder = Embedding.Builder.class)
public final class Embedding implements Layer {
  /** Current JSON version. */
  public static final int VERSION = 1;
  /** The id reserved for padding. */
  public static final int PADDING_ID = 0;

  private final String name;
  private final int numRows;
  private final int numFields;
  private final int embeddingDim;
  private final double initStd;

  private Embedding(Builder b) {
    this.name = b.name;
    this.numRows = b.numRows;
    this.numFields = b.numFields;
    this.embeddingDim = b.embeddingDim;
    this.initStd = b.initStd;
  }

  /** A builder with defaults {@code initStd=0.01}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this config's values. */
  public Builder toBuilder() {
    return new Builder()
        .name(name)
        .numRows(numRows)
        .numFields(numFields)
        .embeddingDim(embeddingDim)
        .initStd(initStd);
  }

  @Override
  @JsonProperty("name")
  public String name() {
    return name;
  }

  @Override
  @JsonProperty("version")
  public int version() {
    return VERSION;
  }

  /** Rows in the table, including padding row 0. */
  @JsonProperty("numRows")
  public int numRows() {
    return numRows;
  }

  /** Ids per example: F fields, or T steps of a sequence. */
  @JsonProperty("numFields")
  public int numFields() {
    return numFields;
  }

  /** D, the width of a row. */
  @JsonProperty("embeddingDim")
  public int embeddingDim() {
    return embeddingDim;
  }

  /** Standard deviation of the normal draw that initialises each row on first use. */
  @JsonProperty("initStd")
  public double initStd() {
    return initStd;
  }

  @Override
  public MaskPolicy maskPolicy() {
    return MaskPolicy.PRODUCES;
  }

  @Override
  public List<Shape> outputShapes(List<Shape> in) {
    Check.arg(in.size() == 1, name + ".inputs", in.size(), "must be 1 (the gathered rows)");
    Shape rows = in.get(0);
    Shape want = Shape.of(rows.dim(0), numFields, embeddingDim);
    Check.arg(rows.equals(want), name + ".rows.shape", rows, "must be " + want);
    return List.of(want);
  }

  @Override
  public Optional<Shape> outputMaskShape(List<Shape> in, Optional<Shape> inputMask) {
    Check.arg(inputMask.isEmpty(), name + ".mask", inputMask.orElse(null),
        "must be absent: an embedding produces its mask from ids");
    return Optional.of(Shape.of(in.get(0).dim(0), numFields));
  }

  /** The name of the mask placeholder that {@link #define} declares: {@code <name>/mask}. */
  public String maskPlaceholderName() {
    return name + "/mask";
  }

  /**
   * The lookup mask of {@code ids}: {@code out[i] = ids[i] != 0 ? 1 : 0} for {@code i <
   * count}.
   */
  public static void maskFromIds(int[] ids, int count, float[] out) {
    for (int i = 0; i < count; i++) {
      out[i] = ids[i] != PADDING_ID ? 1f : 0f;
    }
  }

  @Override
  public LayerOutput define(SameDiff sd, LayerInput in) {
    checkInput(in);
    List<Shape> out = outputShapes(in.shapes());
    Shape maskShape = outputMaskShape(in.shapes(), in.maskShape()).orElseThrow();
    SDVariable mask = sd.placeHolder(maskPlaceholderName(), in.context().dataType(), -1, numFields);
    // The output is the gathered rows themselves: padding rows are exact zeros already.
    return LayerOutput.masked(in.value(), out.get(0), mask, maskShape);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Embedding e
        && name.equals(e.name)
        && numRows == e.numRows
        && numFields == e.numFields
        && embeddingDim == e.embeddingDim
        && Double.compare(initStd, e.initStd) == 0;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(name, numRows, numFields, embeddingDim, initStd);
  }

  @Override
  public String toString() {
    return "Embedding{name=" + name + ", numRows=" + numRows + ", numFields=" + numFields
        + ", embeddingDim=" + embeddingDim + ", initStd=" + initStd + "}";
  }

  /** Fluent builder; {@link #build()} validates every field. */
  @JsonPOJOBuilder(withPrefix = "")
  public static final class Builder {
    private String name = "embedding";
    private int numRows;
    private int numFields;
    private int embeddingDim;
    private double initStd = 0.01;

    private Builder() {}

    /** Layer name (prefix of graph variables). */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Rows in the table including padding row 0; at least 2. */
    public Builder numRows(int numRows) {
      this.numRows = numRows;
      return this;
    }

    /** F (or T), ids per example. */
    public Builder numFields(int numFields) {
      this.numFields = numFields;
      return this;
    }

    /** D, row width. */
    public Builder embeddingDim(int embeddingDim) {
      this.embeddingDim = embeddingDim;
      return this;
    }

    /** Initial standard deviation of rows, finite and >= 0. */
    public Builder initStd(double initStd) {
      this.initStd = initStd;
      return this;
    }

    /** JSON version; only {@link Embedding#VERSION} is readable. */
    public Builder version(int version) {
      Check.arg(version == VERSION, "embedding.version", version, "must be " + VERSION);
      return this;
    }

    /** Validates and builds. */
    public Embedding build() {
      Check.arg(name != null && !name.isBlank(), "embedding.name", name, "must be non-blank");
      Check.arg(numRows >= 2, name + ".numRows", numRows, "must be >= 2 (row 0 is padding)");
      Check.positive(name + ".numFields", numFields);
      Check.positive(name + ".embeddingDim", embeddingDim);
      Check.nonNegative(name + ".initStd", initStd);
      return new Embedding(this);
    }
  }
}
