package org.recsys4j.models.serve;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.recsys4j.models.layers.combine.LogitSum;
import org.recsys4j.models.layers.interaction.FmCross;
import org.recsys4j.models.layers.interaction.LinearTerm;
import org.recsys4j.models.params.ModelSnapshot;
import org.recsys4j.models.serve.RequestLayout.Batches;
import org.recsys4j.models.serve.RequestLayout.InputPlan;
import org.recsys4j.models.spec.Head;
import org.recsys4j.models.spec.HeadOutput;
import org.recsys4j.models.spec.Lookup;
import org.recsys4j.models.spec.MaskUse;
import org.recsys4j.models.spec.ModelSpec;
import org.recsys4j.models.spec.Node;

/**
 * The fused plain-Java scorer of models whose every head is a logit made of sums of {@link
 * LinearTerm}s and {@link FmCross}es over lookups ({@link LogitSum}s combine them): logistic
 * regression and factorization machines, whatever their recipe.
 *
 * <p>Each head's logit is {@code z = c + Σ_t k_t·term_t} with {@code term = Σ_f w[id_f]} (linear,
 * plus its bias in {@code c}) or {@code term = ½ Σ_d [(Σ_f v[id_f,d])² − Σ_f v[id_f,d]²]} (FM).
 * Both are sums over positions, so a request's user positions are summed once ({@code Σ w}, {@code
 * Σ v}, {@code Σ v²}) and each candidate adds only its own positions: O(C·D) per candidate for C
 * candidate positions. Linear sums are double; a node with {@link MaskUse#PASS} skips padding id 0
 * (the graph multiplies it by the mask), one with {@code DROP} reads row 0 as the graph does.
 */
final class FusedLogit {
  private enum Kind {
    LINEAR,
    FM
  }

  /** One linear or FM term over one lookup. */
  private record Term(
      Kind kind,
      InputPlan input,
      float[][] tables,
      int dim,
      boolean masked,
      int[] userPos,
      int[] candidatePos,
      int[] allPos) {}

  private final List<Term> terms;
  private final String[] heads;
  private final double[][] coefficients;
  private final double[] constants;

  private FusedLogit(
      List<Term> terms, String[] heads, double[][] coefficients, double[] constants) {
    this.terms = terms;
    this.heads = heads;
    this.coefficients = coefficients;
    this.constants = constants;
  }

  /** Coefficients of the terms (by term index) and the constant a node's value is made of. */
  private record Sum(Map<Integer, Double> coefficients, double constant) {
    Sum plus(Sum o) {
      Map<Integer, Double> c = new HashMap<>(coefficients);
      o.coefficients.forEach((k, v) -> c.merge(k, v, Double::sum));
      return new Sum(c, constant + o.constant);
    }
  }

