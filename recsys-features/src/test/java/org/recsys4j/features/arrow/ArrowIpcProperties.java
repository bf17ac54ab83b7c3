package org.recsys4j.features.arrow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

@PropertyDefaults(tries = 40)
class ArrowIpcProperties {
  private static BufferAllocator allocator;
  private static Path dir;

  @BeforeContainer
  static void open() throws IOException {
    allocator = new RootAllocator();
    dir = Files.createTempDirectory("arrow-ipc-properties");
  }

  @AfterContainer
  static void close() throws IOException {
    allocator.close(); // fails if any test leaked Arrow memory
    try (var s = Files.list(dir)) {
      for (Path p : s.toList()) {
        Files.delete(p);
      }
    }
    Files.delete(dir);
  }

  /** Any sequence of batches (sizes first, then values) reads back batch by batch, bit-exact. */
  @Property
  void fileRoundTripIsBitExact(
      @ForAll @IntRange(min = 0, max = 3) int cats,
      @ForAll @IntRange(min = 0, max = 2) int dense,
      @ForAll @IntRange(min = 0, max = 4) int seqLen,
      @ForAll @Size(min = 1, max = 4) List<@IntRange(min = 1, max = 6) Integer> sizes,
      @ForAll long seed)
      throws IOException {
    Assume.that(cats + dense + seqLen > 0);
    FeatureEncoder enc =
        seqLen == 0
            ? ArrowFixtures.encoder(cats, dense)
            : ArrowFixtures.encoder(cats, dense, seqLen);
    List<EncodedBatch> originals = new ArrayList<>();
    List<float[]> labels = new ArrayList<>();
    List<ArrowBatch> arrow = new ArrayList<>();
    Path file = dir.resolve("p.arrow"); // overwritten atomically by every try
    try {
      for (int i = 0; i < sizes.size(); i++) {
        EncodedBatch b = ArrowFixtures.filled(enc, sizes.get(i), seed + i);
        float[] y =
            ArrowFixtures.filled(ArrowFixtures.encoder(0, 1), sizes.get(i), ~seed - i)
                .floats(FeatureEncoder.DENSE);
        originals.add(b);
        labels.add(y);
        arrow.add(ArrowBatch.from(b, y, allocator));
      }
      long rows = ArrowIpc.write(file, arrow, allocator);
      assertEquals(sizes.stream().mapToInt(Integer::intValue).sum(), rows);
    } finally {
      arrow.forEach(ArrowBatch::close);
    }
    try (ArrowIpc.Reader r = ArrowIpc.open(file, allocator)) {
      assertEquals(sizes.size(), r.batchCount());
      for (int i = 0; i < sizes.size(); i++) {
        try (ArrowBatch b = r.read()) {
          ArrowFixtures.assertSameBatch(originals.get(i), b.toEncodedBatch(enc));
          assertArrayEquals(
              ArrowFixtures.rawBits(labels.get(i)), ArrowFixtures.rawBits(b.labels()));
        }
      }
      assertNull(r.read());
    }
  }
}
