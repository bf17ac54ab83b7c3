package org.recsys4j.models.params;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;
import org.recsys4j.core.Check;
import org.recsys4j.core.io.AtomicFiles;
import org.recsys4j.core.json.TypedJson;

/**
 * The one binary format for named tensors: float32 tensors and int64 arrays under a JSON header,
 * each checked by CRC32C, written atomically.
 *
 * <p>Layout (integers little-endian):
 *
 * <pre>
 *   8 bytes   magic "R4JTENS\n"
 *   4 bytes   header length H
 *   H bytes   header, UTF-8 JSON: {"type":"tensor_file","version":1,"kind":K,"meta":{...},
 *             "entries":[{"name","dtype":"float32"|"int64","shape":[...],"offset","crc32c"}]}
 *   4 bytes   CRC32C of the header bytes
 *   data      the entries' values, back to back; offsets count bytes from the start of data
 * </pre>
 *
 * <p>Reading checks the magic, the header's checksum, the type, the version (a newer file than this
 * library reads is a named error, not a guess), the kind the caller expects, the file's length (a
 * truncated file is named as such) and every entry's checksum. Writing goes through {@link
 * AtomicFiles}: a crash or {@code kill -9} leaves the old file or the new one.
 */
public final class TensorFile {
  /** The header's envelope type. */
  public static final String TYPE = "tensor_file";

  /** The format version this library writes and the newest it reads. */
  public static final int VERSION = 1;

  private static final byte[] MAGIC = "R4JTENS\n".getBytes(StandardCharsets.US_ASCII);
  private static final int CHUNK = 1 << 20;

  private TensorFile() {}