  /**
   * The fused scorer of {@code snapshot}'s model, or empty when the model has another shape (any
   * other layer, a probability head, a numeric input in a sum).
   */
  static Optional<FusedLogit> plan(ModelSnapshot snapshot, RequestLayout layout) {
    ModelSpec spec = snapshot.spec();
    Map<String, Lookup> lookups = new HashMap<>();
    for (Lookup lk : spec.lookups()) {
      lookups.put(lk.name(), lk);
    }
    List<Term> terms = new ArrayList<>();
    Map<String, Sum> values = new LinkedHashMap<>();
    for (Node n : spec.nodes()) {
      Sum s;
      if (n.layer() instanceof LinearTerm || n.layer() instanceof FmCross) {
        Lookup lk = lookups.get(ModelSpec.parseRef(n.inputs().get(0)).getKey());
        if (lk == null) {
          return Optional.empty();
        }
        boolean linear = n.layer() instanceof LinearTerm;
        terms.add(term(snapshot, layout, lk, linear ? Kind.LINEAR : Kind.FM, n.mask()));
        double bias = linear && ((LinearTerm) n.layer()).useBias() ? bias(snapshot, n.name()) : 0.0;
        s = new Sum(Map.of(terms.size() - 1, 1.0), bias);
      } else if (n.layer() instanceof LogitSum ls) {
        s = new Sum(Map.of(), ls.useBias() ? bias(snapshot, n.name()) : 0.0);
        for (String ref : n.inputs()) {
          Sum in = values.get(ModelSpec.parseRef(ref).getKey());
          if (in == null) {
            return Optional.empty();
          }
          s = s.plus(in);
        }
      } else {
        return Optional.empty();
      }
      values.put(n.name(), s);
    }
    String[] heads = new String[spec.heads().size()];
    double[][] coefficients = new double[heads.length][terms.size()];
    double[] constants = new double[heads.length];
    for (int h = 0; h < heads.length; h++) {
      Head head = spec.heads().get(h);
      Sum s = values.get(ModelSpec.parseRef(head.output()).getKey());
      if (head.kind() != HeadOutput.LOGIT || s == null) {
        return Optional.empty();
      }
      heads[h] = head.name();
      for (Map.Entry<Integer, Double> e : s.coefficients().entrySet()) {
        coefficients[h][e.getKey()] = e.getValue();
      }
      // the inference graph's correction for down-sampled negatives: z + log r (Head docs)
      constants[h] = s.constant() + Math.log(head.negativeSampleRate());
    }
    return Optional.of(new FusedLogit(terms, heads, coefficients, constants));
  }

  private static double bias(ModelSnapshot snapshot, String layer) {
    return snapshot.denseTensor(layer + "/bias").values()[0];
  }

  private static Term term(
      ModelSnapshot snapshot, RequestLayout layout, Lookup lk, Kind kind, MaskUse mask) {
    InputPlan in = layout.plan(lk.input());
    int w = in.input().width();
    float[][] tables = new float[w][];
    int dim = -1;
    for (int f = 0; f < w; f++) {
      var t = snapshot.table(lk.tableAt(in.input(), f));
      tables[f] = t.values();
      dim = t.dim();
    }
    List<Integer> user = new ArrayList<>();
    List<Integer> cand = new ArrayList<>();
    int[] all = new int[w];
    for (int f = 0; f < w; f++) {
      (in.user()[f] ? user : cand).add(f);
      all[f] = f;
    }
    boolean masked = mask == MaskUse.PASS;
    return new Term(
        kind,
        in,
        tables,
        dim,
        masked,
        user.stream().mapToInt(Integer::intValue).toArray(),
        cand.stream().mapToInt(Integer::intValue).toArray(),
        all);
  }

  /** Every head's probabilities for the call's rows. */
  Map<String, float[]> score(Batches b) {
    int n = b.size();
    double[][] logits = new double[heads.length][n];
    for (int h = 0; h < heads.length; h++) {
      java.util.Arrays.fill(logits[h], constants[h]);
    }
    touch(b);
    double[] term = new double[n];
    for (int t = 0; t < terms.size(); t++) {
      Term tm = terms.get(t);
      if (tm.kind() == Kind.LINEAR) {
        linear(tm, b, term);
      } else {
        fm(tm, b, term);
      }
      for (int h = 0; h < heads.length; h++) {
        double k = coefficients[h][t];
        if (k != 0) {
          double[] z = logits[h];
          for (int i = 0; i < n; i++) {
            z[i] += k * term[i];
          }
        }
      }
    }
    Map<String, float[]> out = new LinkedHashMap<>();
    for (int h = 0; h < heads.length; h++) {
      float[] p = new float[n];
      for (int i = 0; i < n; i++) {
        p[i] = (float) (1.0 / (1.0 + Math.exp(-logits[h][i])));
      }
      out.put(heads[h], p);
    }
    return out;
  }

  /** Keeps the JIT from dropping {@link #touch}'s loads. */
  @SuppressWarnings("unused")
  private volatile float sink;

