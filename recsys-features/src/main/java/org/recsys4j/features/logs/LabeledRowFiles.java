package org.recsys4j.features.logs;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.recsys4j.core.Check;
import org.recsys4j.core.io.AtomicFiles;

/**
 * The training data on disk: {@link LabeledRow}s as Arrow IPC files, one file per day.
 *
 * <p>Layout: {@code <dir>/<yyyy-MM-dd>.arrow} holds the rows whose exposure falls on that UTC day
 * (a day that receives rows again after its file was closed, possible only with unsorted input,
 * gets {@code <yyyy-MM-dd>.1.arrow}, ...). Columns: {@code trace_id} int64, {@code time_ms} int64,
 * {@code day} int32 (days since 1970-01-01), {@code user} and {@code item} utf8, {@code position}
 * int32 (null when unknown), {@code click} and {@code conversion} int32 (0/1), {@code order_amount}
 * float64, then each attribute column in its type (int64, float64 or utf8, null when missing; field
 * metadata {@code recsys4j.role=attribute}), then {@code history_item} list of utf8 and {@code
 * history_<attribute>} lists ({@code recsys4j.role=history}). Schema metadata: {@code
 * recsys4j.format=LabeledRows}, {@code recsys4j.version=1}. Any Arrow reader (pyarrow, DuckDB)
 * reads them.
 *
 * <p>Files are written to a temporary name and moved into place when the day is closed, so a
 * crashed run leaves no half-written day file under its final name.
 */
public final class LabeledRowFiles {
  /** File name suffix. */
  public static final String SUFFIX = ".arrow";

  static final String ROLE_KEY = "recsys4j.role";
  static final String ROLE_ATTRIBUTE = "attribute";
  static final String ROLE_HISTORY = "history";
  static final String FORMAT_KEY = "recsys4j.format";
  static final String FORMAT = "LabeledRows";
  static final String VERSION_KEY = "recsys4j.version";
  static final String VERSION = "1";

  private LabeledRowFiles() {}

  /**
   * One day's file.
   *
   * @param date the UTC date
   * @param path the file
   */
  public record DayFile(LocalDate date, Path path) {
    /** Days since 1970-01-01, the {@code day} column. */
    public int day() {
      return (int) date.toEpochDay();
    }
  }

