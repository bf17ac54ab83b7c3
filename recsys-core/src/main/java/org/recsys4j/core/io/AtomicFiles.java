package org.recsys4j.core.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.recsys4j.core.Check;

/**
 * Atomic file writes, the one place that does them: the content goes to a temporary file in the
 * target's folder ({@code .<name>.<random>.tmp}), is forced to disk, and is renamed over the target
 * with {@link StandardCopyOption#ATOMIC_MOVE}. Readers and a process killed at any point see the
 * old file or the complete new one, never a part; a failed or abandoned write deletes its temporary
 * file. Missing parent folders are created. The temporary file is created like any new file (not
 * with {@code Files.createTempFile}'s mode 0600), so the target gets the usual permissions under
 * the process umask.
 *
 * <p>Whole contents go through {@link #write(Path, byte[])} or {@link #write(Path, Body)}; a file
 * written piece by piece (a stream of record batches) opens a {@link Pending} write and commits it.
 * A folder of files (a checkpoint, a model package) goes through {@link #writeFolder}.
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
   * @throws IOException if the body or the file system fails (also when the file system cannot move
   *     atomically); the target is then unchanged
   */
  public static void write(Path path, Body body) throws IOException {
    Check.notNull("body", body);
    try (Pending p = open(path)) {
      body.write(p.channel());
      p.commit();
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

  /**
   * Starts an atomic write of {@code path}: a temporary file beside it, open for reading and
   * writing. Write through {@link Pending#channel()}, then {@link Pending#commit()}; closing an
   * uncommitted write deletes the temporary file and leaves the target unchanged.
   *
   * @throws IOException if the folder cannot be created or the temporary file cannot be opened
   */
  public static Pending open(Path path) throws IOException {
    Check.notNull("path", path);
    Path abs = path.toAbsolutePath();
    Check.arg(abs.getFileName() != null, "path", path, "must name a file");
    Path dir = abs.getParent();
    Files.createDirectories(dir);
    Path tmp =
        dir.resolve(
            "."
                + abs.getFileName()
                + "."
                + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)
                + ".tmp");
    // CREATE_NEW: an existing file of that name is not ours to overwrite or delete
    FileChannel ch =
        FileChannel.open(
            tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
    return new Pending(abs, tmp, ch);
  }

  /** Fills a temporary folder with the files of a folder written by {@link #writeFolder}. */
  @FunctionalInterface
  public interface FolderBody {
    /**
     * Writes every file of the folder.
     *
     * @param folder the temporary folder (empty, beside the target)
     * @throws IOException on a write failure (the target is then left unchanged)
     */
    void write(Path folder) throws IOException;
  }

  /**
   * Writes folder {@code target} atomically: {@code body} fills a temporary folder beside it
   * ({@code .<name>.tmp-*}), which is forced to disk and renamed to {@code target}. An existing
   * {@code target} is first renamed aside ({@code <}{@link #asidePrefix}{@code >*}), then deleted
   * once the new folder is in place; a process killed between the two renames leaves the old folder
   * there under that name (readers can name it). On failure the temporary folder is deleted.
   *
   * @throws IOException if the body or the file system fails; the target is then unchanged
   * @throws IllegalArgumentException if {@code target} is a file-system root
   */
  public static void writeFolder(Path target, FolderBody body) throws IOException {
    Check.notNull("body", body);
    Path abs = Check.notNull("target", target).toAbsolutePath().normalize();
    Path parent = abs.getParent();
    Check.arg(parent != null, "target", target, "must not be a file-system root");
    Files.createDirectories(parent);
    Path tmp = Files.createTempDirectory(parent, "." + abs.getFileName() + ".tmp-");
    try {
      body.write(tmp);
      forceDirectory(tmp);
      if (Files.exists(abs)) {
        Path old = Files.createTempDirectory(parent, asidePrefix(abs));
        Files.move(abs, old, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE);
        forceDirectory(parent);
        deleteTree(old);
      } else {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE);
        forceDirectory(parent);
      }
    } finally {
      deleteTree(tmp);
    }
  }

  /**
   * The name prefix, {@code .<name>.old-}, under which {@link #writeFolder} sets an existing folder
   * {@code target} aside while replacing it.
   */
  public static String asidePrefix(Path target) {
    return "." + target.toAbsolutePath().normalize().getFileName() + ".old-";
  }

  /** Deletes {@code root} and everything below it; nothing if it does not exist. */
  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Forces a folder's entries (a rename) to disk where the platform allows it; else a no-op. */
  public static void forceDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Some platforms cannot open a folder; the rename is still atomic there.
    }
  }

  /**
   * An atomic write in progress (from {@link #open}): a temporary file that {@link #commit()}
   * renames over the target and {@link #close()} deletes unless committed.
   */
  public static final class Pending implements Closeable {
    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private boolean done;

    private Pending(Path target, Path temp, FileChannel channel) {
      this.target = target;
      this.temp = temp;
      this.channel = channel;
    }

    /** The absolute target path. */
    public Path target() {
      return target;
    }

    /** The temporary file's channel (read and write); {@link #commit()} forces and closes it. */
    public FileChannel channel() {
      return channel;
    }

    /**
     * Forces the content to disk, closes the channel and renames the temporary file over the
     * target.
     *
     * @throws IOException if forcing or the move fails (then the temporary file is deleted and the
     *     target unchanged), with the target named when the file system cannot move atomically
     * @throws IllegalStateException if already committed or closed
     */
    public void commit() throws IOException {
      Check.state(!done, "atomic write of %s is already committed or closed", target);
      try {
        channel.force(true);
        channel.close();
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        close();
        throw new IOException("cannot write " + target + " atomically: " + e.getMessage(), e);
      } catch (IOException | RuntimeException e) {
        close();
        throw e;
      }
      done = true;
      forceDirectory(target.getParent());
    }

    /** Abandons an uncommitted write: closes the channel and deletes the temporary file. */
    @Override
    public void close() throws IOException {
      if (done) {
        return;
      }
      done = true;
      try {
        channel.close();
      } finally {
        Files.deleteIfExists(temp);
      }
    }
  }
}
