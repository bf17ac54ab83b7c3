package org.recsys4j.models.layers.embedding;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.recsys4j.core.Check;
import org.recsys4j.core.layer.Initializer;
import org.recsys4j.core.layer.Layer;
import org.recsys4j.core.layer.LayerInput;
import org.recsys4j.core.layer.LayerOutput;
import org.recsys4j.core.layer.MaskPolicy;
import org.recsys4j.core.layer.Shape;
import org.recsys4j.models.layers.GraphNames;
import org.recsys4j.models.layers.LayerShapes;

/**
 * Value-scaled embedding of numeric features, the way DeepFM and AutoInt feed numbers to their
 * interaction layers: each numeric feature {@code n} has one learned vector {@code v_n}, scaled by
 * the feature's value.
 *
 * <p>Formula: {@code out[b,n,:] = x[b,n] · v[n,:]}.
 *
 * <p>Parameter {@code <name>/embedding}, shape {@code [N,D]}, Glorot uniform. It is small and
 * dense, so unlike the id tables of {@link Embedding} it lives in the graph as an ordinary
 * trainable variable.
 *
 * <p>Shapes: input {@code [B,N]} (numeric values, already normalised by the encoder); output {@code
 * [B,N,D]}, D = {@link #embeddingDim()}. N is read from the input shape.
 *
 * <p>Mask: {@link MaskPolicy#REJECTS}: numeric values have no padding (a missing value is the
 * encoder's default).
 *
 * <p>Papers: Guo et al., "DeepFM", IJCAI 2017; Song et al., "AutoInt", CIKM 2019 (section 4.2).
 *
 * @param name the layer's name
 * @param embeddingDim D, the width of each vector
 */
public record NumericEmbedding(
    @JsonProperty("name") String name, @JsonProperty("embeddingDim") int embeddingDim)
    implements Layer {
  /** Current JSON version. */
  public static final int VERSION = 1;

  /**
   * Validates.
   *
   * @throws IllegalArgumentException if the name is invalid or {@code embeddingDim <= 0}
   */
  public NumericEmbedding {
    Check.name("numeric_embedding.name", name);
    Check.positive(name + ".embeddingDim", embeddingDim);
  }

  /** A numeric embedding of width {@code embeddingDim}. */
  public static NumericEmbedding of(String name, int embeddingDim) {
    return new NumericEmbedding(name, embeddingDim);
  }

  @Override
  public int version() {
    return VERSION;
  }

  @Override
  public MaskPolicy maskPolicy() {
    return MaskPolicy.REJECTS;
  }

  /**
   * {@code [B,N]} to {@code [B,N,D]}.
   *
   * @throws IllegalArgumentException if there is not exactly one input of rank 2
   */
  @Override
  public List<Shape> outputShapes(List<Shape> in) {
    Shape x = LayerShapes.single(name, in, "[B,N]", 2);
    return List.of(Shape.of(x.dim(0), x.dim(1), embeddingDim));
  }

  @Override
  public LayerOutput define(SameDiff sd, LayerInput in) {
    checkInput(in);
    Shape out = outputShapes(in.shapes()).get(0);
    long n = in.shape().dim(1);
    SDVariable v =
        in.context()
            .param(
                sd,
                name,
                "embedding",
                Initializer.GLOROT_UNIFORM,
                n,
                embeddingDim,
                n,
                embeddingDim);
    // [B,N,1] * [N,D] broadcasts to [B,N,D]
    SDVariable y = in.value().reshape(-1, n, 1).mul(v);
    return LayerOutput.of(GraphNames.named(sd, y, name + "/out"), out);
  }
}
