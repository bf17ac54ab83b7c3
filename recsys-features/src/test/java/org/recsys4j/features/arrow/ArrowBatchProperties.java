package org.recsys4j.features.arrow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.features.encode.FeatureEncoder;

@PropertyDefaults(tries = 200)
class ArrowBatchProperties {
  private static BufferAllocator allocator;

  @BeforeContainer
  static void open() {
    allocator = new RootAllocator();
  }

  @AfterContainer
  static void close() {
    allocator.close(); // fails if any test leaked Arrow memory
  }

  /** Shapes first (schema, batch size), then values; batch size 1 and single columns included. */
  @Property
  void roundTripIsBitExact(
      @ForAll @IntRange(min = 0, max = 4) int cats,
      @ForAll @IntRange(min = 0, max = 3) int dense,
      @ForAll @Size(max = 2) List<@IntRange(min = 1, max = 5) Integer> seqLens,
      @ForAll @IntRange(min = 1, max = 9) int size,
      @ForAll long seed) {
    Assume.that(cats + dense + seqLens.size() > 0);
    FeatureEncoder enc =
        ArrowFixtures.encoder(cats, dense, seqLens.stream().mapToInt(Integer::intValue).toArray());
    EncodedBatch original = ArrowFixtures.filled(enc, size, seed);
    float[] labels =
        ArrowFixtures.filled(ArrowFixtures.encoder(0, 1), size, ~seed).floats(FeatureEncoder.DENSE);
    try (ArrowBatch a = ArrowBatch.from(original, labels, allocator)) {
      assertEquals(size, a.size());
      ArrowFixtures.assertSameBatch(original, a.toEncodedBatch(enc));
      assertArrayEquals(ArrowFixtures.rawBits(labels), ArrowFixtures.rawBits(a.labels()));
      for (String k : a.intKeys()) {
        assertEquals(original.ints(k).length / size, a.width(k), k);
      }
    }
  }

  /** A prefix of {@code rows} rows equals the original's first rows. */
  @Property(tries = 100)
  void prefixEqualsLeadingRows(
      @ForAll @IntRange(min = 1, max = 9) int size,
      @ForAll @IntRange(min = 1, max = 9) int rows,
      @ForAll long seed) {
    Assume.that(rows <= size);
    FeatureEncoder enc = ArrowFixtures.encoder(2, 1, 3);
    EncodedBatch original = ArrowFixtures.filled(enc, size, seed);
    try (ArrowBatch a = ArrowBatch.from(original, rows, null, null, allocator)) {
      EncodedBatch back = a.toEncodedBatch(enc);
      for (String k : original.ints().keySet()) {
        int w = a.width(k);
        assertArrayEquals(Arrays.copyOf(original.ints(k), rows * w), back.ints(k), k);
      }
      for (String k : original.floats().keySet()) {
        int w = a.width(k);
        assertArrayEquals(
            ArrowFixtures.rawBits(Arrays.copyOf(original.floats(k), rows * w)),
            ArrowFixtures.rawBits(back.floats(k)),
            k);
      }
    }
  }
}
