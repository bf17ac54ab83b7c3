package org.recsys4j.models.layers;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/** Naming of layer outputs in a graph. */
public final class GraphNames {
  private GraphNames() {}

  /**
   * Gives the freshly computed {@code v} the name {@code name} without adding an op (an identity op
   * would cost a kernel launch per step forward and backward).
   */
  public static SDVariable named(SameDiff sd, SDVariable v, String name) {
    return sd.updateVariableNameAndReference(v, name);
  }
}
