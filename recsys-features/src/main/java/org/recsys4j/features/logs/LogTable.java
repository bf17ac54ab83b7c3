package org.recsys4j.features.logs;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.recsys4j.features.io.DelimitedFormat;
import org.recsys4j.features.io.DelimitedReader;
import org.recsys4j.features.io.ErrorPolicy;
import org.recsys4j.features.io.MalformedLineException;
import org.recsys4j.features.io.TextRecord;

/**
 * A log file read row by row with fields by column: CSV or TSV text (optionally gzipped) with a
 * header, or an Arrow IPC file. The format follows the file name: {@code .csv[.gz]} is CSV with RFC
 * 4180 quoting, {@code .tsv[.gz]} and {@code .txt[.gz]} tab-separated, {@code .arrow} Arrow IPC.
 * Malformed text lines are handed to the {@link BadInputCounter}.
 */
abstract class LogTable implements Closeable {
  final String source;

  LogTable(String source) {
    this.source = source;
  }

  /** Opens {@code path} by its extension. */
  static LogTable open(Path path, BadInputCounter bad) throws IOException {
    String name = path.getFileName().toString();
    String base = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
    if (base.endsWith(".arrow")) {
      return new Arrow(path);
    }
    DelimitedFormat format;
    if (base.endsWith(".csv")) {
      format = DelimitedFormat.csv().toBuilder().header(true).build();
    } else if (base.endsWith(".tsv") || base.endsWith(".txt")) {
      format = DelimitedFormat.tsv().toBuilder().header(true).build();
    } else {
      throw new IllegalArgumentException(
          "log file " + path + " must end in .csv, .tsv or .txt " + "(optionally .gz) or .arrow");
    }
    return new Text(DelimitedReader.open(path, format, ErrorPolicy.FAIL_FAST), bad);
  }

  /** Advances to the next row; false at the end. */
  abstract boolean next();

  /** The column names. */
  abstract List<String> columns();

  /** The index of {@code name}, or -1. */
  abstract int indexOf(String name);

