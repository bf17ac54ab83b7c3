package org.recsys4j.models.layers;

import java.util.function.Function;
import org.recsys4j.models.layers.interaction.Cin;

/** Plain-Java reference of xDeepFM's CIN, the loops of the paper's eq. 6 row by row. */
public final class CinReference {
  private CinReference() {}

  /**
   * {@code x [B,F,D]}, mask {@code [B,F]} (null = all valid); {@code param} maps {@code
   * <name>/W<k>} and {@code <name>/b<k>} to their values. Returns {@code [B, outputSize]}.
   */
  public static double[] cin(
      Cin cfg, double[] x, double[] mask, int b, int f, int d, Function<String, double[]> param) {
    int outSize = cfg.outputSize();
    double[] y = new double[b * outSize];
    for (int i = 0; i < b; i++) {
      double[][] x0 = new double[f][d];
      for (int m = 0; m < f; m++) {
        double mv = mask == null ? 1 : mask[i * f + m];
        for (int k = 0; k < d; k++) {
          x0[m][k] = mv * x[(i * f + m) * d + k];
        }
      }
      double[][] prev = x0;
      int col = 0;
      int nLayers = cfg.layerSizes().size();
      for (int layer = 0; layer < nLayers; layer++) {
        int hk = cfg.layerSizes().get(layer);
        int h = prev.length;
        double[] w = param.apply(cfg.name() + "/W" + layer);
        double[] c = param.apply(cfg.name() + "/b" + layer);
        double[][] xk = new double[hk][d];
        for (int j = 0; j < hk; j++) {
          for (int k = 0; k < d; k++) {
            double s = c[j];
            for (int hh = 0; hh < h; hh++) {
              for (int m = 0; m < f; m++) {
                s += w[(hh * f + m) * hk + j] * prev[hh][k] * x0[m][k];
              }
            }
            xk[j][k] = CrossNetworkReference.act(cfg.activation(), new double[] {s})[0];
          }
        }
        boolean split = cfg.splitHalf() && layer < nLayers - 1;
        int from = split ? hk / 2 : 0;
        for (int j = from; j < hk; j++) {
          double s = 0;
          for (int k = 0; k < d; k++) {
            s += xk[j][k];
          }
          y[i * outSize + col++] = s;
        }
        prev = split ? java.util.Arrays.copyOfRange(xk, 0, hk / 2) : xk;
      }
    }
    return y;
  }
}
