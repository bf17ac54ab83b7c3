package org.recsys4j.features.io;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.recsys4j.core.Check;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams the rows of a delimited text file line by line, never loading the whole file.
 *
 * <p>Usage:
 *
 * <pre>{@code
 * try (DelimitedReader r = DelimitedReader.open(path, DelimitedFormat.tsv(), ErrorPolicy.FAIL_FAST)) {
 *   while (r.next()) {
 *     TextRecord row = r.row();          // reused: valid until the next call to next()
 *     long user = row.getLong(0, "user");
 *   }
 *   ReadReport report = r.report();
 * }
 * }</pre>
 *
 * <p>Files whose name ends in {@code .gz} are decompressed on the fly. A leading UTF-8 byte order
 * mark is dropped. Blank lines are ignored and counted ({@link ReadReport#blankLines()}). Each
 * other line is split by the {@link DelimitedFormat} and its field count checked against the
 * expected count (see {@link DelimitedFormat}). A line that breaks a rule is handled by the {@link
 * ErrorPolicy}: {@link ErrorPolicy#FAIL_FAST} throws a {@link MalformedLineException} naming the
 * source, the 1-based line number, the rule and a snippet; {@link ErrorPolicy#SKIP_AND_COUNT} skips
 * it and counts it per {@link MalformedReason}. Callers that find a field they cannot parse call
 * {@link #reject(MalformedLineException)}, which applies the same policy. Bytes that are invalid in
 * the charset are replaced by U+FFFD, not reported.
 *
 * <p>Not thread-safe. Logs one DEBUG line when opened and an INFO line on close if lines were
 * skipped; nothing per line.
 */
public final class DelimitedReader implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(DelimitedReader.class);
  private static final int BUFFER = 1 << 16;

  private final BufferedReader in;
  private final String source;
  private final DelimitedFormat format;
  private final ErrorPolicy policy;
  private final TextRecord row;
  private final EnumMap<MalformedReason, Long> skipped = new EnumMap<>(MalformedReason.class);
  private List<String> header = List.of();
  private int columns;
  private long linesRead;
  private long headerLines;
  private long blankLines;
  private long rowsReturned;
  private boolean current;
  private boolean closed;

  private DelimitedReader(
      BufferedReader in, String source, DelimitedFormat format, ErrorPolicy policy)
      throws IOException {
    this.in = in;
    this.source = source;
    this.format = format;
    this.policy = policy;
    this.row = new TextRecord(source);
    this.columns = format.columns();
    if (format.header()) {
      readHeader();
    }
    LOG.debug("opened {} with {} and {}", source, format, policy);
  }

  /**
   * Opens {@code path}, decompressing it if its name ends in {@code .gz}, and reads the header if
   * the format has one. The source name in messages is the file name.
   *
   * @throws IOException if the file cannot be opened or read
   * @throws MalformedLineException if the header is malformed (quoting, or its field count differs
   *     from {@link DelimitedFormat#columns()}); the header is checked under both policies
   * @throws IllegalArgumentException if an argument is null
   */
  public static DelimitedReader open(Path path, DelimitedFormat format, ErrorPolicy policy)
      throws IOException {
    Check.notNull("path", path);
    Check.notNull("format", format);
    Check.notNull("policy", policy);
    InputStream raw = Files.newInputStream(path);
    try {
      InputStream stream = path.getFileName().toString().endsWith(".gz") ? gunzip(path, raw) : raw;
      BufferedReader reader =
          new BufferedReader(new InputStreamReader(stream, format.charset()), BUFFER);
      return new DelimitedReader(reader, path.getFileName().toString(), format, policy);
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /**
   * Decompresses {@code raw}; every gzip failure (not gzip at all, cut short, corrupt) becomes an
   * {@link IOException} naming {@code path} and the problem (issue 7, defect 12).
   */
  static InputStream gunzip(Path path, InputStream raw) throws IOException {
    GZIPInputStream gz;
    try {
      gz = new GZIPInputStream(raw, BUFFER);
    } catch (EOFException | ZipException e) {
      throw new IOException(
          path + " is not in gzip format (its name ends in .gz): " + describe(e), e);
    }
    return new FilterInputStream(gz) {
      @Override
      public int read() throws IOException {
        try {
          return super.read();
        } catch (EOFException | ZipException e) {
          throw gzipFailure(path, e);
        }
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        try {
          return super.read(b, off, len);
        } catch (EOFException | ZipException e) {
          throw gzipFailure(path, e);
        }
      }
    };
  }

  private static IOException gzipFailure(Path path, IOException e) {
    String what =
        e instanceof EOFException
            ? "is truncated (the gzip stream ends before its end marker)"
            : "is a corrupt gzip file";
    return new IOException(path + " " + what + ": " + describe(e), e);
  }

  private static String describe(Exception e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
  }

  /**
   * Wraps an open character stream; {@code source} names it in messages. Closing the returned
   * reader closes {@code reader}.
   *
   * @throws IOException if the header cannot be read
   * @throws MalformedLineException if the header is malformed
   * @throws IllegalArgumentException if an argument is null
   */
  public static DelimitedReader of(
      Reader reader, String source, DelimitedFormat format, ErrorPolicy policy) throws IOException {
    Check.notNull("reader", reader);
    Check.notNull("source", source);
    Check.notNull("format", format);
    Check.notNull("policy", policy);
    BufferedReader buffered =
        reader instanceof BufferedReader b ? b : new BufferedReader(reader, BUFFER);
    return new DelimitedReader(buffered, source, format, policy);
  }

  private void readHeader() throws IOException {
    String line = readLine();
    if (line == null) {
      return;
    }
    headerLines = 1;
    row.parse(line, linesRead, format.delimiter(), format.quoting());
    if (columns > 0 && !format.variableColumns() && row.size() != columns) {
      throw row.malformed(
          MalformedReason.COLUMN_COUNT,
          "header has " + row.size() + " fields, expected " + columns);
    }
    header = List.copyOf(row.toList());
    row.header(header);
    if (columns == 0 && !format.variableColumns()) {
      columns = header.size();
    }
  }

  private String readLine() throws IOException {
    String line = in.readLine();
    if (line == null) {
      return null;
    }
    linesRead++;
    if (linesRead == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
      line = line.substring(1);
    }
    return line;
  }

  /**
   * Advances to the next well-formed row.
   *
   * @return false at the end of the input
   * @throws MalformedLineException under {@link ErrorPolicy#FAIL_FAST} at the first malformed line
   * @throws UncheckedIOException if reading fails
   * @throws IllegalStateException if the reader is closed
   */
  public boolean next() {
    Check.state(!closed, "reader for %s is closed", source);
    current = false;
    try {
      String line;
      while ((line = readLine()) != null) {
        if (line.isEmpty()) {
          blankLines++;
          continue;
        }
        try {
          row.parse(line, linesRead, format.delimiter(), format.quoting());
          checkColumns();
        } catch (MalformedLineException e) {
          handle(e);
          continue;
        }
        rowsReturned++;
        current = true;
        return true;
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "reading " + source + " after line " + linesRead + ": " + e.getMessage(), e);
    }
  }

  private void checkColumns() {
    if (format.variableColumns()) {
      return;
    }
    if (columns == 0) {
      columns = row.size();
    } else if (row.size() != columns) {
      throw row.malformed(
          MalformedReason.COLUMN_COUNT, "line has " + row.size() + " fields, expected " + columns);
    }
  }

  private void handle(MalformedLineException e) {
    if (policy == ErrorPolicy.FAIL_FAST) {
      throw e;
    }
    skipped.merge(e.reason(), 1L, Long::sum);
  }

  /**
   * Applies the error policy to the current row, which the caller found malformed: under {@link
   * ErrorPolicy#FAIL_FAST} rethrows {@code e}; under {@link ErrorPolicy#SKIP_AND_COUNT} moves the
   * row from "returned" to "skipped for {@code e.reason()}".
   *
   * @throws MalformedLineException {@code e}, under {@link ErrorPolicy#FAIL_FAST}
   * @throws IllegalStateException if there is no current row or it was already rejected
   */
  public void reject(MalformedLineException e) {
    Check.notNull("e", e);
    Check.state(current, "no current row to reject in %s (line %s)", source, linesRead);
    current = false;
    if (policy == ErrorPolicy.FAIL_FAST) {
      throw e;
    }
    rowsReturned--;
    skipped.merge(e.reason(), 1L, Long::sum);
  }

  /** The current row; valid after {@link #next()} returned true, until the next call. */
  public TextRecord row() {
    Check.state(current, "no current row in %s: call next() first", source);
    return row;
  }

  /** The header fields, or an empty list if the format has none or the input is empty. */
  public List<String> header() {
    return header;
  }

  /** The expected column count, 0 while still unknown (or with variable columns). */
  public int columns() {
    return columns;
  }

  /** The source name used in messages. */
  public String source() {
    return source;
  }

  /** The error policy. */
  public ErrorPolicy policy() {
    return policy;
  }

  /** The counts so far. */
  public ReadReport report() {
    return new ReadReport(
        source, linesRead, headerLines, blankLines, rowsReturned, Map.copyOf(skipped));
  }

  /** Closes the underlying stream; idempotent. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    current = false;
    in.close();
    ReadReport r = report();
    if (r.skippedTotal() > 0) {
      LOG.info(
          "{}: {} rows read, {} malformed lines skipped {}",
          source,
          r.rowsReturned(),
          r.skippedTotal(),
          r.skipped());
    }
  }
}