  /**
   * What a file holds.
   *
   * @param kind what the file is, e.g. {@code model_snapshot}
   * @param meta free metadata of the writer
   * @param tensors float32 tensors by name, in file order
   * @param longs int64 arrays by name, in file order
   */
  public record Contents(
      String kind, ObjectNode meta, Map<String, Tensor> tensors, Map<String, long[]> longs) {
    /** Validates and copies the maps (not the arrays). */
    public Contents {
      Check.name("tensorFile.kind", kind);
      Check.notNull("tensorFile.meta", meta);
      tensors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
      longs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(longs));
      for (String n : tensors.keySet()) {
        Check.arg(!longs.containsKey(n), "tensorFile.entry", n, "must name one entry only");
      }
    }
  }

  /**
   * Writes {@code contents} to {@code path} atomically.
   *
   * @throws IOException on a file-system failure (the target is then unchanged)
   */
  public static void write(Path path, Contents contents) throws IOException {
    ObjectNode header = TypedJson.envelope(TYPE, VERSION);
    header.put("kind", contents.kind());
    header.set("meta", contents.meta());
    ArrayNode entries = header.putArray("entries");
    long offset = 0;
    for (Map.Entry<String, Tensor> e : contents.tensors().entrySet()) {
      Tensor t = e.getValue();
      ObjectNode n = entries.addObject();
      n.put("name", e.getKey());
      n.put("dtype", "float32");
      ArrayNode shape = n.putArray("shape");
      for (long s : t.shape()) {
        shape.add(s);
      }
      n.put("offset", offset);
      n.put("crc32c", hex(crc(Elements.of(t.values()))));
      offset += 4L * t.values().length;
    }
    for (Map.Entry<String, long[]> e : contents.longs().entrySet()) {
      ObjectNode n = entries.addObject();
      n.put("name", e.getKey());
      n.put("dtype", "int64");
      n.putArray("shape").add(e.getValue().length);
      n.put("offset", offset);
      n.put("crc32c", hex(crc(Elements.of(e.getValue()))));
      offset += 8L * e.getValue().length;
    }
    byte[] head = TypedJson.mapper().writeValueAsBytes(header);
    CRC32C crc = new CRC32C();
    crc.update(head);
    AtomicFiles.write(
        path,
        ch -> {
          ByteBuffer pre = ByteBuffer.allocate(MAGIC.length + 4).order(ByteOrder.LITTLE_ENDIAN);
          pre.put(MAGIC).putInt(head.length).flip();
          writeFully(ch, pre);
          writeFully(ch, ByteBuffer.wrap(head));
          ByteBuffer c = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
          c.putInt((int) crc.getValue()).flip();
          writeFully(ch, c);
          ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
          for (Tensor t : contents.tensors().values()) {
            write(ch, buf, Elements.of(t.values()));
          }
          for (long[] v : contents.longs().values()) {
            write(ch, buf, Elements.of(v));
          }
        });
  }

  /**
   * Reads a file written by {@link #write}.
   *
   * @param expectedKind the kind the caller reads, e.g. {@code model_snapshot}
   * @throws IOException naming the file and the problem: not a tensor file, truncated, corrupt
   *     (checksum), a newer version, or another kind
   */
  public static Contents read(Path path, String expectedKind) throws IOException {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      long size = ch.size();
      ByteBuffer pre = ByteBuffer.allocate(MAGIC.length + 4).order(ByteOrder.LITTLE_ENDIAN);
      readFully(ch, pre, path, "magic");
      byte[] magic = new byte[MAGIC.length];
      pre.flip().get(magic);
      if (!java.util.Arrays.equals(magic, MAGIC)) {
        throw new IOException(path + " is not a recsys4j tensor file (magic bytes differ)");
      }
      int headLen = pre.getInt();
      if (headLen <= 0 || headLen > size - MAGIC.length - 8) {
        throw new IOException(
            path + " is truncated or corrupt: header length " + headLen + ", file " + size);
      }
      ByteBuffer head = ByteBuffer.allocate(headLen + 4).order(ByteOrder.LITTLE_ENDIAN);
      readFully(ch, head, path, "header");
      head.flip();
      byte[] hb = new byte[headLen];
      head.get(hb);
      CRC32C crc = new CRC32C();
      crc.update(hb);
      if ((int) crc.getValue() != head.getInt()) {
        throw new IOException(path + " is corrupt: header checksum (CRC32C) fails");
      }
      JsonNode h;
      try {
        h = TypedJson.parseObject(new String(hb, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw new IOException(path + " is corrupt: " + e.getMessage(), e);
      }
      if (!TYPE.equals(h.path("type").asText())) {
        throw new IOException(path + ": type '" + h.path("type").asText() + "' is not " + TYPE);
      }
      int version = h.path("version").asInt(-1);
      if (version > VERSION) {
        throw new IOException(
            path
                + ": tensor file version "
                + version
                + " is newer than this library reads ("
                + VERSION
                + "); upgrade recsys4j");
      }
      if (version < 1) {
        throw new IOException(path + ": tensor file version " + version + " is invalid");
      }
      String kind = h.path("kind").asText();
      if (!expectedKind.equals(kind)) {
        throw new IOException(path + " holds a '" + kind + "', not a '" + expectedKind + "'");
      }
      long dataStart = MAGIC.length + 4L + headLen + 4;
      Map<String, Tensor> tensors = new LinkedHashMap<>();
      Map<String, long[]> longs = new LinkedHashMap<>();
      long expected = 0;
      for (JsonNode e : h.path("entries")) {
        String name = e.path("name").asText();
        String dtype = e.path("dtype").asText();
        long[] shape = new long[e.path("shape").size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
          shape[i] = e.path("shape").get(i).asLong();
          count *= shape[i];
        }
        long offset = e.path("offset").asLong();
        int width = "float32".equals(dtype) ? 4 : "int64".equals(dtype) ? 8 : -1;
        if (width < 0 || count < 0 || count > Integer.MAX_VALUE || offset != expected) {
          throw new IOException(path + " is corrupt: entry " + name + " is malformed");
        }
        long bytes = count * width;
        if (dataStart + offset + bytes > size) {
          throw new IOException(
              path
                  + " is truncated: entry "
                  + name
                  + " needs bytes up to "
                  + (dataStart + offset + bytes)
                  + ", file has "
                  + size);
        }
        ch.position(dataStart + offset);
        long got;
        if (width == 4) {
          float[] v = new float[(int) count];
          got = read(ch, Elements.of(v), path, name);
          tensors.put(name, new Tensor(shape, v));
        } else {
          long[] v = new long[(int) count];
          got = read(ch, Elements.of(v), path, name);
          longs.put(name, v);
        }
        if (!hex(got).equals(e.path("crc32c").asText())) {
          throw new IOException(path + " is corrupt: entry " + name + " fails its CRC32C");
        }
        expected += bytes;
      }
      if (dataStart + expected != size) {
        throw new IOException(
            path + " is corrupt: " + (size - dataStart - expected) + " bytes after the last entry");
      }
      return new Contents(kind, (ObjectNode) h.path("meta"), tensors, longs);
    }
  }

  private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  private static void readFully(FileChannel ch, ByteBuffer b, Path path, String what)
      throws IOException {
    while (b.hasRemaining()) {
      if (ch.read(b) < 0) {
        throw new IOException(path + " is truncated (in its " + what + ")");
      }
    }
  }

  /** Copies elements {@code [from, from+n)} between an array and a buffer's position. */
  @FunctionalInterface
  private interface Copy {
    void apply(ByteBuffer b, int from, int n);
  }

  /**
   * A float[] or long[] as little-endian bytes of {@code width} each: {@code put} copies array to
   * buffer, {@code get} buffer to array.
   */
  private record Elements(int length, int width, Copy put, Copy get) {
    static Elements of(float[] v) {
      return new Elements(
          v.length,
          4,
          (b, i, n) -> b.asFloatBuffer().put(v, i, n),
          (b, i, n) -> b.asFloatBuffer().get(v, i, n));
    }

    static Elements of(long[] v) {
      return new Elements(
          v.length,
          8,
          (b, i, n) -> b.asLongBuffer().put(v, i, n),
          (b, i, n) -> b.asLongBuffer().get(v, i, n));
    }
  }

  /** One chunk of elements {@code [from, from+n)} passing through a buffer. */
  @FunctionalInterface
  private interface Chunk {
    void apply(ByteBuffer b, int from, int n) throws IOException;
  }

  /**
   * Passes the elements through {@code buf} in chunks: before each {@code op} the buffer is cleared
   * and limited to the chunk's bytes.
   */
  private static void inChunks(Elements v, ByteBuffer buf, Chunk op) throws IOException {
    int w = v.width();
    for (int i = 0; i < v.length(); ) {
      int n = Math.min(v.length() - i, buf.capacity() / w);
      buf.clear().limit(w * n);
      op.apply(buf, i, n);
      i += n;
    }
  }

  private static void write(FileChannel ch, ByteBuffer buf, Elements v) throws IOException {
    inChunks(
        v,
        buf,
        (b, i, n) -> {
          v.put().apply(b, i, n);
          writeFully(ch, b);
        });
  }

  /** Reads the elements from the channel's position and returns their CRC32C. */
  private static long read(FileChannel ch, Elements v, Path path, String name) throws IOException {
    ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
    inChunks(
        v,
        buf,
        (b, i, n) -> {
          readFully(ch, b, path, name);
          b.flip();
          v.get().apply(b, i, n);
        });
    return crc(v);
  }

  private static long crc(Elements v) {
    CRC32C crc = new CRC32C();
    ByteBuffer buf = ByteBuffer.allocate(Math.min(CHUNK, v.width() * Math.max(1, v.length())));
    buf.order(ByteOrder.LITTLE_ENDIAN);
    try {
      inChunks(
          v,
          buf,
          (b, i, n) -> {
            v.put().apply(b, i, n);
            crc.update(b);
          });
    } catch (IOException e) {
      throw new IllegalStateException("a checksum in memory does not do I/O", e);
    }
    return crc.getValue();
  }

  private static String hex(long crc) {
    return String.format("%08x", crc);
  }
}
