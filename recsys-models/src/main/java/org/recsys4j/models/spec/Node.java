package org.recsys4j.models.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.recsys4j.core.Check;
import org.recsys4j.core.layer.Layer;

/**
 * One layer applied to earlier values of the model: the outputs of lookups, numeric inputs or
 * earlier nodes, referenced by name ({@code "deep"}) or by name and output index ({@code
 * "experts:1"}).
 *
 * @param layer the layer; its name is the node's name and the prefix of its parameters
 * @param inputs references to earlier values, as many as {@code layer.numInputs()}
 * @param mask whether the first input's mask goes to the layer
 */
public record Node(
    @JsonProperty("layer") Layer layer,
    @JsonProperty("inputs") List<String> inputs,
    @JsonProperty("mask") MaskUse mask) {

  /** Validates and copies. */
  public Node {
    Check.notNull("node.layer", layer);
    inputs = List.copyOf(Check.notNull("node[" + layer.name() + "].inputs", inputs));
    Check.arg(
        inputs.size() == layer.numInputs(),
        "node[" + layer.name() + "].inputs.size",
        inputs.size(),
        "must equal the layer's numInputs=" + layer.numInputs());
    Check.notNull("node[" + layer.name() + "].mask", mask);
  }

  /** The node's name: its layer's. */
  public String name() {
    return layer.name();
  }
}
