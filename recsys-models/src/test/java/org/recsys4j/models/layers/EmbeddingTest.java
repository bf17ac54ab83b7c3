package org.recsys4j.models.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.recsys4j.core.layer.Shape;
import org.recsys4j.models.layers.embedding.Embedding;
import org.recsys4j.models.train.EmbeddingTable;
import org.recsys4j.models.train.Optimizer;

/** Padding id 0: a zero vector and a false mask, before and after training. */
class EmbeddingTest {

  @Test
  void maskIsFalseExactlyForPadding() {
    int[] ids = {5, 0, 7, 0};
    float[] mask = new float[4];
    Embedding.maskFromIds(ids, 4, mask);
    assertArrayEquals(new float[] {1, 0, 1, 0}, mask);
  }

  @Test
  void paddingRowIsZeroAndNeverUpdated() {
    EmbeddingTable t = new EmbeddingTable("item", 10, 4, 0.5, 1, Optimizer.Adagrad.of(1.0));
    int[] ids = {0, 3, 0, 9};
    t.initialiseRows(ids, ids.length);
    FloatBuffer out = ByteBuffer.allocateDirect(4 * 16).order(ByteOrder.nativeOrder())
        .asFloatBuffer();
    t.gatherInto(ids, 0, 4, out);
    for (int k = 0; k < 4; k++) {
      assertEquals(0f, out.get(k));
      assertEquals(0f, out.get(8 + k));
    }
    assertTrue(out.get(4) != 0f, "a real row is drawn from N(0, 0.25)");
    float[] grads = {1, 1, 1, 1, 2, 2, 2, 2};
    t.update(new int[] {0, 3}, 2, grads, 1);
    assertArrayEquals(new float[4], t.row(0), "padding row stays zero");
  }

  @Test
  void shapesAndMaskShape() {
    Embedding e = Embedding.builder().name("item").numRows(100).numFields(5).embeddingDim(8)
        .build();
    assertEquals(List.of(Shape.batched(5, 8)), e.outputShapes(List.of(Shape.batched(5, 8))));
    assertEquals(Optional.of(Shape.batched(5)),
        e.outputMaskShape(List.of(Shape.batched(5, 8)), Optional.empty()));
    IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
        () -> e.outputShapes(List.of(Shape.batched(5, 4))));
    assertEquals("item.rows.shape=[B,5,4] must be [B,5,8]", x.getMessage());
  }
}
