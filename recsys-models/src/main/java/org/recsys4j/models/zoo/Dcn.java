package org.recsys4j.models.zoo;

import java.util.List;
import org.recsys4j.core.Check;
import org.recsys4j.core.spec.EncodedLayout;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.models.builder.ModelBuilder;
import org.recsys4j.models.builder.Ref;
import org.recsys4j.models.layers.interaction.CrossNetwork;
import org.recsys4j.models.layers.structure.Concat;
import org.recsys4j.models.spec.ModelSpec;

/**
 * Deep &amp; Cross Network (Wang et al., 2017): a cross network (vector weights, {@link
 * CrossNetwork}) and a deep tower side by side over {@code x0 = [e_1..e_F, x_num]}, their outputs
 * concatenated into one logit: {@code logit = w·[cross(x0), deep(x0)] + b}.
 *
 * @param label the label column
 * @param crossLayers number of cross layers
 * @param hidden widths of the deep tower's ReLU layers
 * @param keepProbability dropout keep probability after each hidden layer (1 = none)
 * @param seed the seed of the initial values
 */
public record Dcn(
    String label, int crossLayers, List<Integer> hidden, double keepProbability, long seed)
    implements ZooModel {
  /** Validates. */
  public Dcn {
    Check.notNull("dcn.label", label);
    Check.positive("dcn.crossLayers", crossLayers);
    hidden = List.copyOf(hidden);
    Check.arg(!hidden.isEmpty(), "dcn.hidden.size", 0, "must be >= 1");
    Towers.checkKeep("dcn", keepProbability);
  }

  /** DCN on {@code label}: 3 cross layers and a 400-400-400 tower. */
  public static Dcn of(String label) {
    return new Dcn(label, 3, List.of(400, 400, 400), 1.0, 42);
  }

  @Override
  public String name() {
    return "dcn";
  }

  @Override
  public ModelSpec build(FeatureSchema schema) {
    ModelBuilder b = ModelBuilder.forSchema(schema).name(name()).seed(seed);
    Ref x0 = Towers.flatInput(b, b.embed(EncodedLayout.IDS));
    Ref cross = b.apply(CrossNetwork.of("cross", crossLayers), x0);
    Ref deep = Towers.hidden(b, "deep", x0, hidden, keepProbability);
    Ref both = b.apply(Concat.of("stack", 2), cross, deep);
    return b.head("ctr", Towers.logit(b, "out", both), label).build();
  }
}
