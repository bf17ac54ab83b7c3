package org.recsys4j.models.export;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.BaseScalarOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.recsys4j.models.params.Tensor;

/**
 * Translates the ops of a SameDiff inference graph, in topological order, into {@link ExportOp}s:
 * the one place that knows ND4J op types. Values the caller already provides (inputs, lookups,
 * masks) are not translated; VARIABLEs become constants from the given parameter values, CONSTANTs
 * from the graph.
 */
final class GraphTranslator {
  private static final String NO_LAYER = "(graph)";
  private static final int STRIDED_SLICE_MASKS = 5;

  private final SameDiff sd;
  private final Map<String, Tensor> parameters;
  private final Function<String, String> layerOfOp;
  private final Map<String, Integer> ranks;
  private final Map<String, ExportConstant> constants = new LinkedHashMap<>();
  private final List<ExportOp> ops = new ArrayList<>();
  private final Set<String> available = new HashSet<>();
  private String source = "";
  private String opType = "";
  private String opName = "";

  /**
   * A translator.
   *
   * @param sd the inference graph
   * @param parameters the values of its VARIABLEs by name
   * @param layerOfOp the layer that defined an op, for messages
   * @param ranks the rank of every ARRAY and PLACEHOLDER value (from a dry run)
   */
  GraphTranslator(
      SameDiff sd,
      Map<String, Tensor> parameters,
      Function<String, String> layerOfOp,
      Map<String, Integer> ranks) {
    this.sd = sd;
    this.parameters = parameters;
    this.layerOfOp = layerOfOp;
    this.ranks = new HashMap<>(ranks);
  }

  /** Declares a value the caller computes (an input, a lookup's rows, a mask). */
  void provide(String name) {
    available.add(name);
  }

  /** Adds a constant the caller makes (tables, offsets). */
  void constant(ExportConstant c) {
    constants.putIfAbsent(c.name(), c);
    available.add(c.name());
  }

  /** Adds an op the caller makes (lookups, masks). */
  void op(ExportOp op) {
    ops.add(op);
    available.add(op.output());
  }

  List<ExportConstant> constants() {
    return new ArrayList<>(constants.values());
  }

  List<ExportOp> ops() {
    return ops;
  }

  /** Translates every op that {@code outputs} depend on, in topological order. */
  void translate(List<String> outputs) {
    for (SameDiffOp op : order(outputs)) {
      DifferentialFunction df = op.getOp();
      opType = df.opName();
      opName = op.getName();
      source = opType + " " + opName;
      List<String> in = new ArrayList<>();
      for (String v : op.getInputsToOp()) {
        in.add(value(v));
      }
      List<String> out = op.getOutputsOfOp();
      map(df, in, out);
      available.addAll(out);
    }
    for (String o : outputs) {
      value(o);
    }
  }

  /** Ops needed for {@code outputs}, inputs before consumers. */
  private List<SameDiffOp> order(List<String> outputs) {
    Map<String, SameDiffOp> producer = new HashMap<>();
    for (SameDiffOp op : sd.getOps().values()) {
      for (String o : op.getOutputsOfOp()) {
        producer.put(o, op);
      }
    }
    List<SameDiffOp> order = new ArrayList<>();
    Set<String> done = new HashSet<>();
    Set<String> visiting = new HashSet<>();
    Deque<Object[]> stack = new ArrayDeque<>();
    for (String o : outputs) {
      SameDiffOp p = available.contains(o) ? null : producer.get(o);
      if (p != null) {
        stack.push(new Object[] {p, 0});
      }
      while (!stack.isEmpty()) {
        Object[] top = stack.peek();
        SameDiffOp op = (SameDiffOp) top[0];
        if (done.contains(op.getName())) {
          stack.pop();
          continue;
        }
        visiting.add(op.getName());
        int i = (Integer) top[1];
        List<String> ins = op.getInputsToOp() == null ? List.of() : op.getInputsToOp();
        if (i < ins.size()) {
          top[1] = i + 1;
          String v = ins.get(i);
          SameDiffOp q = available.contains(v) ? null : producer.get(v);
          if (q != null && !done.contains(q.getName())) {
            if (visiting.contains(q.getName())) {
              throw new IllegalStateException("graph has a cycle through op " + q.getName());
            }
            stack.push(new Object[] {q, 0});
          }
        } else {
          stack.pop();
          visiting.remove(op.getName());
          done.add(op.getName());
          order.add(op);
        }
      }
    }
    return order;
  }

