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
 * Progressive layered extraction: levels of customized gate control (CGC), each with experts of its
 * own per task plus shared experts, the task-specific and shared representations refined level by
 * level.
 *
 * <p>Formula: level {@code l < L} reads task inputs {@code h_k} ({@code k < K}) and a shared input
 * {@code h_s}, all {@code x} at level 0. Task experts {@code t_{k,j} = MLP(h_k)} ({@code j < Et},
 * parameters {@code <name>_l<l>_t<k>_e<j>/W<i>}) and shared experts {@code s_j = MLP(h_s)} ({@code
 * j < Es}, {@code <name>_l<l>_s_e<j>/...}), ReLU on every layer. Task k's new input is {@code h_k'
 * = Σ softmax(h_k W + b) · [t_{k,1..Et}, s_{1..Es}]} (gate {@code <name>/l<l>_t<k>_W}, {@code _b});
 * below the last level the shared input is {@code h_s' = Σ softmax(h_s W + b) · [t_{1..K,1..Et},
 * s_{1..Es}]} (gate {@code <name>/l<l>_s_W}). The outputs are the last level's {@code h_k}.
 *
 * <p>Shapes: input {@code [B,N]}; K outputs {@code [B,H]}, {@code H} the last of {@link
 * #expertUnits()}; output k is {@code <name>:k}.
 *
 * <p>Mask: {@link MaskPolicy#REJECTS}.
 *
 * <p>Paper: Tang et al., "Progressive Layered Extraction (PLE): A Novel Multi-Task Learning (MTL)
 * Model for Personalized Recommendations", RecSys 2020 (eq. 1-6).
 *
 * @param name the layer's name
 * @param numTasks K, at least 1
 * @param numLevels L, the number of extraction levels, at least 1 (1 is CGC)
 * @param taskExperts Et, experts per task and level, at least 1
 * @param sharedExperts Es, shared experts per level, at least 1
 * @param expertUnits the widths of each expert's layers
 */
public record ProgressiveExtraction(
    @JsonProperty("name") String name,
    @JsonProperty("numTasks") int numTasks,
    @JsonProperty("numLevels") int numLevels,
    @JsonProperty("taskExperts") int taskExperts,
    @JsonProperty("sharedExperts") int sharedExperts,
    @JsonProperty("expertUnits") List<Integer> expertUnits)
    implements Layer {
  /** Current JSON version. */
  public static final int VERSION = 1;

  /**
   * Validates and copies the widths.
   *
   * @throws IllegalArgumentException naming the field, the value and the rule
   */
  public ProgressiveExtraction {
    Check.name("ple.name", name);
    Check.positive(name + ".numTasks", numTasks);
    Check.positive(name + ".numLevels", numLevels);
    Check.positive(name + ".taskExperts", taskExperts);
    Check.positive(name + ".sharedExperts", sharedExperts);
    expertUnits = Experts.checkUnits(name + ".expertUnits", expertUnits);
  }

  /** PLE with one expert per task and one shared expert per level. */
  public static ProgressiveExtraction of(
      String name, int numTasks, int numLevels, Integer... units) {
    return new ProgressiveExtraction(name, numTasks, numLevels, 1, 1, List.of(units));
  }

  /** This PLE with other expert counts. */
  public ProgressiveExtraction withExperts(int perTask, int shared) {
    return new ProgressiveExtraction(name, numTasks, numLevels, perTask, shared, expertUnits);
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
    long fanIn = in.shape().dim(1);
    List<SDVariable> tasks = new ArrayList<>();
    for (int k = 0; k < numTasks; k++) {
      tasks.add(in.value());
    }
    SDVariable shared = in.value();
    for (int l = 0; l < numLevels; l++) {
      String lv = name + "_l" + l;
      List<List<SDVariable>> taskExp = new ArrayList<>();
      List<SDVariable> all = new ArrayList<>();
      for (int k = 0; k < numTasks; k++) {
        List<SDVariable> ek = new ArrayList<>();
        for (int j = 0; j < taskExperts; j++) {
          ek.add(
              Experts.expert(
                  sd, in.context(), lv + "_t" + k + "_e" + j, tasks.get(k), fanIn, expertUnits));
        }
        taskExp.add(ek);
        all.addAll(ek);
      }
      List<SDVariable> sharedExp = new ArrayList<>();
      for (int j = 0; j < sharedExperts; j++) {
        sharedExp.add(
            Experts.expert(sd, in.context(), lv + "_s_e" + j, shared, fanIn, expertUnits));
      }
      all.addAll(sharedExp);
      List<SDVariable> next = new ArrayList<>();
      for (int k = 0; k < numTasks; k++) {
        List<SDVariable> pool = new ArrayList<>(taskExp.get(k));
        pool.addAll(sharedExp);
        next.add(
            Experts.mix(sd, in.context(), name, "l" + l + "_t" + k, tasks.get(k), fanIn, pool));
      }
      if (l < numLevels - 1) {
        shared = Experts.mix(sd, in.context(), name, "l" + l + "_s", shared, fanIn, all);
      }
      tasks = next;
      fanIn = expertUnits.get(expertUnits.size() - 1);
    }
    return Experts.outputs(sd, name, tasks, shapes);
  }
}
