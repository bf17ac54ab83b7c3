package org.recsys4j.features.arrow;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.recsys4j.core.Check;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.features.encode.FeatureEncoder;
import org.recsys4j.features.encode.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps a serving {@link FeatureEncoder} and records exactly what it computed, so that training
 * reuses those features instead of recomputing them (online/offline consistency).
 *
 * <p>Each request is encoded by the wrapped encoder and returned unchanged; its rows are also
 * copied (bulk array copies) into a pending batch of {@link Builder#batchSize(int)} rows with the
 * request id and a null label (a placeholder, joined with outcomes later). A full batch is written
 * as an {@link ArrowBatch} to the current Arrow IPC file; after {@link Builder#batchesPerFile(int)}
 * batches the file is committed atomically (see {@link ArrowIpc}) as {@code
 * <directory>/<prefix>-<NNNNNN>.arrow}, numbered from the first free number. {@link #flush()} and
 * {@link #close()} write the partial batch and commit the current file. Files are read back with
 * {@link ArrowIpc#open}; reading them in {@link #files()} order gives the rows in dump order.
 *
 * <p>A request whose encoding throws (a malformed value) is not recorded. Writing happens on the
 * calling thread when a batch fills; if it fails ({@link UncheckedIOException}), the rows of the
 * uncommitted file are lost and the next batch starts a new file. Not thread-safe: use one dump per
 * encoder and thread.
 */
public final class FeatureDump implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(FeatureDump.class);

  private final FeatureEncoder encoder;
  private final Path directory;
  private final String prefix;
  private final int batchSize;
  private final int batchesPerFile;
  private final BufferAllocator allocator;
  private final boolean ownsAllocator;
  private final EncodedBatch pending;
  private final String[] pendingIds;
  private final List<Path> files = new ArrayList<>();
  private int fill;
  private int nextNumber;
  private ArrowIpc.Writer writer;
  private long rows;
  private boolean closed;

  private FeatureDump(Builder b) {
    this.encoder = b.encoder;
    this.directory = b.directory;
    this.prefix = b.prefix;
    this.batchSize = b.batchSize;
    this.batchesPerFile = b.batchesPerFile;
    this.ownsAllocator = b.allocator == null;
    this.allocator = ownsAllocator ? new RootAllocator() : b.allocator;
    this.pending = encoder.newBatch(batchSize);
    this.pendingIds = new String[batchSize];
  }

  /**
   * A builder for a dump of {@code encoder}'s output into {@code directory} (created if absent).
   *
   * @throws IllegalArgumentException if an argument is null
   */
  public static Builder builder(FeatureEncoder encoder, Path directory) {
    return new Builder(Check.notNull("encoder", encoder), Check.notNull("directory", directory));
  }

  /**
   * Encodes one request of {@code rows} (e.g. one user with its candidates) as {@code
   * encoder.encodeBatch(rows)} and records it under {@code requestId}.
   *
   * <p>Shapes: as {@link FeatureEncoder#encodeBatch(List)}, {@code B = rows.size()}.
   *
   * @param requestId the id stored with every row of the request, or null
   * @return the encoded request, a new batch owned by the caller
   * @throws IllegalArgumentException if {@code rows} is empty or a value is malformed (nothing is
   *     recorded then)
   * @throws UncheckedIOException if writing a full batch fails
   * @throws IllegalStateException if the dump is closed
   */
  public EncodedBatch encodeRequest(List<? extends Row> rows, String requestId) {
    Check.state(!closed, "feature dump to %s is closed", directory);
    EncodedBatch out = encoder.encodeBatch(rows);
    append(out, requestId);
    return out;
  }

  /**
   * Encodes one row as {@code encoder.encode(row)} and records it under {@code requestId}.
   *
   * @return the encoder's reusable size-1 batch, overwritten by its next {@code encode} call
   * @throws IllegalArgumentException if a value is malformed (nothing is recorded then)
   * @throws UncheckedIOException if writing a full batch fails
   * @throws IllegalStateException if the dump is closed
   */
  public EncodedBatch encode(Row row, String requestId) {
    Check.state(!closed, "feature dump to %s is closed", directory);
    EncodedBatch out = encoder.encode(row);
    append(out, requestId);
    return out;
  }

  private void append(EncodedBatch batch, String requestId) {
    int n = batch.size();
    int from = 0;
    while (from < n) {
      int k = Math.min(n - from, batchSize - fill);
      for (Map.Entry<String, int[]> e : batch.ints().entrySet()) {
        int w = e.getValue().length / n;
        System.arraycopy(e.getValue(), from * w, pending.ints(e.getKey()), fill * w, k * w);
      }
      for (Map.Entry<String, float[]> e : batch.floats().entrySet()) {
        int w = e.getValue().length / n;
        System.arraycopy(e.getValue(), from * w, pending.floats(e.getKey()), fill * w, k * w);
      }
      java.util.Arrays.fill(pendingIds, fill, fill + k, requestId);
      fill += k;
      from += k;
      if (fill == batchSize) {
        try {
          writePending();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  private void writePending() throws IOException {
    if (fill == 0) {
      return;
    }
    if (writer == null) {
      writer = ArrowIpc.writer(nextFile(), allocator);
    }
    try (ArrowBatch b = ArrowBatch.from(pending, fill, null, pendingIds, allocator)) {
      writer.write(b);
    } catch (IOException e) {
      // the writer deleted its temporary file: that file's batches and these rows are lost
      writer = null;
      fill = 0;
      java.util.Arrays.fill(pendingIds, null);
      throw e;
    }
    rows += fill;
    fill = 0;
    java.util.Arrays.fill(pendingIds, null);
    if (writer.batches() == batchesPerFile) {
      commitFile();
    }
  }

  private void commitFile() throws IOException {
    ArrowIpc.Writer w = writer;
    writer = null;
    w.commit(); // on failure the writer deletes its temporary file
    files.add(w.target());
    LOG.debug("feature dump committed {} ({} rows)", w.target(), w.rows());
  }

  private Path nextFile() throws IOException {
    Files.createDirectories(directory);
    while (true) {
      Path p = directory.resolve(String.format(Locale.ROOT, "%s-%06d.arrow", prefix, nextNumber++));
      if (!Files.exists(p)) {
        return p.toAbsolutePath();
      }
    }
  }

  /**
   * Writes the pending rows as a (possibly smaller) batch and commits the current file.
   *
   * @throws IOException if writing or committing fails
   */
  public void flush() throws IOException {
    Check.state(!closed, "feature dump to %s is closed", directory);
    writePending();
    if (writer != null) {
      commitFile();
    }
  }

  /** The committed files, oldest first. */
  public List<Path> files() {
    return List.copyOf(files);
  }

  /** Rows written to files so far (committed or in the current file). */
  public long rowsWritten() {
    return rows;
  }

  /** Rows recorded but not yet written. */
  public int rowsPending() {
    return fill;
  }

  /**
   * Flushes and closes; idempotent. If the flush fails, the current file is discarded and the
   * allocator (if the dump created it) still closed.
   *
   * @throws IOException if the flush fails
   */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    try {
      flush();
    } finally {
      closed = true;
      try {
        if (writer != null) {
          writer.close();
        }
      } finally {
        if (ownsAllocator) {
          allocator.close();
        }
      }
      LOG.info("feature dump to {}: {} rows in {} files", directory, rows, files.size());
    }
  }

  /** Fluent builder for {@link FeatureDump}; {@link #build()} validates. */
  public static final class Builder {
    private final FeatureEncoder encoder;
    private final Path directory;
    private String prefix = "features";
    private int batchSize = 4096;
    private int batchesPerFile = 64;
    private BufferAllocator allocator;

    private Builder(FeatureEncoder encoder, Path directory) {
      this.encoder = encoder;
      this.directory = directory;
    }

    /** File name prefix (default {@code "features"}); letters, digits, {@code _ . -}. */
    public Builder prefix(String prefix) {
      this.prefix = prefix;
      return this;
    }

    /** Rows per Arrow batch (default 4096). */
    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    /** Batches per file before it is committed (default 64). */
    public Builder batchesPerFile(int batchesPerFile) {
      this.batchesPerFile = batchesPerFile;
      return this;
    }

    /** Allocator for Arrow buffers (default: a new {@code RootAllocator} the dump closes). */
    public Builder allocator(BufferAllocator allocator) {
      this.allocator = allocator;
      return this;
    }

    /**
     * The dump.
     *
     * @throws IllegalArgumentException if {@code batchSize} or {@code batchesPerFile} is not
     *     positive or {@code prefix} is empty or has other characters
     */
    public FeatureDump build() {
      Check.positive("featureDump.batchSize", batchSize);
      Check.positive("featureDump.batchesPerFile", batchesPerFile);
      Check.notNull("featureDump.prefix", prefix);
      Check.arg(
          prefix.matches("[A-Za-z0-9_.-]+"),
          "featureDump.prefix",
          prefix,
          "must be non-empty letters, digits, '_', '.' or '-'");
      return new FeatureDump(this);
    }
  }
}
