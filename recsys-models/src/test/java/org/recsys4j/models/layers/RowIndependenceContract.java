package org.recsys4j.models.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * For layers whose rows do not interact (all but batch normalisation in training): row 0 computed
 * alone equals row 0 computed in the batch. Implementations provide {@code cases}.
 */
public interface RowIndependenceContract {

  /** Row 0 alone (its inputs and mask, batch size 1) equals row 0 of the batch. */
  @Property(tries = 10)
  default void rowAloneEqualsRowInBatch(@ForAll("cases") LayerCase c) {
    double[] all = c.build().values(0);
    List<double[]> ins = new ArrayList<>();
    List<long[]> shapes = new ArrayList<>();
    for (int i = 0; i < c.inputs().size(); i++) {
      long[] s = c.shapes().get(i).clone();
      int per = (int) (c.inputs().get(i).length / s[0]);
      ins.add(Arrays.copyOfRange(c.inputs().get(i), 0, per));
      s[0] = 1;
      shapes.add(s);
    }
    long[] md = c.maskDims().clone();
    Optional<double[]> m = c.mask().map(v -> Arrays.copyOfRange(v, 0, (int) (v.length / md[0])));
    md[0] = 1;
    double[] one = c.with(ins, shapes, m, md).build().values(0);
    TestArrays.assertClose(Arrays.copyOfRange(all, 0, one.length), one, 1e-9, "row 0");
  }
}
