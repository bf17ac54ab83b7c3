package org.recsys4j.models.layers;

import java.util.List;
import org.recsys4j.core.Check;
import org.recsys4j.core.layer.Shape;

/** Shape and mask checks shared by the layers of this module. */
public final class LayerShapes {
  private LayerShapes() {}

  /**
   * The only input shape, checked to be of one of {@code ranks}.
   *
   * @param layer the layer's name, for messages
   * @param in the input shapes
   * @param expected the rule in messages, e.g. {@code "[B,N]"}
   * @param ranks the accepted ranks
   * @throws IllegalArgumentException {@code <layer>.inputs=2 must be 1} or {@code
   *     <layer>.input.shape=[B,3,2] must be [B,N]}
   */
  public static Shape single(String layer, List<Shape> in, String expected, int... ranks) {
    Check.arg(in.size() == 1, layer + ".inputs", in.size(), "must be 1");
    Shape x = in.get(0);
    boolean ok = false;
    for (int r : ranks) {
      ok |= x.rank() == r;
    }
    Check.arg(ok, layer + ".input.shape", x, "must be " + expected);
    return x;
  }

  /**
   * The only input shape, checked to have rank {@code minRank} or more.
   *
   * @throws IllegalArgumentException as {@link #single}
   */
  public static Shape singleOfRankAtLeast(
      String layer, List<Shape> in, String expected, int minRank) {
    Check.arg(in.size() == 1, layer + ".inputs", in.size(), "must be 1");
    Shape x = in.get(0);
    Check.arg(x.rank() >= minRank, layer + ".input.shape", x, "must be " + expected);
    return x;
  }

  /**
   * Checks {@code count} inputs of shape {@code [B,1]} with one {@code B} (logits or probabilities
   * to combine) and returns the output shape {@code [B,1]}.
   *
   * @param countRule the rule on the count in messages, e.g. {@code "must be 2 (CTR, CVR)"}
   * @throws IllegalArgumentException {@code <layer>.inputs=3 must be 2 (CTR, CVR)} or {@code
   *     <layer>.input[1].shape=[B,2] must be [B,1]}
   */
  public static Shape columns(String layer, List<Shape> in, int count, String countRule) {
    Check.arg(in.size() == count, layer + ".inputs", in.size(), countRule);
    for (int k = 0; k < in.size(); k++) {
      Shape s = in.get(k);
      Check.arg(
          s.rank() == 2 && s.dim(1) == 1 && s.dim(0) == in.get(0).dim(0),
          layer + ".input[" + k + "].shape",
          s,
          "must be [B,1]");
    }
    return Shape.of(in.get(0).dim(0), 1);
  }
}
