package org.recsys4j.models.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import onnx.Onnx;
import org.nd4j.shade.protobuf.ByteString;
import org.recsys4j.core.Check;
import org.recsys4j.core.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an {@link ExportProgram} as one ONNX {@code ModelProto} (opset {@value #OPSET}, IR version
 * {@value #IR_VERSION}, both read by ONNX Runtime 1.23).
 *
 * <p>Graph: one input per encoded input (int64 ids {@code [N,F]} / {@code [N,T]}, float numerics
 * {@code [N,K]}, N symbolic), tables and parameters as initializers, one float output {@code [N,1]}
 * per head named as the head. A constant of {@link #externalDataThreshold()} bytes or more (and any
 * that would push the protobuf past its 2 GB cap) is stored in external data file {@code <model
 * file name>.data} beside the model, as ONNX's external-data convention describes; ONNX Runtime
 * finds it relative to the model file.
 *
 * @param externalDataThreshold constants of at least this many bytes go to the external data file
 */
public record OnnxExporter(long externalDataThreshold) {
  /** The ONNX operator set written. */
  public static final int OPSET = 17;

  /** The ONNX IR version written. */
  public static final int IR_VERSION = 8;

  /** The bytes a model file may hold inline: protobuf's 2 GB cap with a margin for the graph. */
  static final long INLINE_LIMIT = (1L << 31) - (1L << 26);

  private static final Logger LOG = LoggerFactory.getLogger(OnnxExporter.class);
  private static final int FLOAT = Onnx.TensorProto.DataType.FLOAT_VALUE;
  private static final int INT64 = Onnx.TensorProto.DataType.INT64_VALUE;
  private static final int BOOL = Onnx.TensorProto.DataType.BOOL_VALUE;

  /** Validates. */
  public OnnxExporter {
    Check.positive("onnx.externalDataThreshold", externalDataThreshold);
  }

  /** An exporter that stores constants of 1 GiB or more externally. */
  public static OnnxExporter defaults() {
    return new OnnxExporter(1L << 30);
  }

  /**
   * Writes {@code program} to {@code file} (and {@code file.data} when constants go external),
   * atomically per file.
   *
   * @throws IOException on a file-system failure
   */
  public void write(ExportProgram program, Path file) throws IOException {
    Path data = file.resolveSibling(file.getFileName() + ".data");
    Set<String> external = externalConstants(program);
    Onnx.ModelProto model = model(program, external, data.getFileName().toString());
    if (!external.isEmpty()) {
      AtomicFiles.write(data, ch -> writeExternal(program, external, stream(ch)));
    }
    AtomicFiles.write(
        file,
        ch -> {
          OutputStream os = stream(ch);
          model.writeTo(os);
          os.flush();
        });
    LOG.info(
        "wrote ONNX model {} ({} ops, {} external constants) to {}",
        program.name(),
        model.getGraph().getNodeCount(),
        external.size(),
        file);
  }

  /** The model as bytes (all constants inline). */
  public byte[] toBytes(ExportProgram program) {
    return model(program, Set.of(), "").toByteArray();
  }

  private Set<String> externalConstants(ExportProgram p) {
    Set<String> ext = new HashSet<>();
    long inline = 0;
    List<ExportConstant> bySize = new ArrayList<>(p.constants());
    bySize.sort(Comparator.comparingLong(ExportConstant::byteSize));
    for (ExportConstant c : bySize) {
      if (c.byteSize() >= externalDataThreshold || inline + c.byteSize() > INLINE_LIMIT) {
        ext.add(c.name());
      } else {
        inline += c.byteSize();
      }
    }
    return ext;
  }

  private static OutputStream stream(java.nio.channels.FileChannel ch) {
    return new java.io.BufferedOutputStream(
        java.nio.channels.Channels.newOutputStream(ch), 1 << 16);
  }

  private static void writeExternal(ExportProgram p, Set<String> ext, OutputStream out)
      throws IOException {
    for (ExportConstant c : p.constants()) {
      if (ext.contains(c.name())) {
        writeValues(c, out);
      }
    }
    out.flush();
  }

  private static void writeValues(ExportConstant c, OutputStream out) throws IOException {
    int chunk = 1 << 16;
    ByteBuffer bb = ByteBuffer.allocate(chunk * 8).order(ByteOrder.LITTLE_ENDIAN);
    long n = c.size();
    for (long start = 0; start < n; start += chunk) {
      bb.clear();
      int m = (int) Math.min(chunk, n - start);
      for (int i = 0; i < m; i++) {
        if (c.floats() != null) {
          bb.putFloat(c.floats()[(int) start + i]);
        } else {
          bb.putLong(c.longs()[(int) start + i]);
        }
      }
      out.write(bb.array(), 0, bb.position());
    }
  }

  private static ByteString raw(ExportConstant c) {
    ByteBuffer bb = ByteBuffer.allocate((int) c.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
    if (c.floats() != null) {
      bb.asFloatBuffer().put(c.floats());
    } else {
      bb.asLongBuffer().put(c.longs());
    }
    return ByteString.copyFrom(bb.array());
  }

  private Onnx.ModelProto model(ExportProgram p, Set<String> external, String dataFile) {
    Onnx.GraphProto.Builder g = Onnx.GraphProto.newBuilder().setName(p.name());
    // graph outputs are named as the heads: a value of the same name is renamed
    java.util.function.UnaryOperator<String> rename =
        v -> p.outputs().containsKey(v) ? v + "/value" : v;
    for (ExportInput in : p.inputs()) {
      g.addInput(valueInfo(in.name(), in.type() == ValueType.INT64 ? INT64 : FLOAT, in.width()));
    }
    long offset = 0;
    for (ExportConstant c : p.constants()) {
      Onnx.TensorProto.Builder t =
          Onnx.TensorProto.newBuilder()
              .setName(rename.apply(c.name()))
              .setDataType(c.type() == ValueType.INT64 ? INT64 : FLOAT);
      for (long d : c.shape()) {
        t.addDims(d);
      }
      if (external.contains(c.name())) {
        t.setDataLocation(Onnx.TensorProto.DataLocation.EXTERNAL);
        t.addExternalData(entry("location", dataFile));
        t.addExternalData(entry("offset", Long.toString(offset)));
        t.addExternalData(entry("length", Long.toString(c.byteSize())));
        offset += c.byteSize();
      } else {
        t.setRawData(raw(c));
      }
      g.addInitializer(t);
    }
    Nodes nodes = new Nodes(g, rename);
    for (ExportOp op : p.ops()) {
      nodes.add(op);
    }
    for (Map.Entry<String, String> e : p.outputs().entrySet()) {
      g.addNode(
          node(
              "Identity", List.of(rename.apply(e.getValue())), e.getKey(), e.getKey() + "/output"));
      g.addOutput(valueInfo(e.getKey(), FLOAT, 1));
    }
    return Onnx.ModelProto.newBuilder()
        .setIrVersion(IR_VERSION)
        .setProducerName("recsys4j")
        .setModelVersion(1)
        .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
        .setGraph(g)
        .build();
  }

  private static Onnx.StringStringEntryProto entry(String k, String v) {
    return Onnx.StringStringEntryProto.newBuilder().setKey(k).setValue(v).build();
  }

  private static Onnx.ValueInfoProto valueInfo(String name, int type, int width) {
    Onnx.TensorShapeProto shape =
        Onnx.TensorShapeProto.newBuilder()
            .addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
            .addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(width))
            .build();
    return Onnx.ValueInfoProto.newBuilder()
        .setName(name)
        .setType(
            Onnx.TypeProto.newBuilder()
                .setTensorType(
                    Onnx.TypeProto.Tensor.newBuilder().setElemType(type).setShape(shape)))
        .build();
  }

  private static Onnx.NodeProto.Builder node(
      String type, List<String> inputs, String output, String name) {
    return Onnx.NodeProto.newBuilder()
        .setOpType(type)
        .setName(name)
        .addAllInput(inputs)
        .addOutput(output);
  }

  /** Maps {@link ExportOp}s to ONNX nodes. */
  private static final class Nodes {
    private final Onnx.GraphProto.Builder g;
    private final java.util.function.UnaryOperator<String> rename;

    Nodes(Onnx.GraphProto.Builder g, java.util.function.UnaryOperator<String> rename) {
      this.g = g;
      this.rename = rename;
    }

    private String ints(String name, long[] values) {
      Onnx.TensorProto.Builder t =
          Onnx.TensorProto.newBuilder().setName(name).setDataType(INT64).addDims(values.length);
      for (long v : values) {
        t.addInt64Data(v);
      }
      g.addInitializer(t);
      return name;
    }

    private void emit(String type, List<String> in, String out, Onnx.AttributeProto... attrs) {
      String o = rename.apply(out);
      Onnx.NodeProto.Builder n = node(type, in.stream().map(rename).toList(), o, o);
      for (Onnx.AttributeProto a : attrs) {
        n.addAttribute(a);
      }
      g.addNode(n);
    }

    private static Onnx.AttributeProto attr(String name, long v) {
      return Onnx.AttributeProto.newBuilder()
          .setName(name)
          .setType(Onnx.AttributeProto.AttributeType.INT)
          .setI(v)
          .build();
    }

    private static Onnx.AttributeProto attr(String name, long[] v) {
      Onnx.AttributeProto.Builder a =
          Onnx.AttributeProto.newBuilder()
              .setName(name)
              .setType(Onnx.AttributeProto.AttributeType.INTS);
      for (long x : v) {
        a.addInts(x);
      }
      return a.build();
    }

    void add(ExportOp op) {
      List<String> in = op.inputs();
      String o = op.output();
      long[] a = op.ints();
      switch (op.kind()) {
        case ADD -> emit("Add", in, o);
        case SUB -> emit("Sub", in, o);
        case MUL -> emit("Mul", in, o);
        case DIV -> emit("Div", in, o);
        case POW -> emit("Pow", in, o);
        case MAX -> emit("Max", in, o);
        case MIN -> emit("Min", in, o);
        case NEG -> emit("Neg", in, o);
        case ABS -> emit("Abs", in, o);
        case EXP -> emit("Exp", in, o);
        case LOG -> emit("Log", in, o);
        case SQRT -> emit("Sqrt", in, o);
        case RSQRT -> {
          emit("Sqrt", in, o + "/sqrt");
          emit("Reciprocal", List.of(o + "/sqrt"), o);
        }
        case SQUARE -> emit("Mul", List.of(in.get(0), in.get(0)), o);
        case RECIPROCAL -> emit("Reciprocal", in, o);
        case SIGMOID -> emit("Sigmoid", in, o);
        case TANH -> emit("Tanh", in, o);
        case RELU -> emit("Relu", in, o);
        case SOFTMAX -> emit("Softmax", in, o, attr("axis", a[0]));
        case IDENTITY -> emit("Identity", in, o);
        case MATMUL -> emit("MatMul", in, o);
        case REDUCE_SUM ->
            emit(
                "ReduceSum",
                List.of(in.get(0), ints(o + "/axes", a)),
                o,
                attr("keepdims", op.keepDims() ? 1 : 0));
        case REDUCE_MEAN ->
            emit("ReduceMean", in, o, attr("axes", a), attr("keepdims", op.keepDims() ? 1 : 0));
        case REDUCE_MAX ->
            emit("ReduceMax", in, o, attr("axes", a), attr("keepdims", op.keepDims() ? 1 : 0));
        case RESHAPE -> emit("Reshape", List.of(in.get(0), ints(o + "/shape", a)), o);
        case TRANSPOSE -> emit("Transpose", in, o, attr("perm", a));
        case CONCAT -> emit("Concat", in, o, attr("axis", a[0]));
        case EXPAND_DIMS -> emit("Unsqueeze", List.of(in.get(0), ints(o + "/axes", a)), o);
        case SQUEEZE -> emit("Squeeze", List.of(in.get(0), ints(o + "/axes", a)), o);
        case GATHER -> emit("Gather", in, o, attr("axis", a[0]));
        case CAST ->
            emit(
                "Cast",
                in,
                o,
                attr(
                    "to",
                    switch (op.type()) {
                      case FLOAT -> FLOAT;
                      case INT64 -> INT64;
                      case BOOL -> BOOL;
                    }));
        case WHERE -> emit("Where", in, o);
        case GREATER -> emit("Greater", in, o);
        case LESS -> emit("Less", in, o);
        case EQUAL -> emit("Equal", in, o);
        case CLIP -> emit("Clip", in, o);
        case TILE -> emit("Tile", List.of(in.get(0), ints(o + "/repeats", a)), o);
        case SLICE -> {
          int r = a.length / 3;
          long[] axes = new long[r];
          for (int i = 0; i < r; i++) {
            axes[i] = i;
          }
          emit(
              "Slice",
              List.of(
                  in.get(0),
                  ints(o + "/starts", java.util.Arrays.copyOfRange(a, 0, r)),
                  ints(o + "/ends", java.util.Arrays.copyOfRange(a, r, 2 * r)),
                  ints(o + "/axes", axes),
                  ints(o + "/steps", java.util.Arrays.copyOfRange(a, 2 * r, 3 * r))),
              o);
        }
      }
    }
  }
}
