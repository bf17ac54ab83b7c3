package org.recsys4j.models.layers.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;
import org.recsys4j.core.layer.Shape;
import org.recsys4j.models.layers.host.HostKernelCheck;

/**
 * Gru's host kernel against its training graph ({@link HostKernelCheck}: outputs, input and
 * attention gradients, every parameter's gradient) for GRU, AGRU and AUGRU with every output, with
 * and without a mask, including fully masked rows, masked steps between real ones and T = 1.
 */
@PropertyDefaults(tries = 50)
class GruKernelProperties {
  /** float32 on both sides, errors growing over T steps. */
  private static final double TOL = 2e-5;

  /** How the mask of a drawn case looks. */
  enum MaskKind {
    /** No mask passed. */
    NONE,
    /** Each step real with probability 1/2 (masked steps between real ones). */
    RANDOM,
    /** Real steps 0..len−1, len in [0, T] (left-aligned histories, empty ones included). */
    LEFT_ALIGNED,
    /** Row 0 fully masked, the others random. */
    FIRST_ROW_EMPTY
  }

  @Property
  void kernelMatchesGraph(
      @ForAll @IntRange(min = 1, max = 4) int b,
      @ForAll @IntRange(min = 1, max = 5) int t,
      @ForAll @IntRange(min = 1, max = 3) int d,
      @ForAll @IntRange(min = 1, max = 3) int h,
      @ForAll GruKind kind,
      @ForAll GruOutput output,
      @ForAll MaskKind maskKind,
      @ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    check(new Gru("gru", h, kind, output), b, t, d, mask(r, maskKind, b, t), r, seed);
  }

  /** DIEN's shape in small: masked middle steps, a fully masked row, the attention used. */
  @Example
  void augruLastStateWithHolesAndAnEmptyRow() {
    float[] mask = {1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0};
    SplittableRandom r = new SplittableRandom(3);
    check(Gru.augru("augru", 4), 4, 5, 3, mask, r, 3);
  }

  @Example
  void everyKindAndOutputWithOneStep() {
    for (GruKind kind : GruKind.values()) {
      for (GruOutput output : GruOutput.values()) {
        SplittableRandom r = new SplittableRandom(11);
        check(new Gru("g", 3, kind, output), 3, 1, 2, new float[] {1, 0, 1}, r, 11);
        check(new Gru("g", 3, kind, output), 3, 1, 2, null, r, 12);
      }
    }
  }

  /** One row, width 1 everywhere: products of [1,1] matrices, one thread's block empty. */
  @Example
  void agruOneRowWidthOne() {
    SplittableRandom r = new SplittableRandom(13);
    check(
        new Gru("agru", 1, GruKind.AGRU, GruOutput.ALL_STATES),
        1,
        4,
        1,
        new float[] {0, 1, 0, 1},
        r,
        13);
  }

  /** The benchmark's widths and length: errors over 50 steps stay within the tolerance. */
  @Example
  void fiftyStepsWidthSixteen() {
    SplittableRandom r = new SplittableRandom(17);
    check(Gru.augru("augru", 16), 16, 50, 16, mask(r, MaskKind.LEFT_ALIGNED, 16, 50), r, 17);
    check(Gru.of("gru", 16), 8, 50, 16, null, r, 18);
  }

  /** More rows than steps and wider states, split unevenly over the two threads. */
  @Example
  void gruAllStatesFortyRows() {
    SplittableRandom r = new SplittableRandom(7);
    check(Gru.of("gru", 8), 41, 6, 5, mask(r, MaskKind.LEFT_ALIGNED, 41, 6), r, 7);
  }

  /** The kernel's rational tanh and sigmoid against Math's, over and beyond the clamp. */
  @Property
  void tanhAndSigmoidAreClose(@ForAll @FloatRange(min = -30, max = 30) float z) {
    double tanh = Math.tanh(z);
    assertEquals(tanh, FloatMath.tanh(z), 4e-7 * Math.abs(tanh) + 1e-30, "tanh(" + z + ")");
    assertEquals(1 / (1 + Math.exp(-z)), FloatMath.sigmoid(z), 2e-7, "sigmoid(" + z + ")");
  }

  @Example
  void maskOfAnotherLengthIsNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Gru.of("gru", 4)
                    .hostKernel(List.of(Shape.batched(5, 8)), Optional.of(Shape.batched(4))));
    assertEquals("gru.mask=[B,4] must be [B,5] to match input [B,5,8]", e.getMessage());
  }

  private static void check(
      Gru layer, int b, int t, int d, float[] mask, SplittableRandom r, long seed) {
    List<Shape> shapes = new ArrayList<>();
    List<float[]> inputs = new ArrayList<>();
    shapes.add(Shape.of(b, t, d));
    inputs.add(uniform(r, b * t * d, -1, 1));
    if (layer.kind() != GruKind.GRU) {
      shapes.add(Shape.of(b, t));
      inputs.add(uniform(r, b * t, 0, 1));
    }
    HostKernelCheck.assertMatchesGraph(layer, shapes, inputs, mask, seed, TOL);
  }

  private static float[] mask(SplittableRandom r, MaskKind kind, int b, int t) {
    if (kind == MaskKind.NONE) {
      return null;
    }
    float[] m = new float[b * t];
    for (int i = 0; i < b; i++) {
      int len = r.nextInt(t + 1);
      for (int s = 0; s < t; s++) {
        boolean real =
            switch (kind) {
              case LEFT_ALIGNED -> s < len;
              case FIRST_ROW_EMPTY -> i > 0 && r.nextBoolean();
              default -> r.nextBoolean();
            };
        m[i * t + s] = real ? 1 : 0;
      }
    }
    return m;
  }

  private static float[] uniform(SplittableRandom r, int n, double lo, double hi) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (lo + r.nextDouble() * (hi - lo));
    }
    return v;
  }
}
