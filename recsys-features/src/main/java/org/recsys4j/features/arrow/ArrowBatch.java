package org.recsys4j.features.arrow;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.recsys4j.core.Check;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.features.encode.FeatureEncoder;

/**
 * An Arrow-backed, columnar form of an {@link EncodedBatch} plus labels and request ids, the unit
 * written to and read from Arrow IPC files by {@link ArrowIpc}.
 *
 * <p>Layout, one Arrow column per input key, {@code B} rows:
 *
 * <ul>
 *   <li>an int input {@code [B, W]} ({@code "ids"}, a bag or sequence) is a non-null {@code
 *       FixedSizeList<int32>[W]} column named after the key, field metadata {@code
 *       recsys4j.role=ints}; its child holds the {@code B*W} values row-major, exactly like the
 *       {@link EncodedBatch} array;
 *   <li>a float input {@code [B, W]} ({@code "dense"}, {@code "<name>.mask"}) is a {@code
 *       FixedSizeList<float32>[W]} column, {@code recsys4j.role=floats};
 *   <li>{@value #LABEL} float32 {@code [B]}: the label, null where unknown (serving time);
 *   <li>{@value #REQUEST_ID} utf8 {@code [B]}: the request id, null where absent.
 * </ul>
 *
 * <p>The width {@code W} is the list size of the column type, so it travels with the schema. The
 * schema metadata holds {@code recsys4j.format=EncodedBatch} and {@code recsys4j.version=2}
 * (version 2 added the checksums {@link ArrowIpc} writes; version-1 files are rejected).
 *
 * <p>Copies between Java arrays and Arrow buffers are bulk copies through {@code
 * ArrowBuf.nioBuffer()}, never per-element loops (request ids, being strings, are set per row).
 * Owns Arrow memory: close it, e.g. in try-with-resources. Not thread-safe.
 */
public final class ArrowBatch implements AutoCloseable {
  /** Name of the label column, float32 {@code [B]}, null where unknown. */
  public static final String LABEL = "__label";

  /** Name of the request id column, utf8 {@code [B]}, null where absent. */
  public static final String REQUEST_ID = "__request_id";

  /** Field metadata key giving a column's role: {@code ints}, {@code floats} or {@code meta}. */
  public static final String ROLE_KEY = "recsys4j.role";

  static final String FORMAT_KEY = "recsys4j.format";
  static final String FORMAT = "EncodedBatch";
  static final String VERSION_KEY = "recsys4j.version";

  /** Format version 2 (issue 7): footer checksums, see {@link ArrowIpc}. */
  static final String VERSION = "2";

  static final String ROLE_INTS = "ints";
  static final String ROLE_FLOATS = "floats";
  static final String ROLE_META = "meta";

  private final VectorSchemaRoot root;
  private final Map<String, FixedSizeListVector> ints;
  private final Map<String, FixedSizeListVector> floats;
  private final Float4Vector label;
  private final VarCharVector requestId;

  private ArrowBatch(VectorSchemaRoot root) {
    this.root = root;
    Map<String, FixedSizeListVector> i = new LinkedHashMap<>();
    Map<String, FixedSizeListVector> f = new LinkedHashMap<>();
    for (FieldVector v : root.getFieldVectors()) {
      String role = v.getField().getMetadata().get(ROLE_KEY);
      if (ROLE_INTS.equals(role)) {
        i.put(v.getName(), (FixedSizeListVector) v);
      } else if (ROLE_FLOATS.equals(role)) {
        f.put(v.getName(), (FixedSizeListVector) v);
      }
    }
    this.ints = i;
    this.floats = f;
    this.label = (Float4Vector) root.getVector(LABEL);
    this.requestId = (VarCharVector) root.getVector(REQUEST_ID);
  }

  /**
   * A new Arrow batch holding a copy of all {@code batch.size()} rows of {@code batch}.
   *
   * @param labels {@code [B]} labels, or null if unknown (the label column is then all null)
   * @throws IllegalArgumentException if an argument is invalid (see {@link #from(EncodedBatch, int,
   *     float[], String[], BufferAllocator)})
   */
  public static ArrowBatch from(EncodedBatch batch, float[] labels, BufferAllocator allocator) {
    Check.notNull("batch", batch);
    return from(batch, batch.size(), labels, null, allocator);
  }