  /**
   * The index of the mapped column {@code name}.
   *
   * @throws IllegalArgumentException naming the file, the mapping field and the columns if absent
   */
  int column(String field, String name) {
    int i = indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException(
          source
              + ": mapping "
              + field
              + "='"
              + name
              + "' must name a column of the file; its columns are "
              + columns());
    }
    return i;
  }

  abstract boolean isEmpty(int c);

  abstract String text(int c);

  /** The field as a long; IllegalArgumentException if it is not a decimal integer. */
  abstract long longValue(int c);

  /** The field as a finite double; IllegalArgumentException if it is not one. */
  abstract double doubleValue(int c);

  /** The 1-based line (text) or row (Arrow) number of the current row. */
  abstract long line();

  /**
   * The field as a trace id: a decimal {@code long} as itself, any other text hashed to a {@code
   * long} (64-bit FNV-1a of its UTF-16 code units, then mixed).
   */
  long traceIdValue(int c) {
    String s = text(c);
    if (looksDecimal(s)) {
      try {
        return Long.parseLong(s);
      } catch (NumberFormatException e) {
        // too long: hash it
      }
    }
    return hashText(s);
  }

  static boolean looksDecimal(CharSequence s) {
    int start = s.length() > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+') ? 1 : 0;
    if (start == s.length() || s.length() > 20) {
      return false;
    }
    for (int i = start; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  static long hashText(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h = (h ^ s.charAt(i)) * 0x100000001b3L;
    }
    h = (h ^ (h >>> 33)) * 0xff51afd7ed558ccdL;
    return h ^ (h >>> 33);
  }

  /** A delimited text file through {@link DelimitedReader}. */
  private static final class Text extends LogTable {
    private final DelimitedReader reader;
    private final BadInputCounter bad;
    private TextRecord row;

    Text(DelimitedReader reader, BadInputCounter bad) {
      super(reader.source());
      this.reader = reader;
      this.bad = bad;
    }

    @Override
    boolean next() {
      while (true) {
        try {
          if (!reader.next()) {
            return false;
          }
          row = reader.row();
          return true;
        } catch (MalformedLineException e) {
          bad.report(source, e.lineNumber(), BadInput.MALFORMED_LINE, e.detail());
        }
      }
    }

    @Override
    List<String> columns() {
      return reader.header();
    }

    @Override
    int indexOf(String name) {
      return reader.header().indexOf(name);
    }

    @Override
    boolean isEmpty(int c) {
      return row.isEmpty(c);
    }

    @Override
    String text(int c) {
      return row.get(c);
    }

    @Override
    long traceIdValue(int c) {
      int n = row.length(c);
      char first = n == 0 ? 'x' : row.charAt(c, 0);
      if (n <= 18 && (first >= '0' && first <= '9' || first == '-')) {
        try {
          return row.getLong(c, "traceId");
        } catch (MalformedLineException e) {
          // not a number: hash it
        }
      }
      return hashText(row.get(c));
    }

    @Override
    long longValue(int c) {
      try {
        return row.getLong(c, columns().get(c));
      } catch (MalformedLineException e) {
        throw new IllegalArgumentException(e.detail());
      }
    }

    @Override
    double doubleValue(int c) {
      try {
        return row.getDouble(c, columns().get(c));
      } catch (MalformedLineException e) {
        throw new IllegalArgumentException(e.detail());
      }
    }

    @Override
    long line() {
      return row.lineNumber();
    }

    @Override
    public void close() throws IOException {
      reader.close();
    }
  }

  /** An Arrow IPC file, batch by batch. */
  private static final class Arrow extends LogTable {
    private final BufferAllocator allocator = new RootAllocator();
    private final FileChannel channel;
    private final ArrowFileReader reader;
    private final VectorSchemaRoot root;
    private final List<String> names = new ArrayList<>();
    private int rowInBatch = -1;
    private long rowsBefore;

    Arrow(Path path) throws IOException {
      super(path.getFileName().toString());
      channel = FileChannel.open(path, StandardOpenOption.READ);
      try {
        reader = new ArrowFileReader(channel, allocator);
        root = reader.getVectorSchemaRoot();
        root.getSchema().getFields().forEach(f -> names.add(f.getName()));
      } catch (IOException | RuntimeException e) {
        channel.close();
        allocator.close();
        throw new IOException("Arrow IPC log file " + path + " cannot be read: " + e, e);
      }
    }

    @Override
    boolean next() {
      try {
        while (rowInBatch + 1 >= root.getRowCount()) {
          rowsBefore += Math.max(0, root.getRowCount());
          rowInBatch = -1;
          if (!reader.loadNextBatch()) {
            return false;
          }
        }
        rowInBatch++;
        return true;
      } catch (IOException e) {
        throw new UncheckedIOException(
            "reading Arrow IPC log file " + source + " after row " + line() + ": " + e.getMessage(),
            e);
      }
    }

    @Override
    List<String> columns() {
      return names;
    }

    @Override
    int indexOf(String name) {
      return names.indexOf(name);
    }

    private FieldVector vector(int c) {
      return root.getVector(c);
    }

    @Override
    boolean isEmpty(int c) {
      FieldVector v = vector(c);
      return v.isNull(rowInBatch) || v.getObject(rowInBatch).toString().isEmpty();
    }

    @Override
    String text(int c) {
      Object o = vector(c).getObject(rowInBatch);
      return o == null ? "" : o.toString();
    }

    @Override
    long longValue(int c) {
      FieldVector v = vector(c);
      if (v instanceof BaseIntVector i) {
        return i.getValueAsLong(rowInBatch);
      }
      String s = text(c).trim();
      try {
        return Long.parseLong(s);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "field " + c + " (" + names.get(c) + ")='" + s + "' is not an integer");
      }
    }

    @Override
    double doubleValue(int c) {
      FieldVector v = vector(c);
      double d;
      if (v instanceof FloatingPointVector f) {
        d = f.getValueAsDouble(rowInBatch);
      } else if (v instanceof BaseIntVector i) {
        d = i.getValueAsLong(rowInBatch);
      } else {
        try {
          d = Double.parseDouble(text(c).trim());
        } catch (NumberFormatException e) {
          d = Double.NaN;
        }
      }
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException(
            "field " + c + " (" + names.get(c) + ")='" + text(c) + "' is not a finite number");
      }
      return d;
    }

    @Override
    long line() {
      return rowsBefore + rowInBatch + 1;
    }

    @Override
    public void close() throws IOException {
      try {
        reader.close();
      } finally {
        channel.close();
        allocator.close();
      }
    }
  }
}
