package org.recsys4j.models.zoo;

import java.util.List;
import org.recsys4j.core.Check;
import org.recsys4j.core.spec.EncodedLayout;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.models.builder.ModelBuilder;
import org.recsys4j.models.builder.Ref;
import org.recsys4j.models.layers.interaction.CrossNetworkV2;
import org.recsys4j.models.layers.structure.Concat;
import org.recsys4j.models.spec.ModelSpec;

/**
 * DCN-V2 (Wang et al., 2021): matrix cross layers {@code x_{l+1} = x0 ⊙ (W_l x_l + b_l) + x_l}
 * ({@link CrossNetworkV2}: full, low-rank or a mixture of low-rank experts) combined with a deep
 * tower either stacked ({@code deep(cross(x0))}) or in parallel ({@code [cross(x0), deep(x0)]}),
 * then one logit.
 *
 * @param label the label column
 * @param cross the cross network's config (its name is used as given)
 * @param structure stacked or parallel
 * @param hidden widths of the deep tower's ReLU layers
 * @param keepProbability dropout keep probability after each hidden layer (1 = none)
 * @param seed the seed of the initial values
 */
public record DcnV2(
    String label,
    CrossNetworkV2 cross,
    Structure structure,
    List<Integer> hidden,
    double keepProbability,
    long seed)
    implements ZooModel {

  /** How the cross network and the deep tower are combined. */
  public enum Structure {
    /** {@code out(deep(cross(x0)))}. */
    STACKED,
    /** {@code out([cross(x0), deep(x0)])}. */
    PARALLEL
  }

  /** Validates. */
  public DcnV2 {
    Check.notNull("dcn_v2.label", label);
    Check.notNull("dcn_v2.cross", cross);
    Check.notNull("dcn_v2.structure", structure);
    hidden = List.copyOf(hidden);
    Towers.checkKeep("dcn_v2", keepProbability);
  }

  /** DCN-V2 on {@code label}: 3 low-rank (64) cross layers stacked under a 400-400-400 tower. */
  public static DcnV2 of(String label) {
    return new DcnV2(
        label,
        CrossNetworkV2.lowRank("cross", 3, 64),
        Structure.STACKED,
        List.of(400, 400, 400),
        1.0,
        42);
  }

  /** {@code dcn_v2} when stacked, {@code dcn_v2_parallel} when parallel. */
  @Override
  public String name() {
    return structure == Structure.STACKED ? "dcn_v2" : "dcn_v2_parallel";
  }

  @Override
  public ModelSpec build(FeatureSchema schema) {
    ModelBuilder b = ModelBuilder.forSchema(schema).name(name()).seed(seed);
    Ref x0 = Towers.flatInput(b, b.embed(EncodedLayout.IDS));
    Ref crossed = b.apply(cross, x0);
    Ref top;
    if (structure == Structure.STACKED) {
      top = Towers.hidden(b, "deep", crossed, hidden, keepProbability);
    } else {
      Ref deep = Towers.hidden(b, "deep", x0, hidden, keepProbability);
      top = b.apply(Concat.of("stack", 2), crossed, deep);
    }
    return b.head("ctr", Towers.logit(b, "out", top), label).build();
  }
}
