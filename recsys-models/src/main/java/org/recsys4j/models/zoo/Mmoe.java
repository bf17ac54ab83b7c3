package org.recsys4j.models.zoo;

import java.util.List;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.models.layers.multitask.MultiGateMixture;
import org.recsys4j.models.spec.ModelSpec;

/**
 * MMoE (Ma et al., KDD 2018): shared experts over the shared embeddings, one softmax gate per task
 * ({@link MultiGateMixture}), then one tower and one logit head per task.
 *
 * @param labels the label columns, one head each (named after its label)
 * @param numExperts the number of experts, at least 1 (1 is a shared-bottom model)
 * @param expertUnits widths of each expert's ReLU layers
 * @param tower widths of each task's ReLU layers before its logit (may be empty)
 * @param seed the seed of the initial values
 */
public record Mmoe(
    List<String> labels, int numExperts, List<Integer> expertUnits, List<Integer> tower, long seed)
    implements ZooModel {
  /** Validates and copies. */
  public Mmoe {
    labels = TaskTowers.checkLabels("mmoe", labels);
    new MultiGateMixture("mmoe", labels.size(), numExperts, expertUnits); // checks the counts
    expertUnits = List.copyOf(expertUnits);
    tower = List.copyOf(tower);
  }

  @Override
  public String name() {
    return "mmoe";
  }

  @Override
  public String label() {
    return labels.get(0);
  }

  @Override
  public ModelSpec build(FeatureSchema schema) {
    MultiGateMixture experts =
        new MultiGateMixture("experts", labels.size(), numExperts, expertUnits);
    return TaskTowers.build(
        schema,
        name(),
        seed,
        labels,
        tower,
        (b, x) -> TaskTowers.perTask(b.apply(experts, x), labels.size()));
  }
}
