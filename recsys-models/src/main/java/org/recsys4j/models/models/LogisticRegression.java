package org.recsys4j.models.models;

import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.recsys4j.core.Check;
import org.recsys4j.core.layer.DefineContext;
import org.recsys4j.core.layer.LayerOutput;
import org.recsys4j.models.EmbeddingLookup;
import org.recsys4j.models.RankingModel;
import org.recsys4j.models.SparseInput;
import org.recsys4j.models.layers.embedding.Embedding;
import org.recsys4j.models.layers.interaction.LinearTerm;

/**
 * Logistic regression over hashed sparse ids: {@code logit = w0 + Σ_f w[id_f]}, padded ids
 * contributing nothing. One width-1 table {@code <name>/linear}.
 *
 * <p>Shapes: input {@code [B,F]} ids; output {@code [B,1]} logits.
 *
 * <p>Masks: the embedding masks are not passed on, because padded ids gather the all-zero
 * padding row and so already contribute exactly nothing; this saves the masked products in every
 * step. Tests check that appending padded fields leaves the output unchanged.
 */
public final class LogisticRegression implements RankingModel {
  private final String name;
  private final SparseInput input;
  private final Embedding linear;

  private LogisticRegression(Builder b) {
    this.name = b.name;
    this.input = new SparseInput(b.inputName, b.numFields);
    this.linear =
        Embedding.builder()
            .name(name + "_linear")
            .numRows(b.numRows)
            .numFields(b.numFields)
            .embeddingDim(1)
            .initStd(0)
            .build();
  }

  /** A builder; defaults: name {@code lr}, input {@code features}. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<SparseInput> inputs() {
    return List.of(input);
  }

  @Override
  public List<EmbeddingLookup> lookups() {
    return List.of(new EmbeddingLookup(linear, input.name()));
  }

  @Override
  public SDVariable defineLogits(
      SameDiff sd, Map<String, LayerOutput> embedded, DefineContext context) {
    return LinearTerm.of(name + "_linear_term")
        .define(sd, embedded.get(linear.name()).asInput(context).withoutMask()).value();
  }

  /** Fluent builder. */
  public static final class Builder {
    private String name = "lr";
    private String inputName = "features";
    private int numRows;
    private int numFields;

    private Builder() {}

    /** Model name. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Name of the sparse input. */
    public Builder inputName(String inputName) {
      this.inputName = inputName;
      return this;
    }

    /** Rows of the hashed id space, including padding row 0. */
    public Builder numRows(int numRows) {
      this.numRows = numRows;
      return this;
    }

    /** F, ids per example. */
    public Builder numFields(int numFields) {
      this.numFields = numFields;
      return this;
    }

    /** Validates and builds. */
    public LogisticRegression build() {
      Check.arg(name != null && name.matches("[a-z][a-z0-9_]*"), "lr.name", name,
          "must match [a-z][a-z0-9_]*");
      return new LogisticRegression(this);
    }
  }
}
