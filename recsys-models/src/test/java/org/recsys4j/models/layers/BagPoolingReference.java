package org.recsys4j.models.layers;

import org.recsys4j.core.spec.Pooling;

/** Plain-Java reference of bag pooling over G groups (G = B or B·F) of L slots of width D. */
public final class BagPoolingReference {
  private BagPoolingReference() {}

  /**
   * {@code x [G,L,D]}, mask {@code [G,L]} (null = all valid); returns {@code [G,D]}: the masked
   * sum, divided by the valid count (at least 1) for MEAN.
   */
  public static double[] pool(double[] x, double[] mask, int g, int l, int d, Pooling pooling) {
    double[] y = new double[g * d];
    for (int i = 0; i < g; i++) {
      double count = 0;
      for (int s = 0; s < l; s++) {
        double m = mask == null ? 1 : mask[i * l + s];
        count += m;
        for (int k = 0; k < d; k++) {
          y[i * d + k] += m * x[(i * l + s) * d + k];
        }
      }
      if (pooling == Pooling.MEAN) {
        for (int k = 0; k < d; k++) {
          y[i * d + k] /= Math.max(1, count);
        }
      }
    }
    return y;
  }
}
