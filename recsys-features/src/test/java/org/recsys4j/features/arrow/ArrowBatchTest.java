package org.recsys4j.features.arrow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.features.encode.FeatureEncoder;

class ArrowBatchTest {
  private BufferAllocator allocator;

  @BeforeEach
  void open() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void close() {
    allocator.close(); // fails if a test leaked Arrow memory
  }

  @Test
  void columnsAreFixedSizeListsWithTheRowWidth() {
    FeatureEncoder enc = ArrowFixtures.encoder(3, 2, 4);
    try (ArrowBatch a = ArrowBatch.from(ArrowFixtures.filled(enc, 5, 1), null, allocator)) {
      assertEquals(List.of("ids", "s0"), a.intKeys());
      assertEquals(List.of("dense", "s0.mask"), a.floatKeys());
      assertEquals(3, a.width("ids"));
      assertEquals(2, a.width("dense"));
      assertEquals(4, a.width("s0.mask"));
      assertEquals(new ArrowType.FixedSizeList(3), a.schema().findField("ids").getType());
      assertEquals("ints", a.schema().findField("ids").getMetadata().get(ArrowBatch.ROLE_KEY));
      assertEquals(5, a.root().getRowCount());
    }
  }

  @Test
  void toNd4jEqualsTheArrays() {
    FeatureEncoder enc = ArrowFixtures.encoder(3, 2, 4);
    EncodedBatch b = enc.newBatch(2);
    int[] ids = b.ints("ids");
    for (int i = 0; i < ids.length; i++) {
      ids[i] = 10 * i - 7;
    }
    float[] dense = b.floats("dense");
    for (int i = 0; i < dense.length; i++) {
      dense[i] = 0.25f * i - 1f;
    }
    try (ArrowBatch a = ArrowBatch.from(b, null, allocator)) {
      INDArray x = a.toNd4j("ids");
      assertEquals(DataType.INT32, x.dataType());
      assertArrayEquals(new long[] {2, 3}, x.shape());
      assertArrayEquals(ids, x.data().asInt());
      assertEquals(ids[1 * 3 + 2], x.getInt(1, 2)); // row-major [b, f]
      INDArray d = a.toNd4j("dense");
      assertEquals(DataType.FLOAT, d.dataType());
      assertArrayEquals(new long[] {2, 2}, d.shape());
      assertArrayEquals(dense, d.data().asFloat());
      assertEquals(dense[1 * 2 + 0], d.getFloat(1, 0));
      assertArrayEquals(new long[] {2, 4}, a.toNd4j("s0.mask").shape());
    }
  }

  @Test
  void labelsAndRequestIds() {
    FeatureEncoder enc = ArrowFixtures.encoder(1, 0);
    EncodedBatch b = ArrowFixtures.filled(enc, 3, 2);
    try (ArrowBatch a =
        ArrowBatch.from(
            b,
            3,
            new float[] {1f, 0f, Float.NaN, 9f},
            new String[] {"r1", null, "Zürich"},
            allocator)) {
      assertTrue(a.hasLabels());
      assertArrayEquals(new float[] {1f, 0f, Float.NaN}, a.labels());
      assertEquals("r1", a.requestId(0));
      assertNull(a.requestId(1));
      assertEquals("Zürich", a.requestId(2));
    }
    try (ArrowBatch a = ArrowBatch.from(b, null, allocator)) {
      assertFalse(a.hasLabels());
      IllegalStateException e = assertThrows(IllegalStateException.class, a::labels);
      assertTrue(e.getMessage().contains("3 null labels of 3"), e.getMessage());
    }
  }

  @Test
  void copyIntoReusesTheTargetAndChecksItsLayout() {
    FeatureEncoder enc = ArrowFixtures.encoder(2, 1, 3);
    EncodedBatch b = ArrowFixtures.filled(enc, 4, 3);
    try (ArrowBatch a = ArrowBatch.from(b, null, allocator)) {
      EncodedBatch out = enc.newBatch(4);
      assertTrue(out == a.copyInto(out));
      ArrowFixtures.assertSameBatch(b, out);
      IllegalArgumentException size =
          assertThrows(IllegalArgumentException.class, () -> a.copyInto(enc.newBatch(3)));
      assertEquals("out.size=3 must equal the batch size 4", size.getMessage());
      FeatureEncoder other = ArrowFixtures.encoder(2, 0);
      IllegalArgumentException keys =
          assertThrows(IllegalArgumentException.class, () -> a.toEncodedBatch(other));
      assertTrue(keys.getMessage().startsWith("out.keys="), keys.getMessage());
      FeatureEncoder wider = ArrowFixtures.encoder(3, 1, 3);
      IllegalArgumentException width =
          assertThrows(IllegalArgumentException.class, () -> a.toEncodedBatch(wider));
      assertEquals("out.ids.length=12 must be 8 = 4 x width 2", width.getMessage());
    }
  }

  @Test
  void rejectsBadArguments() {
    FeatureEncoder enc = ArrowFixtures.encoder(2, 0);
    EncodedBatch b = enc.newBatch(2);
    IllegalArgumentException rows =
        assertThrows(
            IllegalArgumentException.class, () -> ArrowBatch.from(b, 3, null, null, allocator));
    assertTrue(rows.getMessage().startsWith("rows=3"), rows.getMessage());
    IllegalArgumentException labels =
        assertThrows(
            IllegalArgumentException.class, () -> ArrowBatch.from(b, new float[1], allocator));
    assertEquals("labels.length=1 must be >= rows=2", labels.getMessage());
    try (ArrowBatch a = ArrowBatch.from(b, null, allocator)) {
      IllegalArgumentException key =
          assertThrows(IllegalArgumentException.class, () -> a.floats("ids"));
      assertEquals("key='ids' must be one of the float inputs []", key.getMessage());
      assertThrows(IllegalArgumentException.class, () -> a.toNd4j("nope"));
    }
  }
}
