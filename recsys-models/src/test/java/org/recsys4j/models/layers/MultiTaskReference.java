package org.recsys4j.models.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.VariableType;
import org.recsys4j.models.layers.dense.Activation;
import org.recsys4j.models.layers.multitask.MultiGateMixture;
import org.recsys4j.models.layers.multitask.ProgressiveExtraction;

/**
 * Plain-Java references of the multi-task and debiasing layers, reading the parameters of a built
 * graph: ESMM's product, expert towers, softmax gates, MMoE, PLE and the position tower.
 */
public final class MultiTaskReference {
  private MultiTaskReference() {}

  /** {@code σ(a)·σ(c)} for logits, {@code a·c} for probabilities; {@code [B]}. */
  public static double[] esmm(double[] a, double[] c, boolean logits) {
    double[] y = new double[a.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = logits ? sigmoid(a[i]) * sigmoid(c[i]) : a[i] * c[i];
    }
    return y;
  }

  /** The logistic function. */
  public static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  /** Overwrites every parameter (a variable named {@code layer/param}) with values in [-1, 1). */
  public static void randomizeParams(LayerCase.Built b, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    for (SDVariable v : b.sd().variables()) {
      if (v.getVariableType() == VariableType.VARIABLE && v.name().contains("/")) {
        b.setParam(v.name(), TestArrays.uniform(r, (int) v.getArr().length(), -1, 1));
      }
    }
  }

  /**
   * An MLP with the given activations over {@code x [B,n]}, parameters {@code <mlp>/W<k>, b<k>}.
   */
  public static double[] mlp(
      LayerCase.Built b,
      String mlp,
      double[] x,
      int batch,
      int n,
      List<Integer> units,
      Activation hidden,
      Activation last) {
    double[] h = x;
    for (int k = 0; k < units.size(); k++) {
      Activation act = k == units.size() - 1 ? last : hidden;
      h =
          MlpReference.dense(
              h, b.param(mlp + "/W" + k), b.param(mlp + "/b" + k), batch, n, units.get(k), act);
      n = units.get(k);
    }
    return h;
  }

  /** An expert: ReLU on every layer. */
  static double[] expert(
      LayerCase.Built b, String name, double[] x, int batch, int n, List<Integer> units) {
    return mlp(b, name, x, batch, n, units, Activation.RELU, Activation.RELU);
  }

  /** {@code Σ_j softmax(g W + bias)_j e_j}, or the expert itself when there is one. */
  static double[] mix(
      LayerCase.Built b,
      String layer,
      String gate,
      double[] g,
      int batch,
      int fanIn,
      List<double[]> experts,
      int h) {
    int e = experts.size();
    if (e == 1) {
      return experts.get(0);
    }
    double[] w = b.param(layer + "/" + gate + "_W");
    double[] bias = b.param(layer + "/" + gate + "_b");
    double[] z = MlpReference.dense(g, w, bias, batch, fanIn, e, Activation.LINEAR);
    double[] y = new double[batch * h];
    for (int i = 0; i < batch; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < e; j++) {
        max = Math.max(max, z[i * e + j]);
      }
      double sum = 0;
      for (int j = 0; j < e; j++) {
        sum += Math.exp(z[i * e + j] - max);
      }
      for (int j = 0; j < e; j++) {
        double gj = Math.exp(z[i * e + j] - max) / sum;
        for (int k = 0; k < h; k++) {
          y[i * h + k] += gj * experts.get(j)[i * h + k];
        }
      }
    }
    return y;
  }

  /** MMoE's K outputs, each {@code [B,H]}. */
  public static List<double[]> mmoe(
      LayerCase.Built b, MultiGateMixture m, double[] x, int batch, int n) {
    int h = m.expertUnits().get(m.expertUnits().size() - 1);
    List<double[]> experts = new ArrayList<>();
    for (int j = 0; j < m.numExperts(); j++) {
      experts.add(expert(b, m.name() + "_expert" + j, x, batch, n, m.expertUnits()));
    }
    List<double[]> out = new ArrayList<>();
    for (int k = 0; k < m.numTasks(); k++) {
      out.add(mix(b, m.name(), "gate" + k, x, batch, n, experts, h));
    }
    return out;
  }

  /** PLE's K outputs, each {@code [B,H]}. */
  public static List<double[]> ple(
      LayerCase.Built b, ProgressiveExtraction p, double[] x, int batch, int n) {
    int h = p.expertUnits().get(p.expertUnits().size() - 1);
    List<double[]> tasks = new ArrayList<>();
    for (int k = 0; k < p.numTasks(); k++) {
      tasks.add(x);
    }
    double[] shared = x;
    int fanIn = n;
    for (int l = 0; l < p.numLevels(); l++) {
      String lv = p.name() + "_l" + l;
      List<double[]> all = new ArrayList<>();
      List<List<double[]>> taskExp = new ArrayList<>();
      for (int k = 0; k < p.numTasks(); k++) {
        List<double[]> ek = new ArrayList<>();
        for (int j = 0; j < p.taskExperts(); j++) {
          ek.add(expert(b, lv + "_t" + k + "_e" + j, tasks.get(k), batch, fanIn, p.expertUnits()));
        }
        taskExp.add(ek);
        all.addAll(ek);
      }
      List<double[]> sharedExp = new ArrayList<>();
      for (int j = 0; j < p.sharedExperts(); j++) {
        sharedExp.add(expert(b, lv + "_s_e" + j, shared, batch, fanIn, p.expertUnits()));
      }
      all.addAll(sharedExp);
      List<double[]> next = new ArrayList<>();
      for (int k = 0; k < p.numTasks(); k++) {
        List<double[]> pool = new ArrayList<>(taskExp.get(k));
        pool.addAll(sharedExp);
        next.add(mix(b, p.name(), "l" + l + "_t" + k, tasks.get(k), batch, fanIn, pool, h));
      }
      if (l < p.numLevels() - 1) {
        shared = mix(b, p.name(), "l" + l + "_s", shared, batch, fanIn, all, h);
      }
      tasks = next;
      fanIn = h;
    }
    return tasks;
  }
}
