package org.recsys4j.models.zoo;

import java.util.List;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.models.layers.multitask.ProgressiveExtraction;
import org.recsys4j.models.spec.ModelSpec;

/**
 * PLE (Tang et al., RecSys 2020): levels of task-specific and shared experts over the shared
 * embeddings ({@link ProgressiveExtraction}), then one tower and one logit head per task.
 *
 * @param labels the label columns, one head each (named after its label)
 * @param numLevels extraction levels, at least 1 (1 is CGC)
 * @param taskExperts experts per task and level, at least 1
 * @param sharedExperts shared experts per level, at least 1
 * @param expertUnits widths of each expert's ReLU layers
 * @param tower widths of each task's ReLU layers before its logit (may be empty)
 * @param seed the seed of the initial values
 */
public record Ple(
    List<String> labels,
    int numLevels,
    int taskExperts,
    int sharedExperts,
    List<Integer> expertUnits,
    List<Integer> tower,
    long seed)
    implements ZooModel {
  /** Validates (the layer checks the counts when the model is built) and copies. */
  public Ple {
    labels = TaskTowers.checkLabels("ple", labels);
    new ProgressiveExtraction(
        "ple", labels.size(), numLevels, taskExperts, sharedExperts, expertUnits);
    expertUnits = List.copyOf(expertUnits);
    tower = List.copyOf(tower);
  }

  @Override
  public String name() {
    return "ple";
  }

  @Override
  public String label() {
    return labels.get(0);
  }

  @Override
  public ModelSpec build(FeatureSchema schema) {
    ProgressiveExtraction experts =
        new ProgressiveExtraction(
            "experts", labels.size(), numLevels, taskExperts, sharedExperts, expertUnits);
    return TaskTowers.build(
        schema,
        name(),
        seed,
        labels,
        tower,
        (b, x) -> TaskTowers.perTask(b.apply(experts, x), labels.size()));
  }
}