  /**
   * A new Arrow batch holding a copy of the first {@code rows} rows of {@code batch}.
   *
   * <p>Shapes: each input of {@code batch} is {@code [batch.size(), W]} with {@code W = length /
   * batch.size()}; the result has {@code [rows, W]}.
   *
   * @param labels labels of at least {@code rows} entries (the first {@code rows} are used), or
   *     null if unknown; NaN is kept as NaN, not as null
   * @param requestIds request ids of at least {@code rows} entries (null entries allowed), or null
   *     if absent
   * @throws IllegalArgumentException if {@code batch} or {@code allocator} is null, {@code rows} is
   *     not in {@code 1..batch.size()}, {@code labels} or {@code requestIds} is shorter than {@code
   *     rows}, or an input key equals {@value #LABEL} or {@value #REQUEST_ID}
   */
  public static ArrowBatch from(
      EncodedBatch batch,
      int rows,
      float[] labels,
      String[] requestIds,
      BufferAllocator allocator) {
    Check.notNull("batch", batch);
    Check.notNull("allocator", allocator);
    Check.inRange("rows", rows, 1, batch.size());
    if (labels != null) {
      Check.arg(labels.length >= rows, "labels.length", labels.length, "must be >= rows=" + rows);
    }
    if (requestIds != null) {
      Check.arg(
          requestIds.length >= rows,
          "requestIds.length",
          requestIds.length,
          "must be >= rows=" + rows);
    }
    Schema schema = schemaOf(batch);
    VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
    try {
      for (FieldVector v : root.getFieldVectors()) {
        v.setInitialCapacity(rows);
        v.allocateNew();
      }
      ArrowBatch out = new ArrowBatch(root);
      int n = batch.size();
      for (Map.Entry<String, FixedSizeListVector> e : out.ints.entrySet()) {
        int[] src = batch.ints(e.getKey());
        int w = src.length / n;
        FixedSizeListVector v = e.getValue();
        fillValidity(v, rows);
        fillValidity(v.getDataVector(), rows * w);
        dataBuffer(v, rows * w).asIntBuffer().put(src, 0, rows * w);
      }
      for (Map.Entry<String, FixedSizeListVector> e : out.floats.entrySet()) {
        float[] src = batch.floats(e.getKey());
        int w = src.length / n;
        FixedSizeListVector v = e.getValue();
        fillValidity(v, rows);
        fillValidity(v.getDataVector(), rows * w);
        dataBuffer(v, rows * w).asFloatBuffer().put(src, 0, rows * w);
      }
      if (labels != null) {
        fillValidity(out.label, rows);
        out.label
            .getDataBuffer()
            .nioBuffer(0, rows * Float.BYTES)
            .order(ByteOrder.LITTLE_ENDIAN)
            .asFloatBuffer()
            .put(labels, 0, rows);
      }
      if (requestIds != null) {
        for (int r = 0; r < rows; r++) {
          if (requestIds[r] != null) {
            out.requestId.setSafe(r, requestIds[r].getBytes(StandardCharsets.UTF_8));
          }
        }
      }
      root.setRowCount(rows);
      return out;
    } catch (RuntimeException e) {
      root.close();
      throw e;
    }
  }

