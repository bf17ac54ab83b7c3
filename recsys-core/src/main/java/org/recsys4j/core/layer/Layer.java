package org.recsys4j.core.layer;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Optional;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The contract every layer follows: an immutable config that knows its output shapes, its mask
 * behaviour, and how to define itself in a SameDiff graph.
 *
 * <p>Implementations are records (STYLE.md section 3): the compact constructor validates, every
 * component is annotated {@code @JsonProperty}, {@link #version()} returns the class's {@code
 * VERSION} constant, and a static factory plus {@code withX} copies replace builders. They
 * serialise to JSON with {@code type} and {@code version} (see {@link LayerJson}); unknown keys
 * fail on reading and older versions are upgraded through the type's {@link
 * org.recsys4j.core.json.Upgraders}.
 *
 * <p>Contract, checked by the test-suite's layer contract for every layer:
 *
 * <ul>
 *   <li>{@link #outputShapes} is pure and equals the shapes {@link #define} returns;
 *   <li>{@link #outputMaskShape} is present exactly when {@link #define} returns a mask;
 *   <li>a layer with {@link MaskPolicy#REJECTS} throws when given a mask;
 *   <li>parameters are named {@code <layer name>/<param>} and drawn from {@link
 *       DefineContext#param}, so defining twice with the same seed gives identical graphs.
 * </ul>
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
public interface Layer {

  /** The layer's name, the prefix of its graph variables. */
  @JsonProperty("name")
  String name();

  /** The version of this layer's JSON format. */
  @JsonProperty("version")
  int version();

  /** What the layer does with a mask. */
  MaskPolicy maskPolicy();

  /** Number of input values the layer takes. */
  default int numInputs() {
    return 1;
  }

  /**
   * The shapes of the outputs for the given input shapes, without building anything.
   *
   * @throws IllegalArgumentException naming the input, the shape and the rule when the shapes do
   *     not fit this layer
   */
  List<Shape> outputShapes(List<Shape> inputShapes);

  /**
   * The shape of the output mask, if the layer produces or propagates one. The default follows
   * {@link #maskPolicy()}: {@link MaskPolicy#REJECTS} fails on a mask and has none, {@link
   * MaskPolicy#CONSUMES} has none, {@link MaskPolicy#PROPAGATES} passes the input mask on; a layer
   * that {@link MaskPolicy#PRODUCES} a mask must override it.
   *
   * @param inputShapes the input shapes
   * @param inputMaskShape the input mask's shape, if any
   * @throws IllegalArgumentException if a mask is given to a layer that rejects masks
   */
  default Optional<Shape> outputMaskShape(List<Shape> inputShapes, Optional<Shape> inputMaskShape) {
    return switch (maskPolicy()) {
      case REJECTS -> {
        if (inputMaskShape.isPresent()) {
          throw new IllegalArgumentException(
              name()
                  + ".mask="
                  + inputMaskShape.get()
                  + " must be absent: this layer rejects masks (MaskPolicy.REJECTS)");
        }
        yield Optional.empty();
      }
      case CONSUMES -> Optional.empty();
      case PROPAGATES -> inputMaskShape;
      case PRODUCES ->
          throw new IllegalStateException(
              name() + " produces a mask and must override outputMaskShape");
    };
  }

  /**
   * Defines the layer in {@code sd}.
   *
   * @param sd the graph
   * @param in the input values, their shapes, the optional mask and the parameter context
   * @return the outputs with the shapes of {@link #outputShapes} and the mask of {@link
   *     #outputMaskShape}
   * @throws IllegalArgumentException on wrong input count, wrong shapes or an unsupported mask
   */
  LayerOutput define(SameDiff sd, LayerInput in);

  /**
   * Checks the input count and the mask against {@link #maskPolicy()}: call first in {@link
   * #define}.
   */
  default void checkInput(LayerInput in) {
    if (in.values().size() != numInputs()) {
      throw new IllegalArgumentException(
          name() + ".inputs=" + in.values().size() + " must be " + numInputs());
    }
    if (maskPolicy() == MaskPolicy.REJECTS && in.mask().isPresent()) {
      throw new IllegalArgumentException(
          name()
              + ".mask="
              + in.maskShape().orElseThrow()
              + " must be absent: this layer rejects masks (MaskPolicy.REJECTS)");
    }
  }
}
