package org.recsys4j.models.layers;

import org.recsys4j.core.layer.LayerInput;
import org.recsys4j.core.layer.Shape;

/** Mask helpers shared by the layers of this module. */
public final class Masks {
  private Masks() {}

  /**
   * Checks that an input mask, when present, is {@code [B,n]} where {@code n} is dimension 1 of the
   * first value.
   *
   * @throws IllegalArgumentException naming the layer, the mask shape and the rule
   */
  public static void checkAligned(String layer, LayerInput in) {
    if (in.maskShape().isEmpty()) {
      return;
    }
    Shape m = in.maskShape().get();
    Shape v = in.shape();
    boolean ok = m.rank() == 2 && v.rank() >= 2 && m.dim(1) == v.dim(1) && m.dim(0) == v.dim(0);
    if (!ok) {
      throw new IllegalArgumentException(
          layer
              + ".mask="
              + m
              + " must be [B,"
              + (v.rank() >= 2 ? v.dim(1) : "?")
              + "] to match input "
              + v);
    }
  }
}
