package org.recsys4j.core.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ShapeTest {

  @Test
  void batchedShapesPrintAndSubstitute() {
    Shape s = Shape.batched(26, 16);
    assertEquals("[B,26,16]", s.toString());
    assertEquals(26 * 16, s.exampleSize());
    assertArrayEquals(new long[] {1024, 26, 16}, s.withBatch(1024));
    assertEquals(s, Shape.of(Shape.BATCH, 26, 16));
  }

  @Test
  void invalidDimensionsAreNamed() {
    assertEquals(
        "shape[1]=0 must be > 0 (only dimension 0 may be B=-1)",
        assertThrows(IllegalArgumentException.class, () -> Shape.of(-1, 0)).getMessage());
    assertEquals(
        "shape[1]=-1 must be > 0 (only dimension 0 may be B=-1)",
        assertThrows(IllegalArgumentException.class, () -> Shape.of(3, -1)).getMessage());
  }
}
