package org.recsys4j.core.layer;

import java.util.List;
import java.util.Optional;
import org.nd4j.autodiff.samediff.SDVariable;
import org.recsys4j.core.Check;

/**
 * The inputs of a layer in a graph: one or more values with their shapes, an optional mask with its
 * shape, and the {@link DefineContext} for parameters.
 *
 * <p>The mask, when present, is a float array of 1 (valid) and 0 (padding) shaped {@code [B,F]} or
 * {@code [B,T]}, aligned with dimension 1 of the first value.
 *
 * @param values graph variables, at least one
 * @param shapes their shapes, one per value
 * @param mask the optional mask
 * @param maskShape the mask's shape, present exactly when {@code mask} is
 * @param context parameter data type and seed
 */
public record LayerInput(
    List<SDVariable> values,
    List<Shape> shapes,
    Optional<SDVariable> mask,
    Optional<Shape> maskShape,
    DefineContext context) {

  /** Validates that values and shapes line up and that mask and mask shape come together. */
  public LayerInput {
    values = List.copyOf(values);
    shapes = List.copyOf(shapes);
    Check.arg(!values.isEmpty(), "input.values.size", 0, "must be >= 1");
    Check.arg(
        values.size() == shapes.size(),
        "input.shapes.size",
        shapes.size(),
        "must equal input.values.size=" + values.size());
    Check.arg(
        mask.isPresent() == maskShape.isPresent(),
        "input.maskShape",
        maskShape,
        "must be present exactly when a mask is");
    Check.notNull("input.context", context);
  }

  /** One value without a mask. */
  public static LayerInput of(SDVariable value, Shape shape, DefineContext context) {
    return new LayerInput(
        List.of(value), List.of(shape), Optional.empty(), Optional.empty(), context);
  }

  /** One value with a mask. */
  public static LayerInput masked(
      SDVariable value, Shape shape, SDVariable mask, Shape maskShape, DefineContext context) {
    return new LayerInput(
        List.of(value), List.of(shape), Optional.of(mask), Optional.of(maskShape), context);
  }

  /** The first value. */
  public SDVariable value() {
    return values.get(0);
  }

  /** The first value's shape. */
  public Shape shape() {
    return shapes.get(0);
  }

  /** The same values without their mask. */
  public LayerInput withoutMask() {
    return new LayerInput(values, shapes, Optional.empty(), Optional.empty(), context);
  }
}
