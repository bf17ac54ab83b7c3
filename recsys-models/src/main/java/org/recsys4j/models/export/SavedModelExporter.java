package org.recsys4j.models.export;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.shade.protobuf.ByteString;
import org.recsys4j.core.Check;
import org.recsys4j.core.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.framework.AttrValue;
import org.tensorflow.framework.DataType;
import org.tensorflow.framework.GraphDef;
import org.tensorflow.framework.MetaGraphDef;
import org.tensorflow.framework.NodeDef;
import org.tensorflow.framework.SavedModel;
import org.tensorflow.framework.SignatureDef;
import org.tensorflow.framework.TensorInfo;
import org.tensorflow.framework.TensorProto;
import org.tensorflow.framework.TensorShapeProto;

/**
 * Writes an {@link ExportProgram} as a TensorFlow SavedModel: {@code <version dir>/saved_model.pb}
 * with tag {@value #TAG} and signature {@value #SIGNATURE} (one input per encoded input: int64 ids
 * {@code [-1,F]}, float numerics {@code [-1,K]}; one float output {@code [-1,1]} per head, keyed by
 * the head's name). Weights and tables are {@code Const} nodes, so no {@code variables/} folder is
 * written and no TensorFlow runtime is needed to write it; TF-Serving loads the version folder of
 * {@code <model>/<version>/}.
 *
 * <p>Limit: constants live inside the protobuf, which is capped at 2 GB; a larger model fails with
 * an error naming its size (export it to ONNX, which stores large tables externally).
 */
public final class SavedModelExporter {
  /** The MetaGraph tag TF-Serving loads. */
  public static final String TAG = "serve";

  /** The signature key TF-Serving calls by default. */
  public static final String SIGNATURE = "serving_default";

  /** The file name of the SavedModel protobuf. */
  public static final String FILE = "saved_model.pb";

  private static final Logger LOG = LoggerFactory.getLogger(SavedModelExporter.class);

  private final Map<String, String> nodeNames = new HashMap<>();

  private SavedModelExporter() {}

  /**
   * Writes {@code program} into {@code versionDir} ({@code <model>/<version>}), atomically.
   *
   * @throws IOException on a file-system failure
   * @throws IllegalArgumentException if the constants pass the 2 GB protobuf cap
   */
  public static void write(ExportProgram program, Path versionDir) throws IOException {
    SavedModel sm = toSavedModel(program);
    Files.createDirectories(versionDir);
    AtomicFiles.write(versionDir.resolve(FILE), sm.toByteArray());
    LOG.info(
        "wrote SavedModel {} ({} nodes) to {}",
        program.name(),
        sm.getMetaGraphs(0).getGraphDef().getNodeCount(),
        versionDir);
  }

  /**
   * The SavedModel of {@code program}.
   *
   * @throws IllegalArgumentException if the constants pass the 2 GB protobuf cap
   */
  public static SavedModel toSavedModel(ExportProgram program) {
    long bytes = 0;
    for (ExportConstant c : program.constants()) {
      bytes += c.byteSize();
    }
    Check.arg(
        bytes <= OnnxExporter.INLINE_LIMIT,
        "savedModel[" + program.name() + "].constantBytes",
        bytes,
        "must be <= "
            + OnnxExporter.INLINE_LIMIT
            + " (weights are Const nodes inside one protobuf, capped at 2 GB)");
    return new SavedModelExporter().build(program);
  }

  private SavedModel build(ExportProgram p) {
    Map<String, ValueType> types = p.types();
    GraphDef.Builder g = GraphDef.newBuilder();
    SignatureDef.Builder sig =
        SignatureDef.newBuilder().setMethodName("tensorflow/serving/predict");
    for (ExportInput in : p.inputs()) {
      TensorShapeProto shape = shape(-1, in.width());
      DataType dt = dtype(in.type());
      g.addNode(
          NodeDef.newBuilder()
              .setName(name(in.name()))
              .setOp("Placeholder")
              .putAttr("dtype", AttrValue.newBuilder().setType(dt).build())
              .putAttr("shape", AttrValue.newBuilder().setShape(shape).build()));
      sig.putInputs(
          in.name(),
          TensorInfo.newBuilder()
              .setName(name(in.name()) + ":0")
              .setDtype(dt)
              .setTensorShape(shape)
              .build());
    }
    for (ExportConstant c : p.constants()) {
      g.addNode(constNode(name(c.name()), c));
    }
    Nodes nodes = new Nodes(g, types);
    for (ExportOp op : p.ops()) {
      nodes.add(op);
    }
    for (Map.Entry<String, String> e : p.outputs().entrySet()) {
      String n = name("output/" + e.getKey());
      g.addNode(
          NodeDef.newBuilder()
              .setName(n)
              .setOp("Identity")
              .addInput(name(e.getValue()))
              .putAttr("T", type(DataType.DT_FLOAT)));
      sig.putOutputs(
          e.getKey(),
          TensorInfo.newBuilder()
              .setName(n + ":0")
              .setDtype(DataType.DT_FLOAT)
              .setTensorShape(shape(-1, 1))
              .build());
    }
    MetaGraphDef mg =
        MetaGraphDef.newBuilder()
            .setMetaInfoDef(MetaGraphDef.MetaInfoDef.newBuilder().addTags(TAG))
            .setGraphDef(g)
            .putSignatureDef(SIGNATURE, sig.build())
            .build();
    return SavedModel.newBuilder().setSavedModelSchemaVersion(1).addMetaGraphs(mg).build();
  }

