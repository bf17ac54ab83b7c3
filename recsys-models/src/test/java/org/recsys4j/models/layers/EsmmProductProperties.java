package org.recsys4j.models.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import org.recsys4j.core.layer.Shape;
import org.recsys4j.models.layers.multitask.EsmmProduct;
import org.recsys4j.models.layers.multitask.ProbabilityInput;

/** ESMM's product against the plain loop; ctcvr = ctr·cvr ≤ ctr; its gradients. */
@PropertyDefaults(tries = 20)
class EsmmProductProperties implements LayerContract, RowIndependenceContract {

  @Provide
  Arbitrary<LayerCase> cases() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 5),
            Arbitraries.of(ProbabilityInput.class),
            Arbitraries.longs())
        .as(
            (b, kind, seed) -> {
              SplittableRandom r = new SplittableRandom(seed);
              boolean logits = kind == ProbabilityInput.LOGITS;
              double lo = logits ? -6 : 0;
              double hi = logits ? 6 : 1;
              return new LayerCase(
                  new EsmmProduct("ctcvr", kind),
                  List.of(TestArrays.uniform(r, b, lo, hi), TestArrays.uniform(r, b, lo, hi)),
                  List.of(new long[] {b, 1}, new long[] {b, 1}),
                  Optional.empty(),
                  seed);
            });
  }

  @Property
  void equalsReferenceAndIsBelowBothFactors(@ForAll("cases") LayerCase c) {
    boolean logits = ((EsmmProduct) c.layer()).input() == ProbabilityInput.LOGITS;
    double[] a = c.inputs().get(0);
    double[] v = c.inputs().get(1);
    double[] got = c.build().values(0);
    TestArrays.assertClose(MultiTaskReference.esmm(a, v, logits), got, 1e-12, "ctcvr");
    for (int i = 0; i < got.length; i++) {
      double ctr = logits ? MultiTaskReference.sigmoid(a[i]) : a[i];
      double cvr = logits ? MultiTaskReference.sigmoid(v[i]) : v[i];
      assertTrue(got[i] >= 0 && got[i] <= ctr + 1e-15 && got[i] <= cvr + 1e-15, "row " + i);
    }
  }

  @Property(tries = 6)
  void gradients(@ForAll("cases") LayerCase c) {
    assertNull(GradCheck.check(c.build(), 1e-6, 1e-5, 1e-8));
  }

  @Example
  void wrongShapeIsNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                EsmmProduct.ofLogits("ctcvr")
                    .outputShapes(List.of(Shape.batched(1), Shape.batched(2))));
    assertEquals("ctcvr.input[1].shape=[B,2] must be [B,1]", e.getMessage());
  }
}
