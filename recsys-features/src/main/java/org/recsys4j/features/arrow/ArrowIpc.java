package org.recsys4j.features.arrow;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.recsys4j.core.Check;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Arrow IPC files (the random-access "file" format, {@code .arrow}) of {@link ArrowBatch}es.
 *
 * <p>Writing is atomic: batches go to a temporary file in the target's directory, which {@link
 * Writer#commit()} moves over the target with {@code ATOMIC_MOVE}; a failed or abandoned write
 * deletes the temporary file and leaves any existing target untouched. All batches of a file have
 * one schema (the same keys and widths).
 *
 * <p>Reading streams batch by batch ({@link Reader#read()}); only the current batch is in memory.
 * A file that is not a readable Arrow IPC file of encoded batches (truncated, corrupt, or another
 * schema) fails with an {@link IOException} naming the file.
 *
 * <pre>{@code
 * try (BufferAllocator a = new RootAllocator();
 *     ArrowIpc.Reader r = ArrowIpc.open(path, a)) {
 *   for (ArrowBatch next; (next = r.read()) != null; ) {
 *     try (ArrowBatch b = next) {
 *       int[] ids = b.ints("ids");
 *     }
 *   }
 * }
 * }</pre>
 */
public final class ArrowIpc {
  private static final Logger LOG = LoggerFactory.getLogger(ArrowIpc.class);

  private ArrowIpc() {}

  /**
   * Writes {@code batches} to {@code target} atomically; the batches stay open.
   *
   * @return the number of rows written
   * @throws IOException if writing or the move fails (the temporary file is deleted)
   * @throws IllegalArgumentException if {@code batches} is empty or their schemas differ
   */
  public static long write(Path target, Iterable<ArrowBatch> batches, BufferAllocator allocator)
      throws IOException {
    Check.notNull("batches", batches);
    try (Writer w = writer(target, allocator)) {
      for (ArrowBatch b : batches) {
        w.write(b);
      }
      Check.arg(w.batches() > 0, "batches", "[]", "must hold at least one batch");
      w.commit();
      return w.rows();
    }
  }

  /**
   * A writer to {@code target}, through a new temporary file in the same directory.
   *
   * @throws IOException if the temporary file cannot be created
   */
  public static Writer writer(Path target, BufferAllocator allocator) throws IOException {
    Check.notNull("target", target);
    Check.notNull("allocator", allocator);
    return new Writer(target.toAbsolutePath(), allocator);
  }

  /**
   * Opens {@code path} for reading batch by batch; batches are allocated from {@code allocator}.
   *
   * @throws IOException naming the file if it cannot be read, is truncated or corrupt, or does not
   *     hold encoded batches
   */
  public static Reader open(Path path, BufferAllocator allocator) throws IOException {
    Check.notNull("path", path);
    Check.notNull("allocator", allocator);
    return new Reader(path, allocator);
  }

  /**
   * Fails unless {@code schema} is an encoded-batch schema of {@link ArrowBatch}.
   *
   * @throws IllegalArgumentException naming the rule broken
   */
  static void checkSchema(Schema schema) {
    Map<String, String> meta = schema.getCustomMetadata();
    String format = meta == null ? null : meta.get(ArrowBatch.FORMAT_KEY);
    String version = meta == null ? null : meta.get(ArrowBatch.VERSION_KEY);
    Check.arg(ArrowBatch.FORMAT.equals(format), "schema." + ArrowBatch.FORMAT_KEY, format,
        "must be " + ArrowBatch.FORMAT);
    Check.arg(ArrowBatch.VERSION.equals(version), "schema." + ArrowBatch.VERSION_KEY, version,
        "is not supported; this library reads version " + ArrowBatch.VERSION);
    boolean label = false;
    boolean requestId = false;
    for (Field f : schema.getFields()) {
      String role = f.getMetadata().get(ArrowBatch.ROLE_KEY);
      if (ArrowBatch.ROLE_INTS.equals(role) || ArrowBatch.ROLE_FLOATS.equals(role)) {
        boolean ints = ArrowBatch.ROLE_INTS.equals(role);
        boolean ok = f.getType() instanceof ArrowType.FixedSizeList
            && f.getChildren().size() == 1
            && (ints
                ? f.getChildren().get(0).getType().equals(new ArrowType.Int(32, true))
                : f.getChildren().get(0).getType() instanceof ArrowType.FloatingPoint fp
                    && fp.getPrecision()
                        == org.apache.arrow.vector.types.FloatingPointPrecision.SINGLE);
        Check.arg(ok, "schema.field." + f.getName(), f, "must be a FixedSizeList of "
            + (ints ? "int32" : "float32"));
      } else if (ArrowBatch.LABEL.equals(f.getName())) {
        label = f.getType() instanceof ArrowType.FloatingPoint;
      } else if (ArrowBatch.REQUEST_ID.equals(f.getName())) {
        requestId = f.getType() instanceof ArrowType.Utf8;
      } else {
        Check.arg(false, "schema.field." + f.getName() + ".role", role,
            "must be ints or floats (unknown column)");
      }
    }
    Check.arg(label && requestId, "schema.fields", schema.getFields(),
        "must include " + ArrowBatch.LABEL + " (float32) and " + ArrowBatch.REQUEST_ID + " (utf8)");
  }

  /**
   * Writes batches of one schema to a temporary file and moves it over the target on {@link
   * #commit()}. {@link #close()} without a commit deletes the temporary file. Not thread-safe.
   */
  public static final class Writer implements Closeable {
    private final Path target;
    private final Path temp;
    private final BufferAllocator allocator;
    private final FileChannel channel;
    private VectorSchemaRoot root;
    private ArrowFileWriter writer;
    private long batches;
    private long rows;
    private boolean finished;

    private Writer(Path target, BufferAllocator allocator) throws IOException {
      this.target = target;
      this.allocator = allocator;
      Path dir = target.getParent();
      this.temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
      try {
        this.channel = FileChannel.open(temp, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING);
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(temp);
        throw e;
      }
    }

    /**
     * Appends {@code batch} (its buffers are shared, not copied; it stays open).
     *
     * @throws IOException if writing fails; the writer is then aborted
     * @throws IllegalArgumentException if the schema differs from the first batch's
     * @throws IllegalStateException if the writer is committed or closed
     */
    public void write(ArrowBatch batch) throws IOException {
      Check.notNull("batch", batch);
      Check.state(!finished, "writer of %s is already committed or closed", target);
      try {
        if (writer == null) {
          root = VectorSchemaRoot.create(batch.schema(), allocator);
          writer = new ArrowFileWriter(root, null, channel);
          writer.start();
        } else {
          Check.arg(batch.schema().equals(root.getSchema()), "batch.schema", batch.schema(),
              "must equal the file's schema " + root.getSchema());
        }
        try (ArrowRecordBatch rb = new VectorUnloader(batch.root()).getRecordBatch()) {
          new VectorLoader(root).load(rb);
        }
        writer.writeBatch();
        batches++;
        rows += batch.size();
      } catch (IOException e) {
        close();
        throw new IOException("writing Arrow IPC file " + target + " failed: " + e.getMessage(), e);
      }
    }

    /** Batches written so far. */
    public long batches() {
      return batches;
    }

    /** Rows written so far. */
    public long rows() {
      return rows;
    }

    /** The file this writer commits to. */
    public Path target() {
      return target;
    }

    /**
     * Ends the file and moves it over the target atomically.
     *
     * @throws IOException if finishing or the move fails (the temporary file is deleted)
     * @throws IllegalStateException if no batch was written, or already committed or closed
     */
    public void commit() throws IOException {
      Check.state(!finished, "writer of %s is already committed or closed", target);
      Check.state(batches > 0, "writer of %s has no batch; an Arrow file needs a schema", target);
      try {
        writer.end();
        channel.force(true);
        writer.close(); // closes the channel
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        finished = true;
        root.close();
        LOG.debug("wrote {} batches, {} rows to {}", batches, rows, target);
      } catch (IOException | RuntimeException e) {
        close();
        throw e;
      }
    }

    /** Aborts an uncommitted write, deleting the temporary file; idempotent. */
    @Override
    public void close() throws IOException {
      if (finished) {
        return;
      }
      finished = true;
      try {
        if (writer != null) {
          writer.close();
        }
        channel.close();
      } catch (IOException | RuntimeException e) {
        LOG.debug("closing aborted writer of {}: {}", target, e.toString());
      } finally {
        if (root != null) {
          root.close();
        }
        Files.deleteIfExists(temp);
      }
    }
  }

  /**
   * Reads an Arrow IPC file batch by batch. Each {@link #read()} returns a new batch the caller
   * owns and closes; the file is not held in memory. Not thread-safe.
   */
  public static final class Reader implements Closeable {
    private final Path path;
    private final BufferAllocator allocator;
    private final FileChannel channel;
    private final ArrowFileReader reader;
    private final VectorSchemaRoot root;
    private final int batchCount;
    private int batchesRead;

    private Reader(Path path, BufferAllocator allocator) throws IOException {
      this.path = path;
      this.allocator = allocator;
      this.channel = FileChannel.open(path, StandardOpenOption.READ);
      ArrowFileReader r = null;
      try {
        r = new ArrowFileReader(channel, allocator);
        this.root = r.getVectorSchemaRoot();
        this.batchCount = r.getRecordBlocks().size();
        checkSchema(root.getSchema());
        this.reader = r;
      } catch (IOException | RuntimeException e) {
        if (r != null) {
          try {
            r.close();
          } catch (IOException | RuntimeException suppressed) {
            e.addSuppressed(suppressed);
          }
        }
        channel.close();
        throw corrupt(path, e);
      }
    }

    /** The file's schema. */
    public Schema schema() {
      return root.getSchema();
    }

    /** Number of batches in the file (from its footer). */
    public int batchCount() {
      return batchCount;
    }

    /**
     * The next batch, or null at the end of the file.
     *
     * @throws IOException naming the file if the batch cannot be read (corrupt file)
     */
    public ArrowBatch read() throws IOException {
      try {
        if (!reader.loadNextBatch()) {
          return null;
        }
        batchesRead++;
        return ArrowBatch.shareOf(root, allocator);
      } catch (IOException | RuntimeException e) {
        throw corrupt(path, e);
      }
    }

    /** Batches returned so far. */
    public int batchesRead() {
      return batchesRead;
    }

    /** Closes the file; batches already returned stay valid. */
    @Override
    public void close() throws IOException {
      try {
        reader.close();
      } finally {
        channel.close();
      }
    }
  }

  private static IOException corrupt(Path path, Exception e) {
    return new IOException("Arrow IPC file " + path + " is truncated, corrupt or not a file of "
        + "encoded batches: " + e, e);
  }
}
