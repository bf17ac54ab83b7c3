package org.recsys4j.models.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.recsys4j.models.layers.combine.LogitSum;
import org.recsys4j.models.layers.interaction.FmCross;
import org.recsys4j.models.layers.interaction.LinearTerm;
import org.recsys4j.models.spec.Head;
import org.recsys4j.models.spec.HeadOutput;
import org.recsys4j.models.spec.ModelSpec;
import org.recsys4j.models.spec.Node;

/**
 * The shape of a shallow model that the fused path trains without a graph, read from a {@link
 * ModelSpec} (never from a zoo recipe's name): one logit head with a loss over a tree of {@link
 * LogitSum}s whose leaves are {@link LinearTerm}s and {@link FmCross}es over lookups. Logistic
 * regression, factorization machines and any sum of linear and FM terms have this shape.
 *
 * <p>Such a model's logit is, with {@code a_j} and {@code c_j} the number of paths from the head to
 * a linear term and to an FM cross over lookup {@code j} ({@code v[b,f,:]} its rows, padding rows
 * zero), and {@code β_k} the biases with their path counts {@code m_k}:
 *
 * <pre>{@code
 * z[b] = Σ_k m_k·β_k + Σ_j ( a_j·Σ_f v_j[b,f,0] + c_j·½·Σ_d [(Σ_f v_j[b,f,d])² − Σ_f v_j[b,f,d]²] )
 * }</pre>
 *
 * <p>Masks do not matter: every masked position holds id 0, whose row is exactly zero, so a mask
 * passed to a linear term or an FM cross changes nothing.
 *
 * @param head the one head, a logit with a loss
 * @param lookups per lookup of the spec (same order), its coefficients
 * @param biases the dense parameters, in the order the graph defines them
 */
record FusedShape(Head head, List<LookupTerm> lookups, List<Bias> biases) {

  /**
   * What the logit takes from one lookup.
   *
   * @param linear {@code a_j}: the coefficient of {@code Σ_f v[b,f,0]} (0 unless a linear term
   *     reads the lookup, which then has D = 1)
   * @param fm {@code c_j}: the coefficient of the FM cross over the lookup
   */
  record LookupTerm(float linear, float fm) {}

  /**
   * A bias parameter.
   *
   * @param name its graph name, {@code <layer>/bias}
   * @param size its number of values (1)
   * @param shape its shape in the graph ({@code [1]} for a linear term's, {@code [1,1]} for a logit
   *     sum's), so snapshots and exports see the graph's tensors
   * @param coefficient {@code m_k}, the number of paths from the head to its layer
   */
  record Bias(String name, int size, float coefficient, long[] shape) {}

  /** Copies and validates. */
  FusedShape {
    lookups = List.copyOf(lookups);
    biases = List.copyOf(biases);
  }

  /**
   * The fused shape of {@code spec}, or empty when the spec has any other layer, an unused node or
   * lookup, a numeric input feeding a node, or heads other than one logit head with a loss.
   */
  static Optional<FusedShape> of(ModelSpec spec) {
    if (spec.heads().size() != 1) {
      return Optional.empty();
    }
    Head head = spec.heads().get(0);
    if (head.kind() != HeadOutput.LOGIT || !head.hasLoss()) {
      return Optional.empty();
    }
    Map<String, Integer> nodeIndex = new LinkedHashMap<>();
    for (int i = 0; i < spec.nodes().size(); i++) {
      nodeIndex.put(spec.nodes().get(i).name(), i);
    }
    Map<String, Integer> lookupIndex = new LinkedHashMap<>();
    for (int j = 0; j < spec.lookups().size(); j++) {
      lookupIndex.put(spec.lookups().get(j).name(), j);
    }
    Map.Entry<String, Integer> out = ModelSpec.parseRef(head.output());
    Integer top = nodeIndex.get(out.getKey());
    if (top == null || out.getValue() != 0) {
      return Optional.empty();
    }
    int[] paths = new int[spec.nodes().size()];
    paths[top] = 1;
    float[] linear = new float[spec.lookups().size()];
    float[] fm = new float[spec.lookups().size()];
    boolean[] used = new boolean[spec.lookups().size()];
    // references point backwards, so walking nodes from the last one sees every path into a node
    // before the node itself
    for (int i = spec.nodes().size() - 1; i >= 0; i--) {
      Node n = spec.nodes().get(i);
      if (paths[i] == 0) {
        return Optional.empty(); // an unused node: its parameters would never train
      }
      for (String ref : n.inputs()) {
        if (ModelSpec.parseRef(ref).getValue() != 0) {
          return Optional.empty();
        }
      }
      String in = ModelSpec.parseRef(n.inputs().get(0)).getKey();
      if (n.layer() instanceof LogitSum) {
        for (String ref : n.inputs()) {
          Integer k = nodeIndex.get(ModelSpec.parseRef(ref).getKey());
          if (k == null) {
            return Optional.empty();
          }
          paths[k] += paths[i];
        }
      } else if (n.layer() instanceof LinearTerm || n.layer() instanceof FmCross) {
        Integer j = lookupIndex.get(in);
        if (j == null) {
          return Optional.empty();
        }
        if (n.layer() instanceof LinearTerm) {
          linear[j] += paths[i];
        } else {
          fm[j] += paths[i];
        }
        used[j] = true;
      } else {
        return Optional.empty();
      }
    }
    for (boolean u : used) {
      if (!u) {
        return Optional.empty();
      }
    }
    List<Bias> biases = new ArrayList<>();
    for (int i = 0; i < spec.nodes().size(); i++) {
      Node n = spec.nodes().get(i);
      boolean bias =
          n.layer() instanceof LinearTerm lt
              ? lt.useBias()
              : n.layer() instanceof LogitSum ls && ls.useBias();
      if (bias) {
        biases.add(
            new Bias(
                n.name() + "/bias",
                1,
                paths[i],
                n.layer() instanceof LinearTerm ? new long[] {1} : new long[] {1, 1}));
      }
    }
    List<LookupTerm> terms = new ArrayList<>();
    for (int j = 0; j < linear.length; j++) {
      terms.add(new LookupTerm(linear[j], fm[j]));
    }
    return Optional.of(new FusedShape(head, terms, biases));
  }

  /** The biases' initial values (zeros, as the layers define them) with their shapes, by name. */
  Map<String, org.recsys4j.models.params.Tensor> initialBiases() {
    Map<String, org.recsys4j.models.params.Tensor> out = new LinkedHashMap<>();
    for (Bias b : biases) {
      out.put(b.name(), org.recsys4j.models.params.Tensor.of(new float[b.size()], b.shape()));
    }
    return out;
  }
}
