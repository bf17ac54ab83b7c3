package org.recsys4j.models.zoo;

import java.util.List;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.models.spec.ModelSpec;

/**
 * The shared-bottom multi-task model (Caruana, "Multitask Learning", 1997): one ReLU bottom over
 * the shared embeddings, then one tower and one logit head per task: {@code y_k =
 * tower_k(bottom(x))}. The baseline of MMoE and PLE; with one expert, {@link Mmoe} computes the
 * same function.
 *
 * @param labels the label columns, one head each (named after its label); the first is {@link
 *     #label()}
 * @param bottom widths of the shared ReLU layers, at least one
 * @param tower widths of each task's ReLU layers before its logit (may be empty)
 * @param seed the seed of the initial values
 */
public record SharedBottom(
    List<String> labels, List<Integer> bottom, List<Integer> tower, long seed) implements ZooModel {
  /** Validates and copies. */
  public SharedBottom {
    labels = TaskTowers.checkLabels("shared_bottom", labels);
    bottom = List.copyOf(bottom);
    org.recsys4j.core.Check.arg(
        !bottom.isEmpty(), "shared_bottom.bottom", bottom, "must not be empty");
    tower = List.copyOf(tower);
  }

  @Override
  public String name() {
    return "shared_bottom";
  }

  @Override
  public String label() {
    return labels.get(0);
  }

  @Override
  public ModelSpec build(FeatureSchema schema) {
    return TaskTowers.build(
        schema,
        name(),
        seed,
        labels,
        tower,
        (b, x) ->
            java.util.Collections.nCopies(
                labels.size(), Towers.hidden(b, "bottom", x, bottom, 1.0)));
  }
}
