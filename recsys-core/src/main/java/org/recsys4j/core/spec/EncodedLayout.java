package org.recsys4j.core.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * How a {@link FeatureSchema}'s features are laid out in an encoded batch: which features are the
 * columns of the {@code "ids"} input, which are the columns of the {@code "dense"} input, and which
 * bags and sequences are inputs of their own. The feature encoder writes this layout and the model
 * builder declares its inputs from it, so the two always agree.
 *
 * <ul>
 *   <li>{@code "ids"} int {@code [B,F]}: categoricals and bucketized numerics, in schema order;
 *       column {@code f} is looked up in the table of {@code idsColumns.get(f)};
 *   <li>{@code "dense"} float {@code [B,N]}: normalised numerics, in schema order;
 *   <li>{@code "<bag>"} int {@code [B,L]} and {@code "<sequence>"} int {@code [B,T]}, each with a
 *       float mask {@code "<name>.mask"}.
 * </ul>
 *
 * @param idsColumns features of the {@code "ids"} columns
 * @param denseColumns features of the {@code "dense"} columns
 * @param sequences bag and sequence features, each an input of its own
 */
public record EncodedLayout(
    List<FeatureSpec> idsColumns, List<FeatureSpec> denseColumns, List<FeatureSpec> sequences) {

  /** Key of the categorical and bucketized-numeric ids. */
  public static final String IDS = "ids";

  /** Key of the normalised numerics. */
  public static final String DENSE = "dense";

  /** Suffix of a bag's or sequence's mask key. */
  public static final String MASK_SUFFIX = ".mask";

  /** Copies. */
  public EncodedLayout {
    idsColumns = List.copyOf(idsColumns);
    denseColumns = List.copyOf(denseColumns);
    sequences = List.copyOf(sequences);
  }

  /** The layout of {@code schema}. */
  public static EncodedLayout of(FeatureSchema schema) {
    List<FeatureSpec> ids = new ArrayList<>();
    List<FeatureSpec> dense = new ArrayList<>();
    List<FeatureSpec> seqs = new ArrayList<>();
    for (FeatureSpec s : schema.features()) {
      if (s instanceof CategoricalSpec) {
        ids.add(s);
      } else if (s instanceof NumericSpec n) {
        (n.transform() == NumericTransform.BUCKETIZE ? ids : dense).add(s);
      } else {
        seqs.add(s);
      }
    }
    return new EncodedLayout(ids, dense, seqs);
  }

  /** The width of a bag ({@code maxSize}) or sequence ({@code maxLen}). */
  public static int width(FeatureSpec bagOrSequence) {
    if (bagOrSequence instanceof BagSpec b) {
      return b.maxSize();
    }
    if (bagOrSequence instanceof SequenceSpec q) {
      return q.maxLen();
    }
    throw new IllegalArgumentException(
        "feature "
            + bagOrSequence.name()
            + " must be a bag or a sequence to be an input of its own");
  }
}