  /**
   * The Arrow schema of batches made from {@code batch}: its int inputs, its float inputs, then
   * {@value #LABEL} and {@value #REQUEST_ID}.
   *
   * @throws IllegalArgumentException if an input key is reserved or a length is not a multiple of
   *     the batch size
   */
  public static Schema schemaOf(EncodedBatch batch) {
    Check.notNull("batch", batch);
    int n = batch.size();
    List<Field> fields = new ArrayList<>();
    for (Map.Entry<String, int[]> e : batch.ints().entrySet()) {
      fields.add(
          listField(
              e.getKey(),
              width(e.getKey(), e.getValue().length, n),
              ROLE_INTS,
              new ArrowType.Int(32, true)));
    }
    for (Map.Entry<String, float[]> e : batch.floats().entrySet()) {
      fields.add(
          listField(
              e.getKey(),
              width(e.getKey(), e.getValue().length, n),
              ROLE_FLOATS,
              new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)));
    }
    for (Field f : fields) {
      Check.arg(
          !f.getName().equals(LABEL) && !f.getName().equals(REQUEST_ID),
          "input",
          f.getName(),
          "must not be a reserved column name (" + LABEL + ", " + REQUEST_ID + ")");
    }
    fields.add(
        new Field(
            LABEL,
            new FieldType(
                true,
                new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE),
                null,
                Map.of(ROLE_KEY, ROLE_META)),
            null));
    fields.add(
        new Field(
            REQUEST_ID,
            new FieldType(true, ArrowType.Utf8.INSTANCE, null, Map.of(ROLE_KEY, ROLE_META)),
            null));
    return new Schema(fields, Map.of(FORMAT_KEY, FORMAT, VERSION_KEY, VERSION));
  }

  private static int width(String key, int length, int n) {
    Check.arg(
        length % n == 0 && length > 0,
        "input." + key + ".length",
        length,
        "must be a positive multiple of batch.size=" + n);
    return length / n;
  }

  private static Field listField(String name, int width, String role, ArrowType element) {
    Field child = new Field("item", FieldType.notNullable(element), null);
    return new Field(
        name,
        new FieldType(false, new ArrowType.FixedSizeList(width), null, Map.of(ROLE_KEY, role)),
        List.of(child));
  }

  private static void fillValidity(FieldVector v, int count) {
    ArrowBuf validity = v.getValidityBuffer();
    int bytes = (count + 7) / 8;
    validity.setOne(0L, (long) bytes);
  }

  private static java.nio.ByteBuffer dataBuffer(FixedSizeListVector v, int count) {
    ArrowBuf data = v.getDataVector().getDataBuffer();
    return data.nioBuffer(0, count * 4).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Number of rows {@code B}. */
  public int size() {
    return root.getRowCount();
  }

  /** The int input keys in column order, e.g. {@code ["ids", "clicks"]}. */
  public List<String> intKeys() {
    return List.copyOf(ints.keySet());
  }

  /** The float input keys in column order, e.g. {@code ["dense", "clicks.mask"]}. */
  public List<String> floatKeys() {
    return List.copyOf(floats.keySet());
  }

  /**
   * The row width {@code W} of input {@code key} (its shape is {@code [B, W]}).
   *
   * @throws IllegalArgumentException if there is no such input
   */
  public int width(String key) {
    return vector(key).getListSize();
  }

  /** The Arrow schema. */
  public Schema schema() {
    return root.getSchema();
  }

  /** The underlying Arrow vectors; owned by this batch, valid until {@link #close()}. */
  public VectorSchemaRoot root() {
    return root;
  }

  /**
   * A copy of int input {@code key}, row-major {@code [B, W]}.
   *
   * @throws IllegalArgumentException if there is no such int input
   */
  public int[] ints(String key) {
    FixedSizeListVector v = intVector(key);
    int[] out = new int[size() * v.getListSize()];
    copyInts(v, out);
    return out;
  }

  /**
   * A copy of float input {@code key}, row-major {@code [B, W]}.
   *
   * @throws IllegalArgumentException if there is no such float input
   */
  public float[] floats(String key) {
    FixedSizeListVector v = floatVector(key);
    float[] out = new float[size() * v.getListSize()];
    copyFloats(v, out);
    return out;
  }

  /** Whether every row has a label. */
  public boolean hasLabels() {
    return label.getNullCount() == 0;
  }

  /**
   * A copy of the labels {@code [B]}.
   *
   * @throws IllegalStateException if a label is null (unknown)
   */
  public float[] labels() {
    Check.state(
        hasLabels(),
        "%s has %s null labels of %s; labels are unknown",
        LABEL,
        label.getNullCount(),
        size());
    float[] out = new float[size()];
    label
        .getDataBuffer()
        .nioBuffer(0, out.length * Float.BYTES)
        .order(ByteOrder.LITTLE_ENDIAN)
        .asFloatBuffer()
        .get(out);
    return out;
  }

  /** The request id of row {@code b}, or null if absent. */
  public String requestId(int b) {
    Check.inRange("b", b, 0, size() - 1);
    byte[] bytes = requestId.get(b);
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * Copies every input into the same-named array of {@code out}, which must have this batch's keys
   * and row count, e.g. {@code encoder.newBatch(size())} for the encoder that made it; reuse {@code
   * out} across batches to avoid allocation.
   *
   * @return {@code out}
   * @throws IllegalArgumentException if {@code out} has other keys, a different size or widths
   */
  public EncodedBatch copyInto(EncodedBatch out) {
    Check.notNull("out", out);
    Check.arg(out.size() == size(), "out.size", out.size(), "must equal the batch size " + size());
    Check.arg(
        out.ints().keySet().equals(ints.keySet()) && out.floats().keySet().equals(floats.keySet()),
        "out.keys",
        out.ints().keySet() + "/" + out.floats().keySet(),
        "must equal " + ints.keySet() + "/" + floats.keySet());
    for (Map.Entry<String, FixedSizeListVector> e : ints.entrySet()) {
      int[] a = out.ints(e.getKey());
      checkLength(e.getKey(), a.length, e.getValue());
      copyInts(e.getValue(), a);
    }
    for (Map.Entry<String, FixedSizeListVector> e : floats.entrySet()) {
      float[] a = out.floats(e.getKey());
      checkLength(e.getKey(), a.length, e.getValue());
      copyFloats(e.getValue(), a);
    }
    return out;
  }

  /**
   * A new {@link EncodedBatch} equal to the one this batch was made from: {@code
   * copyInto(encoder.newBatch(size()))}.
   *
   * @throws IllegalArgumentException if {@code encoder}'s layout differs from this batch's
   */
  public EncodedBatch toEncodedBatch(FeatureEncoder encoder) {
    Check.notNull("encoder", encoder);
    return copyInto(encoder.newBatch(size()));
  }

  /**
   * Input {@code key} as an ND4J array of shape {@code [B, W]}: INT32 for int inputs, FLOAT for
   * float inputs, built by two bulk copies (Arrow buffer to a Java array, then {@code
   * Nd4j.create}), with no per-element loop.
   *
   * @throws IllegalArgumentException if there is no such input
   */
  public INDArray toNd4j(String key) {
    FixedSizeListVector v = vector(key);
    long[] shape = {size(), v.getListSize()};
    if (ints.containsKey(key)) {
      return Nd4j.create(ints(key), shape, DataType.INT32);
    }
    return Nd4j.create(floats(key), shape, DataType.FLOAT);
  }

  /**
   * A new batch sharing (not copying) the buffers {@code root} holds now; {@code root} may then be
   * reloaded or closed. {@code root} must follow this class's layout (see {@link
   * ArrowIpc#checkSchema}).
   */
  static ArrowBatch shareOf(VectorSchemaRoot root, BufferAllocator allocator) {
    VectorSchemaRoot copy = VectorSchemaRoot.create(root.getSchema(), allocator);
    try (ArrowRecordBatch rb = new VectorUnloader(root).getRecordBatch()) {
      new VectorLoader(copy).load(rb);
    } catch (RuntimeException e) {
      copy.close();
      throw e;
    }
    return new ArrowBatch(copy);
  }

  private void checkLength(String key, int length, FixedSizeListVector v) {
    int expected = size() * v.getListSize();
    Check.arg(
        length == expected,
        "out." + key + ".length",
        length,
        "must be " + expected + " = " + size() + " x width " + v.getListSize());
  }

  private void copyInts(FixedSizeListVector v, int[] out) {
    requireNoNulls(v);
    v.getDataVector()
        .getDataBuffer()
        .nioBuffer(0, out.length * Integer.BYTES)
        .order(ByteOrder.LITTLE_ENDIAN)
        .asIntBuffer()
        .get(out);
  }

  private void copyFloats(FixedSizeListVector v, float[] out) {
    requireNoNulls(v);
    v.getDataVector()
        .getDataBuffer()
        .nioBuffer(0, out.length * Float.BYTES)
        .order(ByteOrder.LITTLE_ENDIAN)
        .asFloatBuffer()
        .get(out);
  }

  private static void requireNoNulls(FixedSizeListVector v) {
    int nulls = v.getNullCount() + v.getDataVector().getNullCount();
    Check.state(
        nulls == 0,
        "input %s has %s null entries; encoded inputs must not be null",
        v.getName(),
        nulls);
  }

  private FixedSizeListVector vector(String key) {
    FixedSizeListVector v = ints.get(key);
    if (v == null) {
      v = floats.get(key);
    }
    Check.arg(v != null, "key", key, "must be one of " + ints.keySet() + " or " + floats.keySet());
    return v;
  }

  private FixedSizeListVector intVector(String key) {
    FixedSizeListVector v = ints.get(key);
    Check.arg(v != null, "key", key, "must be one of the int inputs " + ints.keySet());
    return v;
  }

  private FixedSizeListVector floatVector(String key) {
    FixedSizeListVector v = floats.get(key);
    Check.arg(v != null, "key", key, "must be one of the float inputs " + floats.keySet());
    return v;
  }

  /** Releases the Arrow memory; idempotent. */
  @Override
  public void close() {
    root.close();
  }
}