  /** A TensorFlow node name for program value {@code v}: {@code [A-Za-z0-9.][A-Za-z0-9_./-]*}. */
  private String name(String v) {
    return nodeNames.computeIfAbsent(
        v,
        k -> {
          String s = k.replaceAll("[^A-Za-z0-9_./-]", "_");
          return s.isEmpty() || !Character.isLetterOrDigit(s.charAt(0)) && s.charAt(0) != '.'
              ? "v" + s
              : s;
        });
  }

  private static TensorShapeProto shape(long... dims) {
    TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
    for (long d : dims) {
      s.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
    }
    return s.build();
  }

  private static DataType dtype(ValueType t) {
    return switch (t) {
      case FLOAT -> DataType.DT_FLOAT;
      case INT64 -> DataType.DT_INT64;
      case BOOL -> DataType.DT_BOOL;
    };
  }

  private static AttrValue type(DataType t) {
    return AttrValue.newBuilder().setType(t).build();
  }

  private static NodeDef constNode(String name, ExportConstant c) {
    ByteBuffer bb = ByteBuffer.allocate((int) c.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
    if (c.floats() != null) {
      bb.asFloatBuffer().put(c.floats());
    } else {
      bb.asLongBuffer().put(c.longs());
    }
    DataType dt = dtype(c.type());
    TensorProto t =
        TensorProto.newBuilder()
            .setDtype(dt)
            .setTensorShape(shape(c.shape()))
            .setTensorContent(ByteString.copyFrom(bb.array()))
            .build();
    return NodeDef.newBuilder()
        .setName(name)
        .setOp("Const")
        .putAttr("dtype", type(dt))
        .putAttr("value", AttrValue.newBuilder().setTensor(t).build())
        .build();
  }

  /** Maps {@link ExportOp}s to TensorFlow nodes. */
  private final class Nodes {
    private final GraphDef.Builder g;
    private final Map<String, ValueType> types;

    Nodes(GraphDef.Builder g, Map<String, ValueType> types) {
      this.g = g;
      this.types = types;
    }

    private String ints(String v, long... values) {
      String n = name(v);
      g.addNode(constNode(n, ExportConstant.ofLongs(n, values, values.length)));
      return n;
    }

    private String scalarInt(String v, long value) {
      String n = name(v);
      g.addNode(constNode(n, ExportConstant.ofLongs(n, new long[] {value})));
      return n;
    }

    private NodeDef.Builder node(String op, List<String> in, String out) {
      NodeDef.Builder n = NodeDef.newBuilder().setName(name(out)).setOp(op);
      for (String i : in) {
        n.addInput(name(i));
      }
      return n;
    }

    private NodeDef.Builder typed(String op, List<String> in, String out, String tin) {
      return node(op, in, out).putAttr("T", type(dtype(types.get(tin))));
    }

    private void unary(String op, List<String> in, String out) {
      g.addNode(typed(op, in, out, in.get(0)));
    }

    private void reduce(String op, ExportOp o) {
      String axes = ints(o.output() + "/axes", o.ints());
      g.addNode(
          typed(op, List.of(o.inputs().get(0)), o.output(), o.inputs().get(0))
              .addInput(axes)
              .putAttr("Tidx", type(DataType.DT_INT64))
              .putAttr("keep_dims", AttrValue.newBuilder().setB(o.keepDims()).build()));
    }

    void add(ExportOp op) {
      List<String> in = op.inputs();
      String o = op.output();
      long[] a = op.ints();
      String x = in.isEmpty() ? null : in.get(0);
      switch (op.kind()) {
        case ADD -> unary("AddV2", in, o);
        case SUB -> unary("Sub", in, o);
        case MUL -> unary("Mul", in, o);
        case DIV -> unary("RealDiv", in, o);
        case POW -> unary("Pow", in, o);
        case MAX -> unary("Maximum", in, o);
        case MIN -> unary("Minimum", in, o);
        case NEG -> unary("Neg", in, o);
        case ABS -> unary("Abs", in, o);
        case EXP -> unary("Exp", in, o);
        case LOG -> unary("Log", in, o);
        case SQRT -> unary("Sqrt", in, o);
        case RSQRT -> unary("Rsqrt", in, o);
        case SQUARE -> unary("Square", in, o);
        case RECIPROCAL -> unary("Reciprocal", in, o);
        case SIGMOID -> unary("Sigmoid", in, o);
        case TANH -> unary("Tanh", in, o);
        case RELU -> unary("Relu", in, o);
        case SOFTMAX -> unary("Softmax", in, o);
        case IDENTITY -> unary("Identity", in, o);
        case MATMUL -> g.addNode(typed("BatchMatMulV2", in, o, x));
        case REDUCE_SUM -> reduce("Sum", op);
        case REDUCE_MEAN -> reduce("Mean", op);
        case REDUCE_MAX -> reduce("Max", op);
        case RESHAPE ->
            g.addNode(
                typed("Reshape", in, o, x)
                    .addInput(ints(o + "/shape", a))
                    .putAttr("Tshape", type(DataType.DT_INT64)));
        case TRANSPOSE ->
            g.addNode(
                typed("Transpose", in, o, x)
                    .addInput(ints(o + "/perm", a))
                    .putAttr("Tperm", type(DataType.DT_INT64)));
        case CONCAT ->
            g.addNode(
                typed("ConcatV2", in, o, x)
                    .addInput(scalarInt(o + "/axis", a[0]))
                    .putAttr("N", AttrValue.newBuilder().setI(in.size()).build())
                    .putAttr("Tidx", type(DataType.DT_INT64)));
        case EXPAND_DIMS ->
            g.addNode(
                typed("ExpandDims", in, o, x)
                    .addInput(scalarInt(o + "/axis", a[0]))
                    .putAttr("Tdim", type(DataType.DT_INT64)));
        case SQUEEZE -> {
          AttrValue.ListValue.Builder l = AttrValue.ListValue.newBuilder();
          for (long v : a) {
            l.addI(v);
          }
          g.addNode(
              typed("Squeeze", in, o, x)
                  .putAttr("squeeze_dims", AttrValue.newBuilder().setList(l).build()));
        }
        case GATHER ->
            g.addNode(
                node("GatherV2", in, o)
                    .addInput(scalarInt(o + "/axis", a[0]))
                    .putAttr("Tparams", type(dtype(types.get(x))))
                    .putAttr("Tindices", type(dtype(types.get(in.get(1)))))
                    .putAttr("Taxis", type(DataType.DT_INT64)));
        case CAST ->
            g.addNode(
                node("Cast", in, o)
                    .putAttr("SrcT", type(dtype(types.get(x))))
                    .putAttr("DstT", type(dtype(op.type()))));
        case WHERE -> g.addNode(typed("SelectV2", in, o, in.get(1)));
        case GREATER -> unary("Greater", in, o);
        case LESS -> unary("Less", in, o);
        case EQUAL -> unary("Equal", in, o);
        case CLIP -> unary("ClipByValue", in, o);
        case TILE ->
            g.addNode(
                typed("Tile", in, o, x)
                    .addInput(ints(o + "/multiples", a))
                    .putAttr("Tmultiples", type(DataType.DT_INT64)));
        case SLICE -> {
          int r = a.length / 3;
          long[] begin = java.util.Arrays.copyOfRange(a, 0, r);
          long[] end = java.util.Arrays.copyOfRange(a, r, 2 * r);
          long[] strides = java.util.Arrays.copyOfRange(a, 2 * r, 3 * r);
          long endMask = 0;
          for (int i = 0; i < r; i++) {
            if (end[i] == Long.MAX_VALUE) {
              endMask |= 1L << i;
              end[i] = 0;
            }
          }
          g.addNode(
              typed("StridedSlice", in, o, x)
                  .addInput(ints(o + "/begin", begin))
                  .addInput(ints(o + "/end", end))
                  .addInput(ints(o + "/strides", strides))
                  .putAttr("Index", type(DataType.DT_INT64))
                  .putAttr("end_mask", AttrValue.newBuilder().setI(endMask).build()));
        }
      }
    }
  }
}
