package org.recsys4j.models.zoo;

import java.util.List;
import org.recsys4j.core.Check;
import org.recsys4j.core.spec.EncodedLayout;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.models.builder.ModelBuilder;
import org.recsys4j.models.builder.Ref;
import org.recsys4j.models.layers.combine.LogitSum;
import org.recsys4j.models.layers.interaction.Cin;
import org.recsys4j.models.layers.structure.Flatten;
import org.recsys4j.models.spec.ModelSpec;

/**
 * xDeepFM (Lian et al., 2018): a linear part, a compressed interaction network ({@link Cin}) over
 * the field embeddings and a deep tower, summed: {@code logit = linear + w·CIN(V) + MLP(V)}.
 *
 * @param label the label column
 * @param cinLayers the CIN's layer sizes (even when split-half)
 * @param splitHalf xDeepFM's split-half CIN
 * @param hidden widths of the deep tower's ReLU layers
 * @param keepProbability dropout keep probability after each hidden layer (1 = none)
 * @param seed the seed of the initial values
 */
public record XDeepFm(
    String label,
    List<Integer> cinLayers,
    boolean splitHalf,
    List<Integer> hidden,
    double keepProbability,
    long seed)
    implements ZooModel {
  /** Validates. */
  public XDeepFm {
    Check.notNull("xdeepfm.label", label);
    cinLayers = List.copyOf(cinLayers);
    hidden = List.copyOf(hidden);
    Towers.checkKeep("xdeepfm", keepProbability);
  }

  /** xDeepFM on {@code label}: CIN 128-128 split-half and a 400-400 tower. */
  public static XDeepFm of(String label) {
    return new XDeepFm(label, List.of(128, 128), true, List.of(400, 400), 1.0, 42);
  }

  @Override
  public String name() {
    return "xdeepfm";
  }

  @Override
  public ModelSpec build(FeatureSchema schema) {
    ModelBuilder b = ModelBuilder.forSchema(schema).name(name()).seed(seed);
    Ref linear = b.linear(EncodedLayout.IDS);
    Ref fields = Towers.fields(b, b.embed(EncodedLayout.IDS), Towers.idsDim(b));
    int[] sizes = cinLayers.stream().mapToInt(Integer::intValue).toArray();
    Ref cin = b.apply(Cin.of("cin", sizes).withSplitHalf(splitHalf), fields);
    Ref cinLogit = Towers.logit(b, "cin_out", cin);
    Ref flat = b.apply(Flatten.of("flat"), fields);
    Ref deep = Towers.logit(b, "deep_out", Towers.hidden(b, "deep", flat, hidden, keepProbability));
    Ref logit = b.apply(LogitSum.of("logit", 3), linear, cinLogit, deep);
    return b.head("ctr", logit, label).build();
  }
}