  /** The program value of graph variable {@code v}, adding it as a constant when it is one. */
  private String value(String v) {
    if (available.contains(v)) {
      return v;
    }
    SDVariable var = sd.getVariable(v);
    if (var.getVariableType() == VariableType.VARIABLE) {
      Tensor t = parameters.get(v);
      if (t == null) {
        throw new IllegalArgumentException(
            "parameter " + v + " of the graph has no value: the snapshot must hold it");
      }
      constant(ExportConstant.of(v, t.values(), t.shape()));
      return v;
    }
    if (var.getVariableType() == VariableType.CONSTANT) {
      constant(fromArray(v, var.getArr()));
      return v;
    }
    throw new IllegalArgumentException(
        "value "
            + v
            + " ("
            + var.getVariableType()
            + ") is neither computed nor provided: placeholders must be inputs, rows or masks");
  }

  private static ExportConstant fromArray(String name, INDArray a) {
    long[] shape = a.shape();
    if (a.dataType().isIntType()) {
      return ExportConstant.ofLongs(name, a.castTo(DataType.LONG).dup().data().asLong(), shape);
    }
    return ExportConstant.of(name, a.castTo(DataType.FLOAT).dup().data().asFloat(), shape);
  }

  private UnsupportedOpException unsupported(String rule) {
    String layer = layerOfOp.apply(opName);
    return new UnsupportedOpException(opType, opName, layer == null ? NO_LAYER : layer, rule);
  }

  private int rank(String v) {
    Integer r = ranks.get(v);
    if (r == null) {
      throw unsupported("the rank of " + v + " is unknown");
    }
    return r;
  }

  private long axis(long a, int rank) {
    return a < 0 ? a + rank : a;
  }

  private String scalar(float value) {
    String name = opName + "/scalar";
    constant(ExportConstant.of(name, new float[] {value}));
    return name;
  }

  private void emit(OpKind kind, List<String> in, String out, long... ints) {
    emit(kind, in, out, ValueType.FLOAT, false, ints);
  }

  private void emit(
      OpKind kind, List<String> in, String out, ValueType type, boolean keep, long... ints) {
    ops.add(new ExportOp(kind, in, out, type, ints, keep, source));
    available.add(out);
    if (!ranks.containsKey(out)) {
      ranks.put(out, inferredRank(kind, in, ints, keep));
    }
  }

  private int inferredRank(OpKind kind, List<String> in, long[] ints, boolean keep) {
    return switch (kind) {
      case RESHAPE -> ints.length;
      case EXPAND_DIMS -> rank(in.get(0)) + 1;
      case SQUEEZE -> rank(in.get(0)) - ints.length;
      case REDUCE_SUM, REDUCE_MEAN, REDUCE_MAX ->
          keep ? rank(in.get(0)) : rank(in.get(0)) - ints.length;
      default -> {
        int r = 0;
        for (String s : in) {
          Integer x = ranks.get(s);
          if (x != null) {
            r = Math.max(r, x);
          }
        }
        yield r;
      }
    };
  }

  private static long[] iArgs(DifferentialFunction df) {
    return df instanceof DynamicCustomOp c ? c.iArgs() : new long[0];
  }

  private long[] constantInts(String v) {
    ExportConstant c = constants.get(v);
    if (c == null) {
      SDVariable var = sd.getVariable(v);
      if (var == null || var.getArr() == null) {
        throw unsupported("its argument " + v + " must be a constant");
      }
      return var.getArr().castTo(DataType.LONG).dup().data().asLong();
    }
    if (c.longs() != null) {
      return c.longs();
    }
    long[] r = new long[c.floats().length];
    for (int i = 0; i < r.length; i++) {
      r[i] = (long) c.floats()[i];
    }
    return r;
  }

