package org.recsys4j.models.zoo;

import java.util.List;
import org.recsys4j.core.spec.EncodedLayout;
import org.recsys4j.models.builder.ModelBuilder;
import org.recsys4j.models.builder.Ref;
import org.recsys4j.models.layers.dense.Activation;
import org.recsys4j.models.layers.dense.Dropout;
import org.recsys4j.models.layers.dense.Mlp;
import org.recsys4j.models.layers.embedding.NumericEmbedding;
import org.recsys4j.models.layers.structure.Concat;
import org.recsys4j.models.layers.structure.Flatten;
import org.recsys4j.models.spec.InputSpec;

/** Building blocks the zoo's recipes share. */
final class Towers {
  private Towers() {}

  /** Checks a recipe's dropout keep probability: in (0, 1], 1 meaning no dropout. */
  static void checkKeep(String model, double keepProbability) {
    org.recsys4j.core.Check.arg(
        keepProbability > 0 && keepProbability <= 1,
        model + ".keepProbability",
        keepProbability,
        "must be in (0, 1] (1 = no dropout)");
  }

  /** True if the builder's schema has normalised numerics ({@code "dense"}). */
  static boolean hasDense(ModelBuilder b) {
    return b.inputs().stream().map(InputSpec::name).anyMatch(EncodedLayout.DENSE::equals);
  }

  /**
   * The field embeddings {@code [B,F(+N),D]}: the ids' embeddings, joined by value-scaled
   * embeddings of the numerics ({@link NumericEmbedding}) when the schema has any; masks dropped
   * (padding rows are zeros).
   */
  static Ref fields(ModelBuilder b, Ref idsEmbedding, int dim) {
    if (!hasDense(b)) {
      return idsEmbedding.withoutMask();
    }
    Ref num = b.apply(NumericEmbedding.of("num_emb", dim), b.numeric(EncodedLayout.DENSE));
    return b.apply(Concat.of("fields", 2), idsEmbedding.withoutMask(), num);
  }

  /** The flat input of a deep tower: flattened embeddings, plus the raw numerics if any. */
  static Ref flatInput(ModelBuilder b, Ref idsEmbedding) {
    Ref flat = b.apply(Flatten.of("flat"), idsEmbedding.withoutMask());
    if (!hasDense(b)) {
      return flat;
    }
    return b.apply(Concat.of("deep_in", 2), flat, b.numeric(EncodedLayout.DENSE));
  }

  /**
   * ReLU layers of the given widths, each followed by dropout when {@code keep < 1}; returns the
   * last hidden layer ({@code [B,hidden.last]}), or the input when {@code hidden} is empty.
   */
  static Ref hidden(ModelBuilder b, String name, Ref in, List<Integer> hidden, double keep) {
    Ref h = in;
    for (int k = 0; k < hidden.size(); k++) {
      h = b.apply(Mlp.of(name + k, hidden.get(k)).withOutputActivation(Activation.RELU), h);
      if (keep < 1) {
        h = b.apply(Dropout.of(name + k + "_drop", keep), h);
      }
    }
    return h;
  }

  /** A linear layer to one logit {@code [B,1]}. */
  static Ref logit(ModelBuilder b, String name, Ref in) {
    return b.apply(Mlp.of(name, 1), in);
  }

  /** The embedding dim of the schema's ids tables (they share one dim to stack as fields). */
  static int idsDim(ModelBuilder b) {
    return b.tableDim(
        b.inputs().stream()
            .filter(i -> i.name().equals(EncodedLayout.IDS))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "schema must have categorical or bucketized features (the ids input)"))
            .tables()
            .get(0));
  }
}
