package org.recsys4j.models.layers;

/** Plain-Java reference of inverted dropout given its noise: {@code y = x ⊙ ξ}. */
public final class DropoutReference {
  private DropoutReference() {}

  /** {@code y_i = x_i·ξ_i}. */
  public static double[] apply(double[] x, double[] noise) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i] * noise[i];
    }
    return y;
  }
}
