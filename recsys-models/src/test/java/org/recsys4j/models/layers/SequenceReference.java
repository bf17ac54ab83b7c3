package org.recsys4j.models.layers;

import java.util.List;
import org.recsys4j.models.layers.dense.Activation;
import org.recsys4j.models.layers.sequence.AttentionNormalization;
import org.recsys4j.models.layers.sequence.AttentionPooling;
import org.recsys4j.models.layers.sequence.Gru;
import org.recsys4j.models.layers.sequence.GruKind;

/** Plain loops for the sequence layers, in double, over row-major arrays. */
final class SequenceReference {
  private SequenceReference() {}

  /** A parameter's values by name (from the built graph). */
  interface Params {
    double[] get(String name);
  }

  /**
   * DIN attention pooling: returns {pooled [B·D], weights [B·T]}; {@code mask} null means all
   * valid; {@code training} selects Dice's batch statistics over the unmasked steps.
   */
  static double[][] attention(
      AttentionPooling layer,
      double[] keys,
      double[] query,
      double[] mask,
      int b,
      int t,
      int d,
      Params p,
      boolean training) {
    String n = layer.name();
    List<Integer> units = layer.units();
    int rows = b * t;
    double[][] x = new double[rows][];
    // first layer over [q, k, q−k, q⊙k] with W = [Wq; Wk; Wd; Wp]
    double[] wq = p.get(n + "/Wq");
    double[] wk = p.get(n + "/Wk");
    double[] wd = p.get(n + "/Wd");
    double[] wp = p.get(n + "/Wp");
    double[] b0 = p.get(n + "/b0");
    int h = units.get(0);
    for (int i = 0; i < b; i++) {
      for (int s = 0; s < t; s++) {
        double[] z = b0.clone();
        for (int j = 0; j < h; j++) {
          for (int k = 0; k < d; k++) {
            double q = query[i * d + k];
            double kv = keys[(i * t + s) * d + k];
            z[j] +=
                q * wq[k * h + j]
                    + kv * wk[k * h + j]
                    + (q - kv) * wd[k * h + j]
                    + q * kv * wp[k * h + j];
          }
        }
        x[i * t + s] = z;
      }
    }
    x = act(layer, 0, x, mask, p, training);
    for (int l = 1; l < units.size(); l++) {
      x = dense(x, p.get(n + "/W" + l), p.get(n + "/b" + l), units.get(l));
      x = act(layer, l, x, mask, p, training);
    }
    double[][] sc = dense(x, p.get(n + "/Wout"), p.get(n + "/bout"), 1);
    if (layer.recencyBias()) {
      // + β[r], r = the number of real steps after the step in its row
      double[] beta = p.get(n + "/recency");
      for (int i = 0; i < b; i++) {
        int after = 0;
        for (int s = t - 1; s >= 0; s--) {
          sc[i * t + s][0] += beta[after];
          if (valid(mask, i * t + s)) {
            after++;
          }
        }
      }
    }
    double[] w = new double[rows];
    for (int i = 0; i < b; i++) {
      if (layer.normalization() == AttentionNormalization.SOFTMAX) {
        double max = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < t; s++) {
          if (valid(mask, i * t + s)) {
            max = Math.max(max, sc[i * t + s][0]);
          }
        }
        double sum = 0;
        for (int s = 0; s < t; s++) {
          if (valid(mask, i * t + s)) {
            sum += Math.exp(sc[i * t + s][0] - max);
          }
        }
        for (int s = 0; s < t; s++) {
          w[i * t + s] = valid(mask, i * t + s) ? Math.exp(sc[i * t + s][0] - max) / sum : 0;
        }
      } else {
        for (int s = 0; s < t; s++) {
          w[i * t + s] = valid(mask, i * t + s) ? sc[i * t + s][0] : 0;
        }
      }
    }
    double[] pooled = new double[b * d];
    for (int i = 0; i < b; i++) {
      for (int s = 0; s < t; s++) {
        for (int k = 0; k < d; k++) {
          pooled[i * d + k] += w[i * t + s] * keys[(i * t + s) * d + k];
        }
      }
    }
    return new double[][] {pooled, w};
  }

  private static boolean valid(double[] mask, int i) {
    return mask == null || mask[i] != 0;
  }

  private static double[][] dense(double[][] x, double[] w, double[] bias, int out) {
    int in = x[0].length;
    double[][] y = new double[x.length][out];
    for (int r = 0; r < x.length; r++) {
      for (int j = 0; j < out; j++) {
        double z = bias[j];
        for (int k = 0; k < in; k++) {
          z += x[r][k] * w[k * out + j];
        }
        y[r][j] = z;
      }
    }
    return y;
  }

  private static double[][] act(
      AttentionPooling layer, int l, double[][] z, double[] mask, Params p, boolean training) {
    Activation a = layer.activation();
    int h = z[0].length;
    double[][] y = new double[z.length][h];
    double[] alpha = a.isParametric() ? p.get(layer.name() + "/alpha" + l) : null;
    double[] mu = new double[h];
    double[] var = new double[h];
    if (a == Activation.DICE) {
      if (training) {
        double cnt = 0;
        for (int r = 0; r < z.length; r++) {
          if (valid(mask, r)) {
            cnt++;
            for (int j = 0; j < h; j++) {
              mu[j] += z[r][j];
            }
          }
        }
        cnt = Math.max(1, cnt);
        for (int j = 0; j < h; j++) {
          mu[j] /= cnt;
        }
        for (int r = 0; r < z.length; r++) {
          if (valid(mask, r)) {
            for (int j = 0; j < h; j++) {
              var[j] += (z[r][j] - mu[j]) * (z[r][j] - mu[j]);
            }
          }
        }
        for (int j = 0; j < h; j++) {
          var[j] /= cnt;
        }
      } else {
        mu = p.get(layer.name() + "/dice" + l + "_moving_mean");
        var = p.get(layer.name() + "/dice" + l + "_moving_var");
      }
    }
    for (int r = 0; r < z.length; r++) {
      for (int j = 0; j < h; j++) {
        double v = z[r][j];
        y[r][j] =
            switch (a) {
              case RELU -> Math.max(0, v);
              case TANH -> Math.tanh(v);
              case SIGMOID -> 1 / (1 + Math.exp(-v));
              case LINEAR -> v;
              case PRELU -> v > 0 ? v : alpha[j] * v;
              case DICE -> {
                double pr =
                    1
                        / (1
                            + Math.exp(
                                -(v - mu[j]) / Math.sqrt(var[j] + AttentionPooling.DICE_EPSILON)));
                yield pr * v + (1 - pr) * alpha[j] * v;
              }
            };
      }
    }
    return y;
  }

  /** The GRU family: every state {@code [B·T·H]}; {@code att} null for GRU. */
  static double[] gru(
      Gru layer, double[] x, double[] att, double[] mask, int b, int t, int d, Params p) {
    String n = layer.name();
    int h = layer.hiddenSize();
    double[] out = new double[b * t * h];
    for (int i = 0; i < b; i++) {
      double[] state = new double[h];
      for (int s = 0; s < t; s++) {
        double[] xs = java.util.Arrays.copyOfRange(x, (i * t + s) * d, (i * t + s + 1) * d);
        double[] r = gate(xs, state, p.get(n + "/W_r"), p.get(n + "/U_r"), p.get(n + "/b_r"), h);
        for (int j = 0; j < h; j++) {
          r[j] = sigmoid(r[j]);
        }
        double[] rh = new double[h];
        for (int j = 0; j < h; j++) {
          rh[j] = r[j] * state[j];
        }
        double[] c = gate(xs, rh, p.get(n + "/W_h"), p.get(n + "/U_h"), p.get(n + "/b_h"), h);
        double[] g = new double[h];
        double a = att == null ? 1 : att[i * t + s];
        double m = mask == null ? 1 : mask[i * t + s];
        double[] u =
            layer.kind() == GruKind.AGRU
                ? null
                : gate(xs, state, p.get(n + "/W_u"), p.get(n + "/U_u"), p.get(n + "/b_u"), h);
        for (int j = 0; j < h; j++) {
          double gate =
              switch (layer.kind()) {
                case GRU -> sigmoid(u[j]);
                case AGRU -> a;
                case AUGRU -> a * sigmoid(u[j]);
              };
          g[j] = gate * m;
        }
        for (int j = 0; j < h; j++) {
          state[j] = (1 - g[j]) * state[j] + g[j] * Math.tanh(c[j]);
        }
        System.arraycopy(state, 0, out, (i * t + s) * h, h);
      }
    }
    return out;
  }

  /** {@code x W + v U + b}, x {@code [D]}, v {@code [H]}. */
  private static double[] gate(
      double[] x, double[] v, double[] w, double[] u, double[] bias, int h) {
    double[] z = bias.clone();
    for (int j = 0; j < h; j++) {
      for (int k = 0; k < x.length; k++) {
        z[j] += x[k] * w[k * h + j];
      }
      for (int k = 0; k < h; k++) {
        z[j] += v[k] * u[k * h + j];
      }
    }
    return z;
  }

  static double sigmoid(double v) {
    return 1 / (1 + Math.exp(-v));
  }

  static double softplus(double v) {
    return Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
  }

  /** DIEN's auxiliary loss per row {@code [B]}. */
  static double[] auxLoss(
      double[] h, double[] pos, double[] neg, double[] mask, int b, int t, int d) {
    double[] out = new double[b];
    for (int i = 0; i < b; i++) {
      double sum = 0;
      double cnt = 0;
      for (int s = 0; s + 1 < t; s++) {
        double v = mask == null ? 1 : mask[i * t + s] * mask[i * t + s + 1];
        double sp = 0;
        double sn = 0;
        for (int k = 0; k < d; k++) {
          sp += h[(i * t + s) * d + k] * pos[(i * t + s + 1) * d + k];
          sn += h[(i * t + s) * d + k] * neg[(i * t + s + 1) * d + k];
        }
        sum += v * (softplus(-sp) + softplus(sn));
        cnt += v;
      }
      out[i] = mask == null ? sum / (t - 1) : sum / Math.max(1, cnt);
    }
    return out;
  }
}
