package org.recsys4j.features.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, defect 4: {@code BoundaryFitter} drew an unseeded KLL sketch, so the same data gave
 * different boundaries on every run. Same stream, same boundaries: exact quantiles up to the exact
 * limit, a deterministic sketch beyond.
 */
class Defect04BoundariesAreDeterministicTest {

  /** A skewed stream (log-normal, like criteo's counts) of {@code n} values from a fixed seed. */
  private static double[] stream(int n) {
    Random r = new Random(7);
    double[] xs = new double[n];
    for (int i = 0; i < n; i++) {
      xs[i] = Math.floor(Math.exp(2 + 1.5 * r.nextGaussian()));
    }
    return xs;
  }

  @Test
  void sameStreamTwiceGivesIdenticalBoundaries() {
    double[] xs = stream(200_000);
    double[] first = BoundaryFitter.of(16).addAll(xs).fit();
    for (int run = 0; run < 3; run++) {
      assertArrayEquals(first, BoundaryFitter.of(16).addAll(xs).fit(), "run " + run);
    }
  }

  @Test
  void exactBelowTheLimitAndIndependentOfOrder() {
    double[] xs = stream(10_001);
    BoundaryFitter f = BoundaryFitter.of(4).addAll(xs);
    assertTrue(f.isExact());
    double[] sorted = xs.clone();
    Arrays.sort(sorted);
    // rank i/4 of 10001 values: the ceil(i*10001/4)-th smallest, de-duplicated
    double[] expected =
        Arrays.stream(new double[] {sorted[2500], sorted[5000], sorted[7500]}).distinct().toArray();
    assertArrayEquals(expected, f.fit());
    double[] reversed = new double[xs.length];
    for (int i = 0; i < xs.length; i++) {
      reversed[i] = xs[xs.length - 1 - i];
    }
    assertArrayEquals(expected, BoundaryFitter.of(4).addAll(reversed).fit());
  }

  @Test
  void beyondTheExactLimitTheSketchIsDeterministicAndClose() {
    double[] xs = new double[300_000];
    Random r = new Random(3);
    for (int i = 0; i < xs.length; i++) {
      xs[i] = r.nextDouble();
    }
    BoundaryFitter a = BoundaryFitter.of(10, 1000, 256).addAll(xs);
    assertFalse(a.isExact());
    assertEquals(xs.length, a.count());
    double[] b = a.fit();
    assertArrayEquals(b, BoundaryFitter.of(10, 1000, 256).addAll(xs).fit());
    // rank error <= log2(n / capacity) / capacity = log2(300000/256)/256 ~ 4% (uniform: value ~
    // rank)
    for (int i = 0; i < b.length; i++) {
      assertEquals((i + 1) / 10.0, b[i], 0.04, "boundary " + i);
    }
  }

  @Test
  void defaultFitterBeyondTwoToTheTwentyValuesIsDeterministic() {
    double[] xs = stream(BoundaryFitter.DEFAULT_EXACT_LIMIT + 50_000);
    BoundaryFitter a = BoundaryFitter.of(16).addAll(xs);
    assertFalse(a.isExact());
    assertArrayEquals(a.fit(), BoundaryFitter.of(16).addAll(xs).fit());
  }
}
