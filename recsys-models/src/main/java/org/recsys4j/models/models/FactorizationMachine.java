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
import org.recsys4j.models.layers.interaction.FmCross;
import org.recsys4j.models.layers.interaction.LinearTerm;

/**
 * Factorization machine over hashed sparse ids (Rendle 2010).
 *
 * <p>Formula: {@code logit = w0 + Σ_f w[id_f] + Σ_{i<j} <v[id_i], v[id_j]>}, with padded ids
 * (0) contributing nothing. Two tables share the id space: {@code <name>/linear} (width 1) and
 * {@code <name>/embedding} (width D); layers {@link LinearTerm} and {@link FmCross}.
 *
 * <p>Shapes: input {@code [B,F]} ids; output {@code [B,1]} logits.
 *
 * <p>Masks: the embedding masks are not passed on, because padded ids gather the all-zero
 * padding row and so already contribute exactly nothing; this saves the masked products in every
 * step. Tests check that appending padded fields leaves the output unchanged.
 */
public final class FactorizationMachine implements RankingModel {
  private final String name;
  private final SparseInput input;
  private final Embedding embedding;
  private final Embedding linear;

  private FactorizationMachine(Builder b) {
    this.name = b.name;
    this.input = new SparseInput(b.inputName, b.numFields);
    this.embedding =
        Embedding.builder()
            .name(name + "_embedding")
            .numRows(b.numRows)
            .numFields(b.numFields)
            .embeddingDim(b.embeddingDim)
            .initStd(b.initStd)
            .build();
    this.linear =
        Embedding.builder()
            .name(name + "_linear")
            .numRows(b.numRows)
            .numFields(b.numFields)
            .embeddingDim(1)
            .initStd(0)
            .build();
  }

  /** A builder; defaults: name {@code fm}, input {@code features}, D=16, initStd=0.01. */
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
    return List.of(
        new EmbeddingLookup(linear, input.name()), new EmbeddingLookup(embedding, input.name()));
  }

  @Override
  public SDVariable defineLogits(
      SameDiff sd, Map<String, LayerOutput> embedded, DefineContext context) {
    LayerOutput lin = embedded.get(linear.name());
    LayerOutput emb = embedded.get(embedding.name());
    SDVariable first =
        LinearTerm.of(name + "_linear_term")
            .define(sd, lin.asInput(context).withoutMask()).value();
    SDVariable second =
        FmCross.of(name + "_cross").define(sd, emb.asInput(context).withoutMask()).value();
    return first.add(second);
  }

  /** Fluent builder. */
  public static final class Builder {
    private String name = "fm";
    private String inputName = "features";
    private int numRows;
    private int numFields;
    private int embeddingDim = 16;
    private double initStd = 0.01;

    private Builder() {}

    /** Model name, prefix of its tables and layers. */
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

    /** D, the factor dimension. */
    public Builder embeddingDim(int embeddingDim) {
      this.embeddingDim = embeddingDim;
      return this;
    }

    /** Initial standard deviation of the factors. */
    public Builder initStd(double initStd) {
      this.initStd = initStd;
      return this;
    }

    /** Validates and builds. */
    public FactorizationMachine build() {
      Check.arg(name != null && name.matches("[a-z][a-z0-9_]*"), "fm.name", name,
          "must match [a-z][a-z0-9_]*");
      return new FactorizationMachine(this);
    }
  }
}