  /**
   * The day files under {@code dir}, by date then part.
   *
   * @throws IOException if the directory cannot be listed
   */
  public static List<DayFile> list(Path dir) throws IOException {
    List<DayFile> out = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      for (Path p : s) {
        String name = p.getFileName().toString();
        if (name.length() >= 10 && !name.startsWith(".")) {
          try {
            out.add(new DayFile(LocalDate.parse(name.substring(0, 10)), p));
          } catch (java.time.format.DateTimeParseException e) {
            // not a day file
          }
        }
      }
    }
    out.sort(
        Comparator.comparing(DayFile::date)
            .thenComparing(f -> f.path().getFileName().toString().length())
            .thenComparing(f -> f.path().getFileName().toString()));
    return out;
  }

  /** The Arrow schema of rows with these attribute and history columns. */
  static Schema schemaOf(AttributeRow.Schema attributes, List<String> historyAttributes) {
    List<Field> fields = new ArrayList<>();
    fields.add(Field.notNullable(LabeledRow.TRACE_ID, new ArrowType.Int(64, true)));
    fields.add(Field.notNullable(LabeledRow.TIME_MS, new ArrowType.Int(64, true)));
    fields.add(Field.notNullable(LabeledRow.DAY, new ArrowType.Int(32, true)));
    fields.add(Field.notNullable(LabeledRow.USER, ArrowType.Utf8.INSTANCE));
    fields.add(Field.notNullable(LabeledRow.ITEM, ArrowType.Utf8.INSTANCE));
    fields.add(Field.nullable(LabeledRow.POSITION, new ArrowType.Int(32, true)));
    fields.add(Field.notNullable(LabeledRow.CLICK, new ArrowType.Int(32, true)));
    fields.add(Field.notNullable(LabeledRow.CONVERSION, new ArrowType.Int(32, true)));
    fields.add(
        Field.notNullable(
            LabeledRow.ORDER_AMOUNT, new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)));
    for (AttributeColumn c : attributes.columns()) {
      fields.add(
          new Field(
              c.name(),
              new FieldType(true, arrowType(c.type()), null, Map.of(ROLE_KEY, ROLE_ATTRIBUTE)),
              null));
    }
    fields.add(listField(LabeledRow.HISTORY_ITEM, ArrowType.Utf8.INSTANCE));
    for (String h : historyAttributes) {
      AttributeColumn c = attributes.columns().get(attributes.indexOf(h));
      fields.add(listField(LabeledRow.HISTORY_PREFIX + h, arrowType(c.type())));
    }
    return new Schema(fields, Map.of(FORMAT_KEY, FORMAT, VERSION_KEY, VERSION));
  }

  private static Field listField(String name, ArrowType element) {
    return new Field(
        name,
        new FieldType(false, ArrowType.List.INSTANCE, null, Map.of(ROLE_KEY, ROLE_HISTORY)),
        List.of(Field.nullable("item", element)));
  }

  private static ArrowType arrowType(AttributeType t) {
    return switch (t) {
      case LONG -> new ArrowType.Int(64, true);
      case DOUBLE -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
      case STRING -> ArrowType.Utf8.INSTANCE;
    };
  }

  /**
   * Reads every row of {@code file} in file order into {@code sink}.
   *
   * @return the number of rows read
   * @throws IOException naming the file if it cannot be read or is not a file of labelled rows
   */
  public static long read(Path file, Consumer<LabeledRow> sink) throws IOException {
    Check.notNull("file", file);
    Check.notNull("sink", sink);
    long n = 0;
    try (BufferAllocator allocator = new RootAllocator();
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        ArrowFileReader reader = new ArrowFileReader(ch, allocator)) {
      VectorSchemaRoot root = reader.getVectorSchemaRoot();
      Schema schema = root.getSchema();
      Map<String, String> meta = schema.getCustomMetadata();
      Check.arg(
          meta != null && FORMAT.equals(meta.get(FORMAT_KEY)),
          "file",
          file,
          "must be a file of labelled rows (schema metadata " + FORMAT_KEY + "=" + FORMAT + ")");
      List<AttributeColumn> attrs = new ArrayList<>();
      List<String> history = new ArrayList<>();
      for (Field f : schema.getFields()) {
        String role = f.getMetadata().get(ROLE_KEY);
        if (ROLE_ATTRIBUTE.equals(role)) {
          attrs.add(new AttributeColumn(f.getName(), attributeType(f.getType())));
        } else if (ROLE_HISTORY.equals(role) && !f.getName().equals(LabeledRow.HISTORY_ITEM)) {
          history.add(f.getName().substring(LabeledRow.HISTORY_PREFIX.length()));
        }
      }
      AttributeRow.Schema attributes = new AttributeRow.Schema(attrs);
      List<String> historyNames = List.copyOf(history);
      while (reader.loadNextBatch()) {
        BigIntVector trace = (BigIntVector) root.getVector(LabeledRow.TRACE_ID);
        BigIntVector time = (BigIntVector) root.getVector(LabeledRow.TIME_MS);
        VarCharVector user = (VarCharVector) root.getVector(LabeledRow.USER);
        VarCharVector item = (VarCharVector) root.getVector(LabeledRow.ITEM);
        IntVector position = (IntVector) root.getVector(LabeledRow.POSITION);
        IntVector click = (IntVector) root.getVector(LabeledRow.CLICK);
        IntVector conversion = (IntVector) root.getVector(LabeledRow.CONVERSION);
        Float8Vector amount = (Float8Vector) root.getVector(LabeledRow.ORDER_AMOUNT);
        FieldVector[] attrVectors = new FieldVector[attrs.size()];
        for (int k = 0; k < attrs.size(); k++) {
          attrVectors[k] = root.getVector(attrs.get(k).name());
        }
        ListVector histItems = (ListVector) root.getVector(LabeledRow.HISTORY_ITEM);
        ListVector[] histAttrs = new ListVector[historyNames.size()];
        for (int k = 0; k < histAttrs.length; k++) {
          histAttrs[k] =
              (ListVector) root.getVector(LabeledRow.HISTORY_PREFIX + historyNames.get(k));
        }
        for (int i = 0; i < root.getRowCount(); i++) {
          Object[] values = new Object[attrVectors.length];
          for (int k = 0; k < values.length; k++) {
            values[k] = plain(attrVectors[k].getObject(i));
          }
          List<?> its = histItems.getObject(i);
          String[] hi = new String[its.size()];
          for (int j = 0; j < hi.length; j++) {
            hi[j] = its.get(j).toString();
          }
          Object[][] ha = new Object[histAttrs.length][];
          for (int k = 0; k < ha.length; k++) {
            List<?> vs = histAttrs[k].getObject(i);
            ha[k] = new Object[vs.size()];
            for (int j = 0; j < ha[k].length; j++) {
              ha[k][j] = plain(vs.get(j));
            }
          }
          sink.accept(
              new LabeledRow(
                  trace.get(i),
                  time.get(i),
                  user.getObject(i).toString(),
                  item.getObject(i).toString(),
                  position.isNull(i) ? -1 : position.get(i),
                  AttributeRow.wrap(attributes, values),
                  click.get(i) != 0,
                  conversion.get(i) != 0,
                  amount.get(i),
                  ItemHistory.wrap(historyNames, hi, ha)));
          n++;
        }
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof IllegalArgumentException && e.getMessage().startsWith("file=")) {
        throw new IOException(e.getMessage(), e);
      }
      throw new IOException("labelled-row file " + file + " cannot be read: " + e, e);
    }
    return n;
  }

  /**
   * Every row of {@code file}, in file order.
   *
   * @throws IOException naming the file if it cannot be read
   */
  public static List<LabeledRow> readAll(Path file) throws IOException {
    List<LabeledRow> out = new ArrayList<>();
    read(file, out::add);
    return out;
  }

  private static Object plain(Object o) {
    return o instanceof org.apache.arrow.vector.util.Text t ? t.toString() : o;
  }

  private static AttributeType attributeType(ArrowType t) {
    if (t instanceof ArrowType.Int) {
      return AttributeType.LONG;
    }
    if (t instanceof ArrowType.FloatingPoint) {
      return AttributeType.DOUBLE;
    }
    return AttributeType.STRING;
  }

  /**
   * Writes rows into day files under a directory, a batch at a time; each day file stays open until
   * {@link #closeDaysBefore(int)} or {@link #close()} moves it into place. Not thread-safe.
   */
  public static final class Writer implements Closeable {
    private final Path dir;
    private final Schema schema;
    private final int batchSize;
    private final int attributeCount;
    private final int historyCount;
    private final BufferAllocator allocator = new RootAllocator();
    private final TreeMap<Integer, DayWriter> open = new TreeMap<>();
    private final Map<Integer, Integer> parts = new HashMap<>();
    private final Set<Integer> closedDays = new HashSet<>();
    private final List<DayFile> written = new ArrayList<>();
    private final List<PipelineReport.DayCount> counts = new ArrayList<>();
    private final Utf8Cache utf8 = new Utf8Cache();
    private long rows;
    private boolean closed;

    /**
     * A writer of rows with these attribute and history columns into {@code dir} (created).
     *
     * @throws IOException if the directory cannot be created
     * @throws IllegalArgumentException if {@code batchSize < 1} or a history attribute is not an
     *     attribute
     */
    public Writer(
        Path dir, AttributeRow.Schema attributes, List<String> historyAttributes, int batchSize)
        throws IOException {
      Check.positive("batchSize", batchSize);
      for (String h : historyAttributes) {
        Check.arg(
            attributes.indexOf(h) >= 0, "historyAttributes", h, "must name an attribute column");
      }
      this.dir = Files.createDirectories(dir);
      this.schema = schemaOf(attributes, historyAttributes);
      this.batchSize = batchSize;
      this.attributeCount = attributes.size();
      this.historyCount = historyAttributes.size();
    }

    /**
     * Buffers {@code row} for its day's file, writing a batch when {@code batchSize} are pending.
     *
     * @throws IOException if writing fails
     */
    public void write(LabeledRow row) throws IOException {
      Check.arg(
          row.attributes().size() == attributeCount
              && row.history().attributeCount() == historyCount,
          "row",
          row.traceId(),
          "must have the writer's attribute and history columns");
      int day = row.day();
      DayWriter w = open.get(day);
      if (w == null) {
        int part = parts.merge(day, 1, Integer::sum) - 1;
        LocalDate date = LocalDate.ofEpochDay(day);
        w = new DayWriter(dir.resolve(date + (part == 0 ? "" : "." + part) + SUFFIX), date);
        open.put(day, w);
      }
      w.pending.add(row);
      rows++;
      if (w.pending.size() >= batchSize) {
        w.flush();
      }
    }

    /**
     * Finishes and moves into place every day file of a day before {@code day}.
     *
     * @throws IOException if finishing fails
     */
    public void closeDaysBefore(int day) throws IOException {
      while (!open.isEmpty() && open.firstKey() < day) {
        Map.Entry<Integer, DayWriter> e = open.pollFirstEntry();
        e.getValue().finish();
        closedDays.add(e.getKey());
      }
    }

    /** Rows written (buffered or flushed) so far. */
    public long rows() {
      return rows;
    }

    /** The day files finished so far, in the order they were finished. */
    public List<DayFile> files() {
      return List.copyOf(written);
    }

    /** Rows and clicks of each day file finished so far, in the order they were finished. */
    public List<PipelineReport.DayCount> dayCounts() {
      return List.copyOf(counts);
    }

    /**
     * Finishes and moves into place every open day file; the writer stays usable (a later row of a
     * finished day goes to a further part).
     *
     * @throws IOException if finishing fails
     */
    public void finishAll() throws IOException {
      closeDaysBefore(Integer.MAX_VALUE);
    }

    /** Finishes every open day file and frees the writer's memory; idempotent. */
    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      try {
        closeDaysBefore(Integer.MAX_VALUE);
      } finally {
        for (DayWriter w : open.values()) {
          w.abort();
        }
        open.clear();
        allocator.close();
      }
    }

    /** One day's file: a temporary file until {@link #finish()}. */
    private final class DayWriter {
      final Path target;
      final LocalDate date;
      final AtomicFiles.Pending file;
      final VectorSchemaRoot root;
      final ArrowFileWriter writer;
      final List<LabeledRow> pending = new ArrayList<>();
      long rows;
      long clicks;

      DayWriter(Path target, LocalDate date) throws IOException {
        this.target = target;
        this.date = date;
        this.file = AtomicFiles.open(target);
        try {
          this.root = VectorSchemaRoot.create(schema, allocator);
          this.writer = new ArrowFileWriter(root, null, file.channel());
          writer.start();
        } catch (IOException | RuntimeException e) {
          file.close();
          throw e;
        }
      }

      void flush() throws IOException {
        if (pending.isEmpty()) {
          return;
        }
        fill(root, pending, utf8);
        writer.writeBatch();
        rows += pending.size();
        for (LabeledRow r : pending) {
          clicks += r.click() ? 1 : 0;
        }
        pending.clear();
      }

      void finish() throws IOException {
        flush();
        writer.end();
        file.commit(); // forces and closes the channel, then moves
        writer.close();
        root.close();
        written.add(new DayFile(date, target));
        counts.add(
            new PipelineReport.DayCount(
                date.toString(), target.getFileName().toString(), rows, clicks));
      }

      void abort() {
        try {
          writer.close();
        } catch (RuntimeException e) {
          // already failing
        }
        root.close();
        try {
          file.close(); // deletes the temporary file unless committed
        } catch (IOException e) {
          // best effort
        }
      }
    }
  }

  /**
   * UTF-8 bytes of strings met before, by identity: the reader shares one instance per distinct
   * user, item and attribute value, so each is encoded once (up to {@link #MAX} strings).
   */
  private static final class Utf8Cache {
    static final int MAX = 1 << 18;
    private final java.util.IdentityHashMap<String, byte[]> bytes =
        new java.util.IdentityHashMap<>();

    byte[] of(String s) {
      byte[] b = bytes.get(s);
      if (b == null) {
        b = s.getBytes(StandardCharsets.UTF_8);
        if (bytes.size() < MAX) {
          bytes.put(s, b);
        }
      }
      return b;
    }
  }

  private static void fill(VectorSchemaRoot root, List<LabeledRow> rows, Utf8Cache utf8) {
    int n = rows.size();
    for (FieldVector v : root.getFieldVectors()) {
      v.setInitialCapacity(n);
    }
    root.allocateNew();
    BigIntVector trace = (BigIntVector) root.getVector(LabeledRow.TRACE_ID);
    BigIntVector time = (BigIntVector) root.getVector(LabeledRow.TIME_MS);
    IntVector day = (IntVector) root.getVector(LabeledRow.DAY);
    VarCharVector user = (VarCharVector) root.getVector(LabeledRow.USER);
    VarCharVector item = (VarCharVector) root.getVector(LabeledRow.ITEM);
    IntVector position = (IntVector) root.getVector(LabeledRow.POSITION);
    IntVector click = (IntVector) root.getVector(LabeledRow.CLICK);
    IntVector conversion = (IntVector) root.getVector(LabeledRow.CONVERSION);
    Float8Vector amount = (Float8Vector) root.getVector(LabeledRow.ORDER_AMOUNT);
    AttributeRow.Schema attrs = rows.get(0).attributes().schema();
    List<FieldVector> vectors = root.getFieldVectors();
    int firstAttr = 9;
    ListVector histItems = (ListVector) root.getVector(LabeledRow.HISTORY_ITEM);
    int firstHist = firstAttr + attrs.size() + 1;
    for (int i = 0; i < n; i++) {
      LabeledRow r = rows.get(i);
      trace.setSafe(i, r.traceId());
      time.setSafe(i, r.timeMillis());
      day.setSafe(i, r.day());
      user.setSafe(i, utf8.of(r.user()));
      item.setSafe(i, utf8.of(r.item()));
      if (r.position() < 0) {
        position.setNull(i);
      } else {
        position.setSafe(i, r.position());
      }
      click.setSafe(i, r.click() ? 1 : 0);
      conversion.setSafe(i, r.conversion() ? 1 : 0);
      amount.setSafe(i, r.orderAmount());
      for (int k = 0; k < attrs.size(); k++) {
        setValue(vectors.get(firstAttr + k), i, r.attributes().get(k), utf8);
      }
      List<String> items = r.history().items();
      int off = histItems.startNewValue(i);
      VarCharVector child = (VarCharVector) histItems.getDataVector();
      for (int j = 0; j < items.size(); j++) {
        child.setSafe(off + j, utf8.of(items.get(j)));
      }
      histItems.endValue(i, items.size());
      for (int k = 0; k < r.history().attributeCount(); k++) {
        ListVector lv = (ListVector) vectors.get(firstHist + k);
        List<Object> vs = r.history().attribute(k);
        int o = lv.startNewValue(i);
        FieldVector c = lv.getDataVector();
        for (int j = 0; j < vs.size(); j++) {
          setValue(c, o + j, vs.get(j), utf8);
        }
        lv.endValue(i, vs.size());
      }
    }
    root.setRowCount(n);
  }

  private static void setValue(FieldVector v, int i, Object value, Utf8Cache utf8) {
    if (value == null) {
      if (v instanceof BigIntVector b) {
        b.setNull(i);
      } else if (v instanceof Float8Vector f) {
        f.setNull(i);
      } else {
        ((VarCharVector) v).setNull(i);
      }
      return;
    }
    if (v instanceof BigIntVector b) {
      b.setSafe(i, ((Number) value).longValue());
    } else if (v instanceof Float8Vector f) {
      f.setSafe(i, ((Number) value).doubleValue());
    } else {
      ((VarCharVector) v).setSafe(i, utf8.of(value.toString()));
    }
  }
}
