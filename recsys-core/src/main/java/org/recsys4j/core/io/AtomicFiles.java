package org.recsys4j.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.recsys4j.core.Check;

/**
 * Atomic file writes: the content goes to a temporary file in the target's folder, is forced to
 * disk, and is renamed over the target with {@link StandardCopyOption#ATOMIC_MOVE}. Readers and a
 * process killed at any point see the old file or the complete new one, never a part; a failed
 * write deletes its temporary file.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes the bytes a {@link Body} produces into a channel. */
  @FunctionalInterface
  public interface Body {
    /**
     * Writes the whole content.
     *
     * @param channel the temporary file's channel, positioned at 0
     * @throws IOException on a write failure (the target is then left unchanged)
     */
    void write(FileChannel channel) throws IOException;
  }

  /**
   * Writes {@code path} atomically with the content {@code body} writes; creates missing parent
   * folders.
   *
   * @throws IOException if the body or the file system fails; the target is then unchanged
   */
  public static void write(Path path, Body body) throws IOException {
    Check.notNull("path", path);
    Check.notNull("body", body);
    Path abs = path.toAbsolutePath();
    Path dir = abs.getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
    try {
      try (FileChannel ch =
          FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        body.write(ch);
        ch.force(true);
      }
      Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      forceDirectory(dir);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Writes {@code bytes} to {@code path} atomically; see {@link #write(Path, Body)}. */
  public static void write(Path path, byte[] bytes) throws IOException {
    Check.notNull("bytes", bytes);
    write(
        path,
        ch -> {
          ByteBuffer b = ByteBuffer.wrap(bytes);
          while (b.hasRemaining()) {
            ch.write(b);
          }
        });
  }

  /** Forces a folder's entries (a rename) to disk where the platform allows it; else a no-op. */
  public static void forceDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Some platforms cannot open a folder; the rename is still atomic there.
    }
  }
}
