package org.recsys4j.core.layer;

import java.util.List;
import java.util.Optional;
import org.nd4j.autodiff.samediff.SDVariable;
import org.recsys4j.core.Check;

/**
 * The outputs of a layer in a graph: one or more values with their shapes and an optional mask.
 *
 * @param values graph variables, at least one
 * @param shapes their shapes, as returned by {@link Layer#outputShapes}
 * @param mask the output mask, present exactly when {@link Layer#outputMaskShape} is
 * @param maskShape the mask's shape
 */
public record LayerOutput(
    List<SDVariable> values,
    List<Shape> shapes,
    Optional<SDVariable> mask,
    Optional<Shape> maskShape) {

  /** Validates that values and shapes line up. */
  public LayerOutput {
    values = List.copyOf(values);
    shapes = List.copyOf(shapes);
    Check.arg(!values.isEmpty(), "output.values.size", 0, "must be >= 1");
    Check.arg(
        values.size() == shapes.size(),
        "output.shapes.size",
        shapes.size(),
        "must equal output.values.size=" + values.size());
    Check.arg(
        mask.isPresent() == maskShape.isPresent(),
        "output.maskShape",
        maskShape,
        "must be present exactly when a mask is");
  }

  /** One value without a mask. */
  public static LayerOutput of(SDVariable value, Shape shape) {
    return new LayerOutput(List.of(value), List.of(shape), Optional.empty(), Optional.empty());
  }

  /** One value with a mask. */
  public static LayerOutput masked(
      SDVariable value, Shape shape, SDVariable mask, Shape maskShape) {
    return new LayerOutput(
        List.of(value), List.of(shape), Optional.of(mask), Optional.of(maskShape));
  }

  /** The first value. */
  public SDVariable value() {
    return values.get(0);
  }

  /** The first value's shape. */
  public Shape shape() {
    return shapes.get(0);
  }

  /** This output, mask included, as the input of the next layer. */
  public LayerInput asInput(DefineContext context) {
    return new LayerInput(values, shapes, mask, maskShape, context);
  }
}