  /**
   * Reads the first and last value of every candidate row of every term before the sums: the loads
   * are independent, so their cache and TLB misses overlap (a table of 2^16 rows of dim 16 does not
   * fit in cache, and a random row costs a miss of ~0.1 us when loads wait on each other); the sums
   * then read from cache. Measured by {@code bench.ScoringBench}.
   */
  private void touch(Batches b) {
    float acc = 0;
    for (Term tm : terms) {
      int[] pos = b.user() != null ? tm.candidatePos() : tm.allPos();
      if (pos.length == 0) {
        continue;
      }
      int w = tm.input().input().width();
      int d = tm.dim();
      int[] ids = b.candidates().ints().get(tm.input().input().name());
      float[][] tables = tm.tables();
      for (int i = 0, n = b.size(); i < n; i++) {
        int base = i * w;
        for (int f : pos) {
          int o = ids[base + f] * d;
          float[] t = tables[f];
          acc += t[o] + t[o + d - 1];
        }
      }
    }
    sink = acc;
  }

  private static void linear(Term tm, Batches b, double[] out) {
    String name = tm.input().input().name();
    int w = tm.input().input().width();
    boolean request = b.user() != null;
    double user = 0;
    if (request) {
      int[] ids = b.user().ints().get(name);
      for (int f : tm.userPos()) {
        int id = ids[f];
        if (!(tm.masked() && id == 0)) {
          user += tm.tables()[f][id];
        }
      }
    }
    int[] pos = request ? tm.candidatePos() : tm.allPos();
    if (pos.length == 0) {
      java.util.Arrays.fill(out, 0, b.size(), user);
      return;
    }
    int[] ids = b.candidates().ints().get(name);
    float[][] tables = tm.tables();
    for (int i = 0, n = b.size(); i < n; i++) {
      double v = user;
      int base = i * w;
      for (int f : pos) {
        int id = ids[base + f];
        if (!(tm.masked() && id == 0)) {
          v += tables[f][id];
        }
      }
      out[i] = v;
    }
  }

  private static void fm(Term tm, Batches b, double[] out) {
    String name = tm.input().input().name();
    int w = tm.input().input().width();
    int d = tm.dim();
    boolean request = b.user() != null;
    float[] userSum = new float[d];
    float[] userSquares = new float[d];
    float[][] tables = tm.tables();
    if (request) {
      int[] ids = b.user().ints().get(name);
      for (int f : tm.userPos()) {
        int id = ids[f];
        if (!(tm.masked() && id == 0)) {
          float[] t = tables[f];
          for (int k = 0, o = id * d; k < d; k++) {
            userSum[k] += t[o + k];
            userSquares[k] += t[o + k] * t[o + k];
          }
        }
      }
    }
    int[] pos = request ? tm.candidatePos() : tm.allPos();
    int[] ids = pos.length == 0 ? null : b.candidates().ints().get(name);
    int n = b.size();
    // per candidate i: sums at [i*d, i*d+d); fields outer, candidates inner
    float[] sum = new float[n * d];
    float[] squares = new float[n * d];
    for (int i = 0; i < n; i++) {
      System.arraycopy(userSum, 0, sum, i * d, d);
      System.arraycopy(userSquares, 0, squares, i * d, d);
    }
    boolean masked = tm.masked();
    for (int f : pos) {
      float[] t = tables[f];
      for (int i = 0; i < n; i++) {
        int id = ids[i * w + f];
        if (!(masked && id == 0)) {
          int o = id * d;
          int s = i * d;
          for (int k = 0; k < d; k++) {
            float v = t[o + k];
            sum[s + k] += v;
            squares[s + k] += v * v;
          }
        }
      }
    }
    for (int i = 0; i < n; i++) {
      double y = 0;
      for (int k = 0, s = i * d; k < d; k++) {
        y += (double) sum[s + k] * sum[s + k] - squares[s + k];
      }
      out[i] = 0.5 * y;
    }
  }
}
