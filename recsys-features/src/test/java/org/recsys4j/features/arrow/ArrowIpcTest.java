package org.recsys4j.features.arrow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.features.encode.FeatureEncoder;

class ArrowIpcTest {
  @TempDir Path dir;
  private BufferAllocator allocator;

  @BeforeEach
  void open() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void close() {
    allocator.close(); // fails if a test leaked Arrow memory
  }

  /** Writes batches of sizes 5, 1, 3 with labels and request ids; returns the originals. */
  private List<EncodedBatch> writeSample(FeatureEncoder enc, Path file) throws IOException {
    List<EncodedBatch> originals = new ArrayList<>();
    List<ArrowBatch> arrow = new ArrayList<>();
    int[] sizes = {5, 1, 3};
    try {
      for (int i = 0; i < sizes.length; i++) {
        EncodedBatch b = ArrowFixtures.filled(enc, sizes[i], i);
        originals.add(b);
        float[] labels = new float[sizes[i]];
        String[] ids = new String[sizes[i]];
        for (int r = 0; r < sizes[i]; r++) {
          labels[r] = (i + r) % 2;
          ids[r] = "req-" + i + "-" + r;
        }
        arrow.add(ArrowBatch.from(b, sizes[i], labels, ids, allocator));
      }
      assertEquals(9, ArrowIpc.write(file, arrow, allocator));
    } finally {
      arrow.forEach(ArrowBatch::close);
    }
    return originals;
  }

  @Test
  void roundTripBatchByBatch() throws IOException {
    FeatureEncoder enc = ArrowFixtures.encoder(3, 2, 4, 1);
    Path file = dir.resolve("features.arrow");
    List<EncodedBatch> originals = writeSample(enc, file);
    try (ArrowIpc.Reader r = ArrowIpc.open(file, allocator)) {
      assertEquals(3, r.batchCount());
      for (int i = 0; i < originals.size(); i++) {
        try (ArrowBatch b = r.read()) {
          ArrowFixtures.assertSameBatch(originals.get(i), b.toEncodedBatch(enc));
          assertEquals("req-" + i + "-0", b.requestId(0));
          assertEquals(i % 2, b.labels()[0]);
        }
      }
      assertNull(r.read());
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList(), "no temporary file is left");
    }
  }

  @Test
  void batchesOutliveTheReader() throws IOException {
    FeatureEncoder enc = ArrowFixtures.encoder(2, 1);
    Path file = dir.resolve("f.arrow");
    List<EncodedBatch> originals = writeSample(enc, file);
    List<ArrowBatch> read = new ArrayList<>();
    try (ArrowIpc.Reader r = ArrowIpc.open(file, allocator)) {
      for (ArrowBatch b; (b = r.read()) != null; ) {
        read.add(b);
      }
    }
    for (int i = 0; i < read.size(); i++) {
      try (ArrowBatch b = read.get(i)) {
        ArrowFixtures.assertSameBatch(originals.get(i), b.toEncodedBatch(enc));
      }
    }
  }

  @Test
  void truncatedFileFailsNamingTheFile() throws IOException {
    FeatureEncoder enc = ArrowFixtures.encoder(2, 1, 3);
    Path file = dir.resolve("full.arrow");
    writeSample(enc, file);
    byte[] bytes = Files.readAllBytes(file);
    for (int keep : new int[] {0, 5, bytes.length / 2, bytes.length - 1}) {
      Path cut = dir.resolve("cut-" + keep + ".arrow");
      Files.write(cut, Arrays.copyOf(bytes, keep));
      IOException e = assertThrows(IOException.class, () -> readAll(cut), "kept " + keep);
      assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
      assertTrue(e.getMessage().contains("truncated, corrupt"), e.getMessage());
    }
  }

  @Test
  void otherArrowFileIsRejected() throws IOException {
    Path file = dir.resolve("plain.arrow");
    try (org.apache.arrow.vector.VectorSchemaRoot root =
            org.apache.arrow.vector.VectorSchemaRoot.create(
                new org.apache.arrow.vector.types.pojo.Schema(
                    List.of(
                        org.apache.arrow.vector.types.pojo.Field.nullable(
                            "x", new org.apache.arrow.vector.types.pojo.ArrowType.Int(32, true)))),
                allocator);
        var ch =
            java.nio.channels.FileChannel.open(
                file,
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE);
        var w = new org.apache.arrow.vector.ipc.ArrowFileWriter(root, null, ch)) {
      root.setRowCount(0);
      w.start();
      w.writeBatch();
      w.end();
    }
    IOException e = assertThrows(IOException.class, () -> readAll(file));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(
        e.getMessage().contains("recsys4j.format=null must be EncodedBatch"), e.getMessage());
  }

  @Test
  void failedWriteLeavesTargetAndNoTemporaryFile() throws IOException {
    FeatureEncoder enc = ArrowFixtures.encoder(2, 0);
    Path file = dir.resolve("keep.arrow");
    List<EncodedBatch> originals = writeSample(enc, file);
    byte[] before = Files.readAllBytes(file);
    EncodedBatch other = ArrowFixtures.filled(ArrowFixtures.encoder(3, 0), 2, 9);
    try (ArrowBatch a = ArrowBatch.from(originals.get(0), null, allocator);
        ArrowBatch b = ArrowBatch.from(other, null, allocator)) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> ArrowIpc.write(file, List.of(a, b), allocator));
      assertTrue(e.getMessage().startsWith("batch.schema="), e.getMessage());
      assertThrows(
          IllegalArgumentException.class, () -> ArrowIpc.write(file, List.of(), allocator));
    }
    assertArrayEquals(before, Files.readAllBytes(file));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList());
    }
  }

  @Test
  void writerIsSingleUse() throws IOException {
    FeatureEncoder enc = ArrowFixtures.encoder(1, 0);
    Path file = dir.resolve("w.arrow");
    try (ArrowBatch a = ArrowBatch.from(ArrowFixtures.filled(enc, 2, 0), null, allocator);
        ArrowIpc.Writer w = ArrowIpc.writer(file, allocator)) {
      assertThrows(IllegalStateException.class, w::commit); // nothing written yet
      assertFalse(Files.exists(file));
    }
    try (ArrowBatch a = ArrowBatch.from(ArrowFixtures.filled(enc, 2, 0), null, allocator);
        ArrowIpc.Writer w = ArrowIpc.writer(file, allocator)) {
      w.write(a);
      w.commit();
      assertThrows(IllegalStateException.class, () -> w.write(a));
    }
    assertTrue(Files.exists(file));
  }

  private void readAll(Path file) throws IOException {
    try (ArrowIpc.Reader r = ArrowIpc.open(file, allocator)) {
      for (ArrowBatch b; (b = r.read()) != null; ) {
        b.close();
      }
    }
  }
}
