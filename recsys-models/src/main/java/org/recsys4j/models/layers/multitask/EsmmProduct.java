package org.recsys4j.models.layers.multitask;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.recsys4j.core.Check;
import org.recsys4j.core.layer.Layer;
import org.recsys4j.core.layer.LayerInput;
import org.recsys4j.core.layer.LayerOutput;
import org.recsys4j.core.layer.MaskPolicy;
import org.recsys4j.core.layer.Shape;
import org.recsys4j.models.layers.GraphNames;
import org.recsys4j.models.layers.LayerShapes;

/**
 * ESMM's product: the probability of click and conversion from a CTR and a CVR output, {@code
 * pCTCVR = pCTR · pCVR}, defined over every exposure.
 *
 * <p>Formula: with {@link ProbabilityInput#LOGITS}, {@code y[b] = σ(a[b]) · σ(c[b])}; with {@link
 * ProbabilityInput#PROBABILITIES}, {@code y[b] = a[b] · c[b]}; {@code a} is the CTR input (first),
 * {@code c} the CVR input (second). So {@code 0 ≤ y ≤ pCTR} and {@code y ≤ pCVR}. No parameters.
 *
 * <p>Shapes: inputs {@code [B,1]} (CTR) and {@code [B,1]} (CVR); output {@code [B,1]}.
 *
 * <p>Mask: {@link MaskPolicy#REJECTS}.
 *
 * <p>Use: the CTR head learns from the click label and the CTCVR head (reading this layer, a {@code
 * PROBABILITY} head) from the conversion label, both over all exposures; the CVR tower gets its
 * gradient only through the product, never from a loss on clicked rows alone (the sample-selection
 * bias ESMM removes). {@link org.recsys4j.models.zoo.Esmm} is the recipe.
 *
 * <p>Paper: Ma et al., "Entire Space Multi-Task Model: An Effective Approach for Estimating
 * Post-Click Conversion Rate", SIGIR 2018 (eq. 2).
 *
 * @param name the layer's name
 * @param input whether the inputs are logits or probabilities
 */
public record EsmmProduct(
    @JsonProperty("name") String name, @JsonProperty("input") ProbabilityInput input)
    implements Layer {
  /** Current JSON version. */
  public static final int VERSION = 1;

  /**
   * Validates.
   *
   * @throws IllegalArgumentException if the name is invalid or the input kind is null
   */
  public EsmmProduct {
    Check.name("esmm_product.name", name);
    Check.notNull(name + ".input", input);
  }

  /** The product of two logits' probabilities. */
  public static EsmmProduct ofLogits(String name) {
    return new EsmmProduct(name, ProbabilityInput.LOGITS);
  }

  @Override
  public int version() {
    return VERSION;
  }

  @Override
  public MaskPolicy maskPolicy() {
    return MaskPolicy.REJECTS;
  }

  @Override
  public int numInputs() {
    return 2;
  }

  /**
   * Two {@code [B,1]} to {@code [B,1]}.
   *
   * @throws IllegalArgumentException if there are not two inputs or one is not {@code [B,1]}
   */
  @Override
  public List<Shape> outputShapes(List<Shape> in) {
    return List.of(LayerShapes.columns(name, in, 2, "must be 2 (CTR, CVR)"));
  }

  @Override
  public LayerOutput define(SameDiff sd, LayerInput in) {
    checkInput(in);
    Shape out = outputShapes(in.shapes()).get(0);
    SDVariable a = in.values().get(0);
    SDVariable c = in.values().get(1);
    if (input == ProbabilityInput.LOGITS) {
      a = sd.nn.sigmoid(a);
      c = sd.nn.sigmoid(c);
    }
    return LayerOutput.of(GraphNames.named(sd, a.mul(c), name + "/out"), out);
  }
}
