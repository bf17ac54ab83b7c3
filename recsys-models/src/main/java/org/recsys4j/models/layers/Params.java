package org.recsys4j.models.layers;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.factory.Nd4j;
import org.recsys4j.core.layer.DefineContext;

/** Parameter helpers that {@link DefineContext#param} does not cover. */
public final class Params {
  private Params() {}

  /**
   * Creates (or returns, when it exists) the variable {@code layer/param} filled with ones, in the
   * context's data type (normalisation scales, moving variances). Deterministic, like every
   * parameter.
   */
  public static SDVariable ones(
      SameDiff sd, DefineContext ctx, String layer, String param, long... shape) {
    String name = layer + "/" + param;
    if (sd.hasVariable(name)) {
      return sd.getVariable(name);
    }
    return sd.var(name, Nd4j.ones(ctx.dataType(), shape));
  }
}
