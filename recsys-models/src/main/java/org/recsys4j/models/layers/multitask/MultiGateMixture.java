package org.recsys4j.models.layers.multitask;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.recsys4j.core.Check;
import org.recsys4j.core.layer.Layer;
import org.recsys4j.core.layer.LayerInput;
import org.recsys4j.core.layer.LayerOutput;
import org.recsys4j.core.layer.MaskPolicy;
import org.recsys4j.core.layer.Shape;

/**
 * Multi-gate mixture of experts: shared expert towers and one softmax gate per task, so that each
 * task mixes the experts in its own proportions.
 *
 * <p>Formula: experts {@code e_j = MLP_j(x)} ({@code j < E}, ReLU on every layer, parameters {@code
 * <name>_expert<j>/W<k>}, {@code /b<k>}); for each task {@code k < K} the gate {@code g_k =
 * softmax(x W_k + b_k)} ({@code <name>/gate<k>_W [N,E]}, {@code <name>/gate<k>_b [1,E]}) and the
 * output {@code y_k = Σ_j g_k[j] · e_j}. With {@code E = 1} the gates are the constant 1 (no gate
 * parameters) and every {@code y_k} is the one expert: a shared-bottom model.
 *
 * <p>Shapes: input {@code [B,N]}; K outputs {@code [B,H]}, {@code H} the last of {@link
 * #expertUnits()}. Output k is referenced as {@code <name>:k}; each feeds task k's tower.
 *
 * <p>Mask: {@link MaskPolicy#REJECTS}.
 *
 * <p>Paper: Ma et al., "Modeling Task Relationships in Multi-task Learning with Multi-gate
 * Mixture-of-Experts", KDD 2018 (eq. 5-6).
 *
 * @param name the layer's name
 * @param numTasks K, the number of tasks (outputs), at least 1
 * @param numExperts E, the number of shared experts, at least 1
 * @param expertUnits the widths of each expert's layers
 */
public record MultiGateMixture(
    @JsonProperty("name") String name,
    @JsonProperty("numTasks") int numTasks,
    @JsonProperty("numExperts") int numExperts,
    @JsonProperty("expertUnits") List<Integer> expertUnits)
    implements Layer {
  /** Current JSON version. */
  public static final int VERSION = 1;

  /**
   * Validates and copies the widths.
   *
   * @throws IllegalArgumentException naming the field, the value and the rule
   */
  public MultiGateMixture {
    Check.name("mmoe.name", name);
    Check.positive(name + ".numTasks", numTasks);
    Check.positive(name + ".numExperts", numExperts);
    expertUnits = Experts.checkUnits(name + ".expertUnits", expertUnits);
  }

  /** MMoE with {@code numTasks} gates over {@code numExperts} experts of the given widths. */
  public static MultiGateMixture of(String name, int numTasks, int numExperts, Integer... units) {
    return new MultiGateMixture(name, numTasks, numExperts, List.of(units));
  }

  @Override
  public int version() {
    return VERSION;
  }

  @Override
  public MaskPolicy maskPolicy() {
    return MaskPolicy.REJECTS;
  }

  /** {@code [B,N]} to K times {@code [B,H]}. */
  @Override
  public List<Shape> outputShapes(List<Shape> in) {
    return Experts.taskShapes(name, in, numTasks, expertUnits);
  }

  @Override
  public LayerOutput define(SameDiff sd, LayerInput in) {
    checkInput(in);
    List<Shape> shapes = outputShapes(in.shapes());
    long n = in.shape().dim(1);
    List<SDVariable> experts = new ArrayList<>();
    for (int j = 0; j < numExperts; j++) {
      experts.add(
          Experts.expert(sd, in.context(), name + "_expert" + j, in.value(), n, expertUnits));
    }
    List<SDVariable> tasks = new ArrayList<>();
    for (int k = 0; k < numTasks; k++) {
      tasks.add(Experts.mix(sd, in.context(), name, "gate" + k, in.value(), n, experts));
    }
    return Experts.outputs(sd, name, tasks, shapes);
  }
}
