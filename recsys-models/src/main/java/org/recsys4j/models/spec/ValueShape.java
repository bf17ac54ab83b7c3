package org.recsys4j.models.spec;

import java.util.List;
import java.util.Optional;
import org.recsys4j.core.layer.Shape;

/**
 * The shapes of a value of a model (an input, a lookup or a node): its outputs and its mask.
 *
 * @param shapes one shape per output
 * @param mask the mask's shape, if the value carries one
 */
public record ValueShape(List<Shape> shapes, Optional<Shape> mask) {
  /** Copies. */
  public ValueShape {
    shapes = List.copyOf(shapes);
  }
}
