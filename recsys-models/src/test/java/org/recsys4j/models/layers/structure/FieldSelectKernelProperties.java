package org.recsys4j.models.layers.structure;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.recsys4j.core.layer.Shape;
import org.recsys4j.models.layers.host.HostKernelCheck;

/** FieldSelect's host kernel against its graph (and the harness against a wrong kernel). */
class FieldSelectKernelProperties {

  @Property(tries = 20)
  void kernelMatchesGraph(
      @ForAll @IntRange(min = 1, max = 5) int b,
      @ForAll @IntRange(min = 1, max = 4) int f,
      @ForAll @IntRange(min = 1, max = 3) int d,
      @ForAll @IntRange(min = 0, max = 3) int field,
      @ForAll long seed) {
    int fld = field % f;
    HostKernelCheck.assertMatchesGraph(
        FieldSelect.of("q", fld),
        List.of(Shape.of(b, f, d)),
        List.of(random(b * f * d, seed)),
        null,
        seed,
        1e-6);
  }

  @Test
  void harnessCatchesAWrongField() {
    // the kernel of field 0 against the graph of field 1: the check must fail
    FieldSelect graph = FieldSelect.of("q", 1);
    FieldSelect kernel = FieldSelect.of("q", 0);
    org.recsys4j.models.layers.host.HostLayer mixed = new DelegatingLayer(graph, kernel);
    assertThrows(
        AssertionError.class,
        () ->
            HostKernelCheck.assertMatchesGraph(
                mixed, List.of(Shape.of(3, 2, 2)), List.of(random(12, 5)), null, 5, 1e-6));
  }

  private static float[] random(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) r.nextDouble(-1, 1);
    }
    return x;
  }

  /** The graph of one layer with the kernel of another. */
  private record DelegatingLayer(FieldSelect graph, FieldSelect kernel)
      implements org.recsys4j.models.layers.host.HostLayer {
    @Override
    public String name() {
      return graph.name();
    }

    @Override
    public int version() {
      return 1;
    }

    @Override
    public org.recsys4j.core.layer.MaskPolicy maskPolicy() {
      return graph.maskPolicy();
    }

    @Override
    public List<Shape> outputShapes(List<Shape> in) {
      return graph.outputShapes(in);
    }

    @Override
    public org.recsys4j.core.layer.LayerOutput define(
        org.nd4j.autodiff.samediff.SameDiff sd, org.recsys4j.core.layer.LayerInput in) {
      return graph.define(sd, in);
    }

    @Override
    public java.util.Optional<org.recsys4j.models.layers.host.HostKernel> hostKernel(
        List<Shape> inputShapes, java.util.Optional<Shape> maskShape) {
      return kernel.hostKernel(inputShapes, maskShape);
    }
  }
}
