package org.recsys4j.features.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.recsys4j.core.spec.*;

class FittersTest {

  @Test
  void boundariesOfUniformDataAreNearTheQuantiles() {
    BoundaryFitter f = BoundaryFitter.of(4);
    for (int i = 0; i < 100_000; i++) {
      f.add(i / 100_000.0);
    }
    f.add(Double.NaN).add(Double.POSITIVE_INFINITY);
    double[] b = f.fit();
    assertEquals(3, b.length);
    double rankError = 1e-4; // 100,000 values are below the exact limit: exact quantiles
    assertEquals(0.25, b[0], rankError);
    assertEquals(0.50, b[1], rankError);
    assertEquals(0.75, b[2], rankError);
    assertEquals(100_000, f.count());
    assertEquals(2, f.skipped());
  }

  @Test
  void tiedDataGivesFewerStrictlyIncreasingBoundaries() {
    BoundaryFitter f = BoundaryFitter.of(10);
    for (int i = 0; i < 1000; i++) {
      f.add(7.0);
    }
    assertArrayEquals(new double[] {7.0}, f.fit());
    NumericSpec s = NumericSpec.bucketized("x").boundaries(f.fit()).embeddingDim(2).build();
    assertEquals(3, s.space(), "padding and two buckets");
  }

  @Test
  void fitterRules() {
    assertEquals(
        "boundaryFitter.numBuckets=1 must be >= 2",
        assertThrows(IllegalArgumentException.class, () -> BoundaryFitter.of(1)).getMessage());
    assertThrows(IllegalStateException.class, () -> BoundaryFitter.of(3).add(Double.NaN).fit());
    assertThrows(IllegalStateException.class, () -> new MeanStdFitter().mean());
  }

  @Test
  void meanAndStd() {
    MeanStdFitter f = new MeanStdFitter();
    for (double x : new double[] {2, 4, 4, 4, 5, 5, 7, 9, Double.NaN}) {
      f.add(x);
    }
    assertEquals(5.0, f.mean(), 1e-12);
    assertEquals(2.0, f.std(), 1e-12);
    assertEquals(1, f.skipped());
    assertEquals(1.0, new MeanStdFitter().add(3).add(3).std(), "constant feature: std 1");
  }

  @Test
  void vocabularyByCountThenValue() {
    VocabularyFitter f = new VocabularyFitter();
    for (String s : new String[] {"b", "a", "c", "b", "a", "d", "b", null, ""}) {
      f.add(s);
    }
    assertEquals(List.of("b", "a", "c", "d"), f.fit(1));
    assertEquals(List.of("b", "a"), f.fit(2));
    assertEquals(2, f.skipped());
  }
}
