package org.recsys4j.models.layers;

import java.util.function.Function;
import org.recsys4j.models.layers.dense.Activation;
import org.recsys4j.models.layers.interaction.CrossNetworkV2;

/** Plain-Java references of the DCN (v1) and DCN-V2 cross networks, row by row. */
public final class CrossNetworkReference {
  private CrossNetworkReference() {}

  /**
   * DCN v1: {@code x_{l+1} = x_0 (x_l·w_l) + b_l + x_l} for {@code x [B,N]}; {@code param} maps a
   * graph variable name ({@code <name>/w<l>}, {@code <name>/b<l>}) to its values.
   */
  public static double[] crossV1(
      String name, int layers, double[] x, int b, int n, Function<String, double[]> param) {
    double[] y = new double[b * n];
    for (int i = 0; i < b; i++) {
      double[] x0 = java.util.Arrays.copyOfRange(x, i * n, (i + 1) * n);
      double[] xl = x0.clone();
      for (int l = 0; l < layers; l++) {
        double[] w = param.apply(name + "/w" + l);
        double[] bias = param.apply(name + "/b" + l);
        double s = 0;
        for (int k = 0; k < n; k++) {
          s += xl[k] * w[k];
        }
        double[] next = new double[n];
        for (int k = 0; k < n; k++) {
          next[k] = x0[k] * s + bias[k] + xl[k];
        }
        xl = next;
      }
      System.arraycopy(xl, 0, y, i * n, n);
    }
    return y;
  }

  /** DCN-V2 in all three kinds, as written in {@link CrossNetworkV2}'s Javadoc. */
  public static double[] crossV2(
      CrossNetworkV2 cfg, double[] x, int b, int n, Function<String, double[]> param) {
    String p = cfg.name() + "/";
    int r = cfg.rank();
    double[] y = new double[b * n];
    for (int i = 0; i < b; i++) {
      double[] x0 = java.util.Arrays.copyOfRange(x, i * n, (i + 1) * n);
      double[] xl = x0.clone();
      for (int l = 0; l < cfg.numLayers(); l++) {
        double[] bias = param.apply(p + "b" + l);
        double[] mixed = new double[n];
        switch (cfg.kind()) {
          case FULL -> {
            double[] z = rowTimes(xl, param.apply(p + "W" + l), n, n);
            mixed = hadamardPlusBias(x0, z, bias);
          }
          case LOW_RANK -> {
            double[] h = rowTimes(xl, param.apply(p + "V" + l), n, r);
            double[] z = rowTimesTransposed(h, param.apply(p + "U" + l), r, n);
            mixed = hadamardPlusBias(x0, z, bias);
          }
          case MIXTURE -> {
            int k = cfg.numExperts();
            double[] gate = new double[] {1};
            if (k > 1) {
              gate = softmax(rowTimes(xl, param.apply(p + "gate" + l), n, k));
            }
            for (int e = 0; e < k; e++) {
              String s = l + "_" + e;
              Activation g = cfg.lowRankActivation();
              double[] h = act(g, rowTimes(xl, param.apply(p + "V" + s), n, r));
              h = act(g, rowTimesTransposed(h, param.apply(p + "C" + s), r, r));
              double[] z = rowTimesTransposed(h, param.apply(p + "U" + s), r, n);
              double[] ex = hadamardPlusBias(x0, z, bias);
              for (int j = 0; j < n; j++) {
                mixed[j] += gate[e] * ex[j];
              }
            }
          }
          default -> throw new IllegalStateException();
        }
        for (int j = 0; j < n; j++) {
          xl[j] += mixed[j];
        }
      }
      System.arraycopy(xl, 0, y, i * n, n);
    }
    return y;
  }

  /** {@code v [K]} times {@code w [K,M]}. */
  static double[] rowTimes(double[] v, double[] w, int k, int m) {
    double[] out = new double[m];
    for (int j = 0; j < m; j++) {
      for (int q = 0; q < k; q++) {
        out[j] += v[q] * w[q * m + j];
      }
    }
    return out;
  }

  /** {@code v [K]} times {@code w^T} for {@code w [M,K]}. */
  static double[] rowTimesTransposed(double[] v, double[] w, int k, int m) {
    double[] out = new double[m];
    for (int j = 0; j < m; j++) {
      for (int q = 0; q < k; q++) {
        out[j] += v[q] * w[j * k + q];
      }
    }
    return out;
  }

  private static double[] hadamardPlusBias(double[] x0, double[] z, double[] bias) {
    double[] out = new double[x0.length];
    for (int j = 0; j < out.length; j++) {
      out[j] = x0[j] * (z[j] + bias[j]);
    }
    return out;
  }

  private static double[] softmax(double[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, v);
    }
    double sum = 0;
    double[] out = new double[z.length];
    for (int i = 0; i < z.length; i++) {
      out[i] = Math.exp(z[i] - max);
      sum += out[i];
    }
    for (int i = 0; i < z.length; i++) {
      out[i] /= sum;
    }
    return out;
  }

  static double[] act(Activation a, double[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] =
          switch (a) {
            case RELU -> Math.max(0, v[i]);
            case TANH -> Math.tanh(v[i]);
            case SIGMOID -> 1 / (1 + Math.exp(-v[i]));
            case LINEAR -> v[i];
            case PRELU, DICE -> throw new IllegalArgumentException(a + " has parameters");
          };
    }
    return out;
  }
}
