package org.recsys4j.models.layers.combine;

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
 * Adds the logits of parallel towers (e.g. FM + deep in DeepFM, wide + deep in Wide&amp;Deep) into
 * one logit: a named, serialisable combiner instead of a lambda.
 *
 * <p>Formula: {@code y[b] = Σ_{k<K} z_k[b] (+ c)}, with {@code c} the learned scalar {@code
 * <name>/bias} (shape {@code [1,1]}, zeros) when {@link #useBias()}.
 *
 * <p>Shapes: K inputs {@code [B,1]}; output {@code [B,1]}. K = {@link #numInputs()}.
 *
 * <p>Mask: {@link MaskPolicy#REJECTS}.
 *
 * <p>Papers: Guo et al., "DeepFM", IJCAI 2017 (eq. 1, {@code sigmoid(y_FM + y_DNN)}); Cheng et al.,
 * "Wide &amp; Deep Learning for Recommender Systems", DLRS 2016 (eq. 3).
 *
 * @param name the layer's name
 * @param numInputs K, the number of logits added, at least 1
 * @param useBias whether a learned scalar bias is added
 */
public record LogitSum(
    @JsonProperty("name") String name,
    @JsonProperty("numInputs") int numInputs,
    @JsonProperty("useBias") boolean useBias)
    implements Layer {
  /** Current JSON version. */
  public static final int VERSION = 1;

  /**
   * Validates.
   *
   * @throws IllegalArgumentException if the name is invalid or {@code numInputs < 1}
   */
  public LogitSum {
    Check.name("logit_sum.name", name);
    Check.positive(name + ".numInputs", numInputs);
  }

  /** A sum of {@code numInputs} logits without bias. */
  public static LogitSum of(String name, int numInputs) {
    return new LogitSum(name, numInputs, false);
  }

  /** This combiner with or without a learned bias. */
  public LogitSum withBias(boolean bias) {
    return new LogitSum(name, numInputs, bias);
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
   * K times {@code [B,1]} to {@code [B,1]}.
   *
   * @throws IllegalArgumentException if the count is not K or an input is not {@code [B,1]}
   */
  @Override
  public List<Shape> outputShapes(List<Shape> in) {
    return List.of(LayerShapes.columns(name, in, numInputs, "must be " + numInputs));
  }

  @Override
  public LayerOutput define(SameDiff sd, LayerInput in) {
    checkInput(in);
    Shape out = outputShapes(in.shapes()).get(0);
    SDVariable y = in.values().get(0);
    for (int k = 1; k < numInputs; k++) {
      y = y.add(in.values().get(k));
    }
    if (useBias) {
      y = y.add(in.context().param(sd, name, "bias", Initializer.ZEROS, 1, 1, 1, 1));
    }
    SDVariable named =
        y == in.values().get(0)
            ? sd.identity(name + "/out", y) // one input, no bias: do not rename the input
            : GraphNames.named(sd, y, name + "/out");
    return LayerOutput.of(named, out);
  }
}
