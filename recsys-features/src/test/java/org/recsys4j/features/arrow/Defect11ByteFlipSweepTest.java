package org.recsys4j.features.arrow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.features.encode.FeatureEncoder;

/**
 * Issue 7, defect 11: flipping the bytes of an Arrow IPC file one at a time gave silently different
 * data, {@code OutOfMemoryError}s and leaked Arrow buffers. Every byte of a small file (a few KB)
 * is flipped in turn and the file read back with a fresh allocator: each read either returns
 * exactly the original data (the byte was not used, e.g. padding) or fails with an {@link
 * IOException} naming the file; never an OOM, another exception, or a leak.
 */
class Defect11ByteFlipSweepTest {
  @TempDir Path dir;

  /** Everything a reader can observe of a file's batches, as text. */
  private static String snapshot(Path file, BufferAllocator allocator) throws IOException {
    StringBuilder s = new StringBuilder();
    try (ArrowIpc.Reader r = ArrowIpc.open(file, allocator)) {
      s.append("batches=").append(r.batchCount()).append('\n');
      for (ArrowBatch next; (next = r.read()) != null; ) {
        try (ArrowBatch b = next) {
          s.append("size=")
              .append(b.size())
              .append(" ints=")
              .append(b.intKeys())
              .append(" floats=")
              .append(b.floatKeys())
              .append('\n');
          for (String k : b.intKeys()) {
            s.append(k)
                .append('[')
                .append(b.width(k))
                .append("]=")
                .append(Arrays.toString(b.ints(k)))
                .append('\n');
          }
          for (String k : b.floatKeys()) {
            s.append(k)
                .append('[')
                .append(b.width(k))
                .append("]=")
                .append(Arrays.toString(ArrowFixtures.rawBits(b.floats(k))))
                .append('\n');
          }
          s.append("labels=")
              .append(
                  b.hasLabels() ? Arrays.toString(ArrowFixtures.rawBits(b.labels())) : "unknown")
              .append('\n');
          for (int i = 0; i < b.size(); i++) {
            s.append(b.requestId(i)).append(',');
          }
          s.append('\n');
        }
      }
    }
    return s.toString();
  }

  private Path writeSmallFile() throws IOException {
    FeatureEncoder enc = ArrowFixtures.encoder(1, 1, 2);
    Path file = dir.resolve("original.arrow");
    List<ArrowBatch> arrow = new ArrayList<>();
    try (BufferAllocator a = new RootAllocator()) {
      try {
        int[] sizes = {3, 1};
        for (int i = 0; i < sizes.length; i++) {
          EncodedBatch b = ArrowFixtures.filled(enc, sizes[i], i);
          float[] labels = new float[sizes[i]];
          String[] ids = new String[sizes[i]];
          for (int r = 0; r < sizes[i]; r++) {
            labels[r] = (i + r) % 2;
            ids[r] = r == 1 ? null : "q" + i + r;
          }
          arrow.add(ArrowBatch.from(b, sizes[i], i == 1 ? null : labels, ids, a));
        }
        ArrowIpc.write(file, arrow, a);
      } finally {
        arrow.forEach(ArrowBatch::close);
      }
    }
    return file;
  }

  @Test
  void everySingleByteFlipIsReadIdenticallyOrFailsWithAnIoExceptionNamingTheFile()
      throws IOException {
    Path original = writeSmallFile();
    byte[] bytes = Files.readAllBytes(original);
    String expected;
    try (BufferAllocator a = new RootAllocator()) {
      expected = snapshot(original, a);
    }
    assertTrue(expected.contains("batches=2"), expected);
    Path flipped = dir.resolve("flipped.arrow");
    int detected = 0;
    int unchanged = 0;
    List<String> silent = new ArrayList<>();
    List<String> oom = new ArrayList<>();
    List<String> other = new ArrayList<>();
    List<String> leaks = new ArrayList<>();
    for (int p = 0; p < bytes.length; p++) {
      byte[] copy = bytes.clone();
      copy[p] ^= (byte) 0xFF;
      Files.write(flipped, copy);
      BufferAllocator a = new RootAllocator();
      try {
        String got = snapshot(flipped, a);
        if (got.equals(expected)) {
          unchanged++;
        } else {
          silent.add("byte " + p);
        }
      } catch (IOException e) {
        detected++;
        if (!e.getMessage().contains(flipped.toString())) {
          other.add("byte " + p + ": message without the file: " + e.getMessage());
        }
      } catch (OutOfMemoryError e) {
        oom.add("byte " + p + ": " + e);
      } catch (RuntimeException e) {
        other.add("byte " + p + ": " + e);
      } finally {
        try {
          a.close();
        } catch (IllegalStateException e) {
          leaks.add("byte " + p + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
      }
    }
    String summary =
        bytes.length
            + " bytes: "
            + detected
            + " detected, "
            + unchanged
            + " unchanged, silent "
            + silent.size()
            + " "
            + head(silent)
            + ", OOM "
            + oom.size()
            + " "
            + head(oom)
            + ", other "
            + other.size()
            + " "
            + head(other)
            + ", leaks "
            + leaks.size()
            + " "
            + head(leaks);
    assertTrue(bytes.length >= 1024, summary);
    assertEquals(List.of(), silent, summary);
    assertEquals(List.of(), oom, summary);
    assertEquals(List.of(), other, summary);
    assertEquals(List.of(), leaks, summary);
    assertEquals(bytes.length, detected + unchanged, summary);
  }

  private static List<String> head(List<String> l) {
    return l.subList(0, Math.min(3, l.size()));
  }
}