  private void map(DifferentialFunction df, List<String> in, List<String> out) {
    String o = out.get(0);
    String t = df.opName();
    switch (t) {
      case "add" -> emit(OpKind.ADD, in, o);
      case "subtract" -> emit(OpKind.SUB, in, o);
      case "multiply" -> emit(OpKind.MUL, in, o);
      case "divide", "realdiv" -> emit(OpKind.DIV, in, o);
      case "reversesubtract" -> emit(OpKind.SUB, List.of(in.get(1), in.get(0)), o);
      case "reversedivide" -> emit(OpKind.DIV, List.of(in.get(1), in.get(0)), o);
      case "maximum" -> emit(OpKind.MAX, in, o);
      case "minimum" -> emit(OpKind.MIN, in, o);
      case "pow_pairwise", "Pow" -> emit(OpKind.POW, in, o);
      case "squaredsubtract" -> {
        emit(OpKind.SUB, in, o + "/diff");
        emit(OpKind.SQUARE, List.of(o + "/diff"), o);
      }
      case "add_scalar" -> emit(OpKind.ADD, List.of(in.get(0), scalar(scalarOf(df))), o);
      case "sub_scalar" -> emit(OpKind.SUB, List.of(in.get(0), scalar(scalarOf(df))), o);
      case "mul_scalar" -> emit(OpKind.MUL, List.of(in.get(0), scalar(scalarOf(df))), o);
      case "div_scalar" -> emit(OpKind.DIV, List.of(in.get(0), scalar(scalarOf(df))), o);
      case "rsub_scalar" -> emit(OpKind.SUB, List.of(scalar(scalarOf(df)), in.get(0)), o);
      case "rdiv_scalar" -> emit(OpKind.DIV, List.of(scalar(scalarOf(df)), in.get(0)), o);
      case "pow" -> emit(OpKind.POW, List.of(in.get(0), scalar(scalarOf(df))), o);
      case "maxscalar", "scalar_max" ->
          emit(OpKind.MAX, List.of(in.get(0), scalar(scalarOf(df))), o);
      case "minscalar", "scalar_min" ->
          emit(OpKind.MIN, List.of(in.get(0), scalar(scalarOf(df))), o);
      case "relu" -> {
        float cutoff = df instanceof BaseScalarOp ? scalarOf(df) : 0f;
        if (cutoff != 0f) {
          throw unsupported("relu cutoff=" + cutoff + " must be 0");
        }
        emit(OpKind.RELU, in, o);
      }
      case "sigmoid" -> emit(OpKind.SIGMOID, in, o);
      case "tanh" -> emit(OpKind.TANH, in, o);
      case "exp" -> emit(OpKind.EXP, in, o);
      case "log" -> emit(OpKind.LOG, in, o);
      case "log1p" -> {
        emit(OpKind.ADD, List.of(in.get(0), scalar(1f)), o + "/plus1");
        emit(OpKind.LOG, List.of(o + "/plus1"), o);
      }
      case "neg" -> emit(OpKind.NEG, in, o);
      case "abs" -> emit(OpKind.ABS, in, o);
      case "sqrt" -> emit(OpKind.SQRT, in, o);
      case "rsqrt" -> emit(OpKind.RSQRT, in, o);
      case "square" -> emit(OpKind.SQUARE, in, o);
      case "reciprocal", "Reciprocal" -> emit(OpKind.RECIPROCAL, in, o);
      case "identity" -> emit(OpKind.IDENTITY, in, o);
      case "softmax" -> {
        long[] a = iArgs(df);
        int r = rank(in.get(0));
        long ax = axis(a.length == 0 ? -1 : a[0], r);
        if (ax == r - 1) {
          emit(OpKind.SOFTMAX, in, o, ax);
        } else {
          // softmax over the last axis only (TensorFlow's Softmax has no axis): swap it there
          long[] perm = new long[r];
          for (int i = 0; i < r; i++) {
            perm[i] = i;
          }
          perm[(int) ax] = r - 1;
          perm[r - 1] = ax;
          emit(OpKind.TRANSPOSE, in, o + "/to_last", perm);
          emit(OpKind.SOFTMAX, List.of(o + "/to_last"), o + "/softmax", r - 1);
          emit(OpKind.TRANSPOSE, List.of(o + "/softmax"), o, perm);
        }
      }
      case "matmul", "mmul" -> matmul(df, in, o);
      case "reduce_sum" -> reduce(OpKind.REDUCE_SUM, df, in, o);
      case "reduce_mean" -> reduce(OpKind.REDUCE_MEAN, df, in, o);
      case "reduce_max" -> reduce(OpKind.REDUCE_MAX, df, in, o);
      case "reshape" -> reshape(df, in, o);
      case "permute", "transpose" -> {
        long[] perm = in.size() > 1 ? constantInts(in.get(1)) : iArgs(df);
        int r = rank(in.get(0));
        if (perm.length == 0) {
          perm = new long[r];
          for (int i = 0; i < r; i++) {
            perm[i] = r - 1 - i;
          }
        }
        emit(OpKind.TRANSPOSE, List.of(in.get(0)), o, perm);
      }
      case "concat" -> {
        Map<String, Object> p = df.propertiesForFunction();
        if (Boolean.TRUE.equals(p.get("isDynamicAxis"))) {
          throw unsupported("a dynamic concat axis must be a constant attribute");
        }
        long a =
            iArgs(df).length > 0 ? iArgs(df)[0] : ((Number) p.get("concatDimension")).longValue();
        emit(OpKind.CONCAT, in, o, axis(a, rank(in.get(0))));
      }
      case "stack" -> {
        long a = axis(iArgs(df).length > 0 ? iArgs(df)[0] : 0, rank(in.get(0)) + 1);
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
          String pi = o + "/part" + i;
          emit(OpKind.EXPAND_DIMS, List.of(in.get(i)), pi, a);
          parts.add(pi);
        }
        emit(OpKind.CONCAT, parts, o, a);
      }
      case "expand_dims" -> {
        long[] a = in.size() > 1 ? constantInts(in.get(1)) : iArgs(df);
        emit(OpKind.EXPAND_DIMS, List.of(in.get(0)), o, axis(a[0], rank(in.get(0)) + 1));
      }
      case "squeeze" -> {
        long[] a = in.size() > 1 ? constantInts(in.get(1)) : iArgs(df);
        if (a.length == 0) {
          throw unsupported("squeeze must name its axes");
        }
        int r = rank(in.get(0));
        long[] ax = new long[a.length];
        for (int i = 0; i < a.length; i++) {
          ax[i] = axis(a[i], r);
        }
        emit(OpKind.SQUEEZE, List.of(in.get(0)), o, ax);
      }
      case "gather" -> gather(df, in, o);
      case "cast" -> {
        DataType to = sd.getVariable(o).dataType();
        ValueType vt =
            switch (to) {
              case FLOAT, DOUBLE, HALF -> ValueType.FLOAT;
              case LONG, INT -> ValueType.INT64;
              case BOOL -> ValueType.BOOL;
              default -> throw unsupported("cast to " + to + " (only float, int and bool)");
            };
        emit(OpKind.CAST, in, o, vt, false);
      }
      case "select", "where_np", "Where" -> emit(OpKind.WHERE, in, o);
      case "greater" -> emit(OpKind.GREATER, in, o, ValueType.BOOL, false);
      case "less" -> emit(OpKind.LESS, in, o, ValueType.BOOL, false);
      case "equals" -> emit(OpKind.EQUAL, in, o, ValueType.BOOL, false);
      case "clipbyvalue", "ClipByValue" -> {
        double[] ta = ((DynamicCustomOp) df).tArgs();
        emit(
            OpKind.CLIP,
            List.of(
                in.get(0), scalarNamed("/lo", (float) ta[0]), scalarNamed("/hi", (float) ta[1])),
            o);
      }
      case "tile" -> {
        long[] reps = in.size() > 1 ? constantInts(in.get(1)) : iArgs(df);
        emit(OpKind.TILE, List.of(in.get(0)), o, reps);
      }
      case "strided_slice" -> stridedSlice(df, in, o);
      default -> throw unsupported("no mapping for this op type");
    }
    if (out.size() > 1) {
      throw unsupported(out.size() + " outputs (only single-output ops are mapped)");
    }
  }

  private String scalarNamed(String suffix, float value) {
    String name = opName + suffix;
    constant(ExportConstant.of(name, new float[] {value}));
    return name;
  }

  private float scalarOf(DifferentialFunction df) {
    if (df instanceof BaseScalarOp s && s.scalar() != null) {
      return s.scalar().getFloat(0);
    }
    Object[] extra = df instanceof BaseScalarOp s ? s.getExtraArgs() : null;
    if (extra != null && extra.length > 0 && extra[0] instanceof Number n) {
      return n.floatValue();
    }
    throw unsupported("its scalar operand is unknown");
  }

  private void matmul(DifferentialFunction df, List<String> in, String o) {
    Map<String, Object> p = df.propertiesForFunction();
    boolean ta = Boolean.TRUE.equals(p.get("transposeA"));
    boolean tb = Boolean.TRUE.equals(p.get("transposeB"));
    boolean tr = Boolean.TRUE.equals(p.get("transposeResult"));
    double[] t = df instanceof DynamicCustomOp c ? c.tArgs() : new double[0];
    if (t.length >= 2 && (t[0] != 1.0 || t[1] != 0.0)) {
      throw unsupported("alpha=" + t[0] + ", beta=" + t[1] + " must be 1 and 0");
    }
    String a = ta ? transposeLast(in.get(0), o + "/a_t") : in.get(0);
    String b = tb ? transposeLast(in.get(1), o + "/b_t") : in.get(1);
    if (tr) {
      emit(OpKind.MATMUL, List.of(a, b), o + "/ab");
      transposeLastTo(o + "/ab", o);
    } else {
      emit(OpKind.MATMUL, List.of(a, b), o);
    }
  }

  private String transposeLast(String v, String out) {
    transposeLastTo(v, out);
    return out;
  }

  private void transposeLastTo(String v, String out) {
    int r = rank(v);
    long[] perm = new long[r];
    for (int i = 0; i < r; i++) {
      perm[i] = i;
    }
    perm[r - 2] = r - 1;
    perm[r - 1] = r - 2;
    emit(OpKind.TRANSPOSE, List.of(v), out, perm);
  }

  private void reduce(OpKind kind, DifferentialFunction df, List<String> in, String o) {
    Map<String, Object> p = df.propertiesForFunction();
    boolean keep = Boolean.TRUE.equals(p.get("keepDims"));
    int r = rank(in.get(0));
    long[] dims;
    if (in.size() > 1) {
      dims = constantInts(in.get(1));
    } else {
      int[] d = df.getDimensions();
      if (d == null) {
        Object z = p.get("dimensionz");
        d = z instanceof int[] zi ? zi : null;
        if (z instanceof long[] zl) {
          d = Arrays.stream(zl).mapToInt(x -> (int) x).toArray();
        }
      }
      dims = d == null ? new long[0] : Arrays.stream(d).asLongStream().toArray();
    }
    if (dims.length == 0) {
      dims = new long[r];
      for (int i = 0; i < r; i++) {
        dims[i] = i;
      }
    }
    for (int i = 0; i < dims.length; i++) {
      dims[i] = axis(dims[i], r);
    }
    emit(kind, List.of(in.get(0)), o, ValueType.FLOAT, keep, dims);
  }

  private void reshape(DifferentialFunction df, List<String> in, String o) {
    long[] shape;
    if (in.size() > 1) {
      shape = constantInts(in.get(1));
    } else {
      long[] a = iArgs(df);
      if (a.length > 0 && a[0] == -'f') {
        throw unsupported("reshape in 'f' order");
      }
      shape = a.length > 0 && a[0] == -'c' ? Arrays.copyOfRange(a, 1, a.length) : a;
    }
    emit(OpKind.RESHAPE, List.of(in.get(0)), o, shape);
  }

  private void gather(DifferentialFunction df, List<String> in, String o) {
    long[] a = iArgs(df);
    String x = in.get(0);
    String idx;
    long ax;
    if (in.size() > 1) {
      idx = in.get(1);
      ax = a.length > 0 ? a[0] : 0;
      ExportConstant c = constants.get(idx);
      if (c != null && c.floats() != null) {
        idx = idx + "/int64";
        constant(ExportConstant.ofLongs(idx, constantInts(in.get(1)), c.shape()));
      } else if (c == null) {
        emit(OpKind.CAST, List.of(in.get(1)), o + "/indices", ValueType.INT64, false);
        idx = o + "/indices";
      }
    } else {
      ax = a[0];
      long[] ids = Arrays.copyOfRange(a, 1, a.length);
      idx = o + "/indices";
      constant(ExportConstant.ofLongs(idx, ids, ids.length));
    }
    emit(OpKind.GATHER, List.of(x, idx), o, ValueType.FLOAT, false, axis(ax, rank(x)));
  }

  private void stridedSlice(DifferentialFunction df, List<String> in, String o) {
    long[] a = iArgs(df);
    int r = rank(in.get(0));
    if (in.size() > 1 || a.length < STRIDED_SLICE_MASKS) {
      throw unsupported("strided_slice with begin/end/strides as inputs");
    }
    long beginMask = a[0];
    long ellipsisMask = a[1];
    long endMask = a[2];
    long newAxisMask = a[3];
    long shrinkMask = a[4];
    int n = (a.length - STRIDED_SLICE_MASKS) / 3;
    if (ellipsisMask != 0 || newAxisMask != 0 || n > r) {
      throw unsupported("strided_slice with ellipsis or new-axis masks");
    }
    long[] ints = new long[3 * r];
    List<Long> shrink = new ArrayList<>();
    for (int i = 0; i < r; i++) {
      long b = 0;
      long e = Long.MAX_VALUE;
      long s = 1;
      if (i < n) {
        b = ((beginMask >> i) & 1) != 0 ? 0 : a[STRIDED_SLICE_MASKS + i];
        e = ((endMask >> i) & 1) != 0 ? Long.MAX_VALUE : a[STRIDED_SLICE_MASKS + n + i];
        s = a[STRIDED_SLICE_MASKS + 2 * n + i];
        if (((shrinkMask >> i) & 1) != 0) {
          e = b == -1 ? Long.MAX_VALUE : b + 1;
          shrink.add((long) i);
        }
      }
      if (s <= 0) {
        throw unsupported("strided_slice stride " + s + " must be positive");
      }
      ints[i] = b;
      ints[r + i] = e;
      ints[2 * r + i] = s;
    }
    if (shrink.isEmpty()) {
      emit(OpKind.SLICE, List.of(in.get(0)), o, ints);
    } else {
      emit(OpKind.SLICE, List.of(in.get(0)), o + "/slice", ints);
      emit(
          OpKind.SQUEEZE,
          List.of(o + "/slice"),
          o,
          shrink.stream().mapToLong(Long::longValue).toArray());
    }
  }

  /** Shapes of every ARRAY value of {@code sd} when fed {@code feeds} (a dry run). */
  static Map<String, Integer> dryRunRanks(SameDiff sd, Map<String, INDArray> feeds) {
    List<String> names = new ArrayList<>();
    Map<String, Integer> ranks = new HashMap<>();
    for (SDVariable v : sd.variables()) {
      if (v.getVariableType() == VariableType.ARRAY) {
        names.add(v.name());
      } else if (v.getArr() != null) {
        ranks.put(v.name(), v.getArr().rank());
      } else if (v.getShape() != null) {
        ranks.put(v.name(), v.getShape().length);
      }
    }
    for (Map.Entry<String, INDArray> e : feeds.entrySet()) {
      ranks.put(e.getKey(), e.getValue().rank());
    }
    Map<String, INDArray> out = sd.output(feeds, names);
    for (Map.Entry<String, INDArray> e : out.entrySet()) {
      ranks.put(e.getKey(), e.getValue().rank());
    }
    return ranks;
  }

  /** A zero feed of batch size {@code n} for a placeholder of {@code shape} (−1 = batch). */
  static INDArray zeros(long[] shape, int n) {
    long[] s = shape.clone();
    for (int i = 0; i < s.length; i++) {
      if (s[i] < 0) {
        s[i] = n;
      }
    }
    return Nd4j.zeros(DataType.FLOAT, s);
  }
}
