package org.recsys4j.models.zoo;

import java.util.List;
import java.util.function.BiFunction;
import org.recsys4j.core.Check;
import org.recsys4j.core.spec.EncodedLayout;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.models.builder.ModelBuilder;
import org.recsys4j.models.builder.Ref;
import org.recsys4j.models.spec.ModelSpec;

/** What the multi-task recipes share: their labels, the shared input and one tower per task. */
final class TaskTowers {
  private TaskTowers() {}

  /** Checks and copies a recipe's labels: at least one, each a valid, distinct head name. */
  static List<String> checkLabels(String model, List<String> labels) {
    Check.arg(labels != null && !labels.isEmpty(), model + ".labels", labels, "must not be empty");
    for (int k = 0; k < labels.size(); k++) {
      Check.name(model + ".labels[" + k + "]", labels.get(k));
      Check.arg(
          labels.indexOf(labels.get(k)) == k,
          model + ".labels[" + k + "]",
          labels.get(k),
          "is repeated");
    }
    return List.copyOf(labels);
  }

  /**
   * The recipe every multi-task model follows: the shared flat input {@code [B, F·D (+N)]} of the
   * schema's ids (and dense numerics), then {@code shared} turning it into one input per task, then
   * {@link #heads}.
   *
   * @param shared from the builder and the shared input, the K task inputs (one per label)
   */
  static ModelSpec build(
      FeatureSchema schema,
      String name,
      long seed,
      List<String> labels,
      List<Integer> tower,
      BiFunction<ModelBuilder, Ref, List<Ref>> shared) {
    ModelBuilder b = builder(schema, name, seed);
    return heads(b, labels, shared.apply(b, sharedInput(b)), tower).build();
  }

  /** A builder over {@code schema} named {@code name}. */
  static ModelBuilder builder(FeatureSchema schema, String name, long seed) {
    return ModelBuilder.forSchema(schema).name(name).seed(seed);
  }

  /** The shared flat input {@code [B, F·D (+N)]} of the schema's ids (and dense numerics). */
  static Ref sharedInput(ModelBuilder b) {
    return Towers.flatInput(b, b.embed(EncodedLayout.IDS));
  }

  /** The K outputs {@code <name>:k} of a multi-task layer, one per label. */
  static List<Ref> perTask(Ref layer, int numTasks) {
    List<Ref> out = new java.util.ArrayList<>();
    for (int k = 0; k < numTasks; k++) {
      out.add(layer.output(k));
    }
    return out;
  }

  /**
   * One logit head per label: task k's tower ({@code tower}, ReLU, named {@code t<k>_<i>}) over
   * {@code inputs[k]} and a linear logit {@code t<k>_logit}; the head is named after its label.
   */
  static ModelBuilder heads(
      ModelBuilder b, List<String> labels, List<Ref> inputs, List<Integer> tower) {
    for (int k = 0; k < labels.size(); k++) {
      Ref h = Towers.hidden(b, "t" + k + "_", inputs.get(k), tower, 1.0);
      b.head(labels.get(k), Towers.logit(b, "t" + k + "_logit", h), labels.get(k));
    }
    return b;
  }
}
