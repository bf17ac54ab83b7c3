package org.recsys4j.features.arrow;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.recsys4j.core.Check;
import org.recsys4j.core.io.AtomicFiles;
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
 * <p>Reading streams batch by batch ({@link Reader#read()}); only the current batch is in memory. A
 * file that is not a readable Arrow IPC file of encoded batches (truncated, corrupt, or another
 * schema) fails with an {@link IOException} naming the file.
 *
 * <p><b>Integrity (format version 2).</b> The file is a standard Arrow IPC file; the footer's
 * custom metadata (the Arrow {@code Footer.custom_metadata}) adds:
 *
 * <ul>
 *   <li>{@value #BATCHES_KEY}: the number of record batches;
 *   <li>{@value #SCHEMA_CRC_KEY}: CRC32C (8 lower-case hex digits) of a canonical text of the
 *       schema (every field's name, nullability, type, dictionary, sorted metadata and children,
 *       and the sorted schema metadata), so a changed name, type, width or role is detected;
 *   <li>{@code recsys4j.batch.<i>.crc32c}: CRC32C of the bytes of record batch {@code i} as stored,
 *       its whole block from the footer: {@code [offset, offset + metadataLength + bodyLength)},
 *       message metadata (row count, buffer offsets and lengths) and body (all buffers).
 * </ul>
 *
 * <p>Opening checks the leading and trailing {@code ARROW1} magic and the footer length against the
 * file length before Arrow reads the footer (into a heap buffer; no Arrow memory), then every
 * block's offset and lengths against the space between the leading magic and the footer, no
 * dictionary batch, the batch count and the schema checksum, before any batch is read. Each {@link
 * Reader#read()} computes the block's CRC32C from the file (a fixed 64 KiB heap buffer) and
 * compares it before Arrow reads the block; so Arrow only ever parses and allocates for bytes that
 * were written by {@link Writer}, and a corrupt file fails before any Arrow buffer is allocated for
 * it: nothing to leak. A single flipped bit anywhere the reader uses is always detected (CRC32C
 * detects every error burst of up to 32 bits); unused bytes (padding, the stream-format copy of the
 * schema at the start) do not change what is read.
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
  /** Footer metadata key: number of record batches. */
  public static final String BATCHES_KEY = "recsys4j.batches";

  /** Footer metadata key: CRC32C of the canonical schema text. */
  public static final String SCHEMA_CRC_KEY = "recsys4j.schema.crc32c";

  private static final Logger LOG = LoggerFactory.getLogger(ArrowIpc.class);
  private static final byte[] MAGIC = "ARROW1".getBytes(StandardCharsets.US_ASCII);

  /** Leading magic plus two padding bytes. */
  private static final int HEAD = 8;

  /** Trailing int32 footer length plus magic. */
  private static final int TAIL = 10;

  private static final int CRC_CHUNK = 1 << 16;

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
    Check.arg(
        ArrowBatch.FORMAT.equals(format),
        "schema." + ArrowBatch.FORMAT_KEY,
        format,
        "must be " + ArrowBatch.FORMAT);
    Check.arg(
        ArrowBatch.VERSION.equals(version),
        "schema." + ArrowBatch.VERSION_KEY,
        version,
        "is not supported; this library reads version " + ArrowBatch.VERSION);
    boolean label = false;
    boolean requestId = false;
    for (Field f : schema.getFields()) {
      String role = f.getMetadata().get(ArrowBatch.ROLE_KEY);
      if (ArrowBatch.ROLE_INTS.equals(role) || ArrowBatch.ROLE_FLOATS.equals(role)) {
        boolean ints = ArrowBatch.ROLE_INTS.equals(role);
        boolean ok =
            f.getType() instanceof ArrowType.FixedSizeList
                && f.getChildren().size() == 1
                && (ints
                    ? f.getChildren().get(0).getType().equals(new ArrowType.Int(32, true))
                    : f.getChildren().get(0).getType() instanceof ArrowType.FloatingPoint fp
                        && fp.getPrecision()
                            == org.apache.arrow.vector.types.FloatingPointPrecision.SINGLE);
        Check.arg(
            ok,
            "schema.field." + f.getName(),
            f,
            "must be a FixedSizeList of " + (ints ? "int32" : "float32"));
      } else if (ArrowBatch.LABEL.equals(f.getName())) {
        label = f.getType() instanceof ArrowType.FloatingPoint;
      } else if (ArrowBatch.REQUEST_ID.equals(f.getName())) {
        requestId = f.getType() instanceof ArrowType.Utf8;
      } else {
        Check.arg(
            false,
            "schema.field." + f.getName() + ".role",
            role,
            "must be ints or floats (unknown column)");
      }
    }
    Check.arg(
        label && requestId,
        "schema.fields",
        schema.getFields(),
        "must include " + ArrowBatch.LABEL + " (float32) and " + ArrowBatch.REQUEST_ID + " (utf8)");
  }

  /**
   * Writes batches of one schema to a temporary file and moves it over the target on {@link
   * #commit()}. {@link #close()} without a commit deletes the temporary file. Not thread-safe.
   */
  public static final class Writer implements Closeable {
    private final Path target;
    private final AtomicFiles.Pending file;
    private final BufferAllocator allocator;
    private final FileChannel channel;

    /** Footer metadata; ArrowFileWriter keeps this map and writes it on end(). */
    private final Map<String, String> footer = new LinkedHashMap<>();

    private VectorSchemaRoot root;
    private ArrowFileWriter writer;
    private long batches;
    private long rows;
    private boolean finished;

    private Writer(Path target, BufferAllocator allocator) throws IOException {
      this.target = target;
      this.allocator = allocator;
      this.file = AtomicFiles.open(target);
      this.channel = file.channel();
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
          footer.put(SCHEMA_CRC_KEY, hex(schemaCrc(root.getSchema())));
          writer = new ArrowFileWriter(root, null, channel, footer);
          writer.start();
        } else {
          Check.arg(
              batch.schema().equals(root.getSchema()),
              "batch.schema",
              batch.schema(),
              "must equal the file's schema " + root.getSchema());
        }
        try (ArrowRecordBatch rb = new VectorUnloader(batch.root()).getRecordBatch()) {
          new VectorLoader(root).load(rb);
        }
        writer.writeBatch();
        List<ArrowBlock> blocks = writer.getRecordBlocks();
        ArrowBlock block = blocks.get(blocks.size() - 1);
        footer.put(
            batchCrcKey(blocks.size() - 1),
            hex(
                crc32c(
                    channel,
                    block.getOffset(),
                    block.getMetadataLength() + block.getBodyLength())));
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
        footer.put(BATCHES_KEY, Long.toString(batches));
        writer.end();
        file.commit(); // forces and closes the channel, then moves
        finished = true;
        try {
          writer.close(); // the channel is closed already: releases the writer's buffers
        } finally {
          root.close();
        }
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
      } catch (RuntimeException e) {
        LOG.debug("closing aborted writer of {}: {}", target, e.toString());
      } finally {
        if (root != null) {
          root.close();
        }
        file.close(); // closes the channel, deletes the temporary file
      }
    }
  }

  /**
   * Reads an Arrow IPC file batch by batch, verifying each batch's checksum before Arrow reads it
   * (see the class comment). Each {@link #read()} returns a new batch the caller owns and closes;
   * the file is not held in memory. Not thread-safe.
   */
  public static final class Reader implements Closeable {
    private final Path path;
    private final BufferAllocator allocator;
    private final FileChannel channel;
    private final ArrowFileReader reader;
    private final VectorSchemaRoot root;
    private final List<ArrowBlock> blocks;
    private final long[] crcs;
    private int batchesRead;

    private Reader(Path path, BufferAllocator allocator) throws IOException {
      this.path = path;
      this.allocator = allocator;
      this.channel = FileChannel.open(path, StandardOpenOption.READ);
      ArrowFileReader r = null;
      try {
        long footerStart = checkEnvelope(channel);
        r = new ArrowFileReader(channel, allocator);
        this.root = r.getVectorSchemaRoot();
        checkSchema(root.getSchema());
        Map<String, String> meta = r.getMetaData();
        check(
            meta != null,
            "the footer has no metadata (not written by ArrowIpc version "
                + ArrowBatch.VERSION
                + ")");
        long schemaCrc = parseCrc(meta, SCHEMA_CRC_KEY);
        check(schemaCrc == schemaCrc(root.getSchema()), "schema checksum mismatch");
        check(r.getDictionaryBlocks().isEmpty(), "the footer lists dictionary batches");
        this.blocks = List.copyOf(r.getRecordBlocks());
        check(
            Integer.toString(blocks.size()).equals(meta.get(BATCHES_KEY)),
            "the footer lists "
                + blocks.size()
                + " batches, its metadata "
                + BATCHES_KEY
                + "="
                + meta.get(BATCHES_KEY));
        this.crcs = new long[blocks.size()];
        for (int i = 0; i < crcs.length; i++) {
          ArrowBlock b = blocks.get(i);
          check(
              b.getOffset() >= HEAD
                  && b.getMetadataLength() > 0
                  && b.getBodyLength() >= 0
                  && b.getOffset() <= footerStart
                  && b.getMetadataLength() <= footerStart - b.getOffset()
                  && b.getBodyLength() <= footerStart - b.getOffset() - b.getMetadataLength(),
              "batch "
                  + i
                  + " (offset "
                  + b.getOffset()
                  + ", metadata "
                  + b.getMetadataLength()
                  + " bytes, body "
                  + b.getBodyLength()
                  + " bytes) lies outside the "
                  + footerStart
                  + " bytes before the footer");
          crcs[i] = parseCrc(meta, batchCrcKey(i));
        }
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
      return blocks.size();
    }

    /**
     * The next batch, or null at the end of the file. The batch's bytes are checked against its
     * CRC32C before Arrow reads them.
     *
     * @throws IOException naming the file if the batch cannot be read or its checksum differs
     *     (corrupt file); nothing is allocated then
     */
    public ArrowBatch read() throws IOException {
      if (batchesRead == blocks.size()) {
        return null;
      }
      try {
        ArrowBlock b = blocks.get(batchesRead);
        long crc = crc32c(channel, b.getOffset(), b.getMetadataLength() + b.getBodyLength());
        check(
            crc == crcs[batchesRead],
            "batch "
                + batchesRead
                + " checksum mismatch: crc32c="
                + hex(crc)
                + ", footer says "
                + hex(crcs[batchesRead]));
        check(reader.loadNextBatch(), "batch " + batchesRead + " is missing");
        ArrowBatch out = ArrowBatch.shareOf(root, allocator);
        batchesRead++;
        return out;
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

  /**
   * Checks the leading and trailing magic and the footer length against the file length.
   *
   * @return the offset where the footer starts
   */
  private static long checkEnvelope(FileChannel channel) throws IOException {
    long size = channel.size();
    check(
        size >= HEAD + TAIL,
        "the file has "
            + size
            + " bytes, fewer than the "
            + (HEAD + TAIL)
            + " of an empty Arrow file");
    ByteBuffer head = ByteBuffer.allocate(MAGIC.length);
    readFully(channel, head, 0);
    ByteBuffer tail = ByteBuffer.allocate(TAIL).order(ByteOrder.LITTLE_ENDIAN);
    readFully(channel, tail, size - TAIL);
    byte[] end = new byte[MAGIC.length];
    tail.position(4);
    tail.get(end);
    check(
        java.util.Arrays.equals(head.array(), MAGIC) && java.util.Arrays.equals(end, MAGIC),
        "the file does not start and end with the Arrow magic ARROW1");
    int footerLength = tail.getInt(0);
    check(
        footerLength > 0 && footerLength <= size - HEAD - TAIL,
        "footer length "
            + footerLength
            + " must be in 1.."
            + (size - HEAD - TAIL)
            + " for a file of "
            + size
            + " bytes");
    return size - TAIL - footerLength;
  }

  private static void readFully(FileChannel channel, ByteBuffer buf, long position)
      throws IOException {
    long pos = position;
    while (buf.hasRemaining()) {
      int n = channel.read(buf, pos);
      if (n < 0) {
        throw new EOFException("end of file at byte " + pos);
      }
      pos += n;
    }
    buf.flip();
  }

  /** CRC32C of {@code length} bytes of {@code channel} from {@code offset} (positional reads). */
  static long crc32c(FileChannel channel, long offset, long length) throws IOException {
    CRC32C crc = new CRC32C();
    ByteBuffer buf = ByteBuffer.allocate((int) Math.min(CRC_CHUNK, Math.max(1, length)));
    long pos = offset;
    long left = length;
    while (left > 0) {
      buf.clear();
      buf.limit((int) Math.min(buf.capacity(), left));
      readFully(channel, buf, pos);
      crc.update(buf);
      pos += buf.limit();
      left -= buf.limit();
    }
    return crc.getValue();
  }

  /** CRC32C of the canonical text of {@code schema} (see the class comment). */
  static long schemaCrc(Schema schema) {
    StringBuilder b = new StringBuilder();
    b.append(new TreeMap<>(schema.getCustomMetadata()));
    for (Field f : schema.getFields()) {
      canonical(f, b);
    }
    CRC32C crc = new CRC32C();
    crc.update(b.toString().getBytes(StandardCharsets.UTF_8));
    return crc.getValue();
  }

  private static void canonical(Field f, StringBuilder b) {
    b.append('(')
        .append(f.getName().length())
        .append(':')
        .append(f.getName())
        .append('|')
        .append(f.isNullable())
        .append('|')
        .append(f.getType())
        .append('|')
        .append(f.getDictionary())
        .append('|')
        .append(new TreeMap<>(f.getMetadata()));
    for (Field c : f.getChildren()) {
      canonical(c, b);
    }
    b.append(')');
  }

  private static String batchCrcKey(int batch) {
    return "recsys4j.batch." + batch + ".crc32c";
  }

  private static String hex(long crc) {
    return String.format("%08x", crc);
  }

  private static long parseCrc(Map<String, String> meta, String key) throws IOException {
    String v = meta.get(key);
    check(
        v != null
            && v.length() == 8
            && v.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')),
        "footer metadata " + key + "=" + v + " must be 8 lower-case hex digits");
    return Long.parseLong(v, 16);
  }

  private static void check(boolean ok, String what) throws IOException {
    if (!ok) {
      throw new IOException(what);
    }
  }

  private static IOException corrupt(Path path, Exception e) {
    return new IOException(
        "Arrow IPC file "
            + path
            + " is truncated, corrupt or not a file of "
            + "encoded batches: "
            + (e instanceof IOException && e.getCause() == null ? e.getMessage() : e.toString()),
        e);
  }
}
