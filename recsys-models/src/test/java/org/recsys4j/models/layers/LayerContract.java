package org.recsys4j.models.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.recsys4j.core.layer.Layer;
import org.recsys4j.core.layer.LayerJson;
import org.recsys4j.core.layer.MaskPolicy;
import org.recsys4j.core.layer.Shape;

/**
 * The contract every layer test implements: the declared shapes are the computed ones, the config
 * survives a JSON round trip, defining twice with one seed gives the same numbers, and a mask given
 * to a layer that rejects masks fails. Implementations provide {@code cases}.
 */
public interface LayerContract {

  /** Output shapes from {@link Layer#outputShapes} equal the evaluated arrays' shapes. */
  @Property(tries = 20)
  default void outputShapeMatchesDefine(@ForAll("cases") LayerCase c) {
    LayerCase.Built b = c.build();
    var declared = c.layer().outputShapes(c.symbolicShapes());
    for (int i = 0; i < declared.size(); i++) {
      INDArray v = b.eval(i);
      long batch = c.shapes().get(0)[0];
      assertArrayEquals(
          declared.get(i).withBatch(batch), v.shape(), "output " + i + " shape of " + c.layer());
      assertEquals(declared.get(i), b.out().shapes().get(i));
    }
    Optional<Shape> mask = c.layer().outputMaskShape(c.symbolicShapes(), c.symbolicMaskShape());
    assertEquals(mask, b.out().maskShape());
  }

  /** JSON round trip gives an equal config and the same JSON. */
  @Property(tries = 20)
  default void jsonRoundTrip(@ForAll("cases") LayerCase c) {
    String json = LayerJson.toJson(c.layer());
    Layer back = LayerJson.fromJson(json);
    assertEquals(c.layer(), back);
    assertEquals(json, LayerJson.toJson(back));
  }

  /** Two graphs defined with the same seed compute bit-identical outputs. */
  @Property(tries = 10)
  default void deterministic(@ForAll("cases") LayerCase c) {
    double[] a = c.build().eval(0).dup().data().asDouble();
    double[] b = c.build().eval(0).dup().data().asDouble();
    assertArrayEquals(a, b);
  }

  /** A layer that rejects masks throws when given one, naming the mask. */
  @Property(tries = 5)
  default void rejectsMaskIfPolicySaysSo(@ForAll("cases") LayerCase c) {
    if (c.layer().maskPolicy() != MaskPolicy.REJECTS || c.shapes().get(0).length < 2) {
      return;
    }
    long b = c.shapes().get(0)[0];
    long n = c.shapes().get(0)[1];
    LayerCase masked =
        new LayerCase(
            c.layer(), c.inputs(), c.shapes(), Optional.of(new double[(int) (b * n)]), c.seed());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, masked::build);
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("mask"), e.getMessage());
  }
}
