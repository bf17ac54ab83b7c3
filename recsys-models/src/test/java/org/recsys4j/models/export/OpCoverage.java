package org.recsys4j.models.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A graph that uses every op type the translator maps beyond the zoo's (what attention, GRU and
 * gating layers are built from), with one {@code [N,1]} output per op family, and its SameDiff
 * outputs on a random batch: the export tests run it through ONNX Runtime and TensorFlow.
 */
final class OpCoverage {
  static final int BATCH = 5;
  final SameDiff sd = SameDiff.create();
  final Map<String, String> outputs = new LinkedHashMap<>();
  final List<ExportInput> inputs =
      List.of(
          new ExportInput("x", ValueType.FLOAT, 4), new ExportInput("seq", ValueType.FLOAT, 12));
  final Map<String, INDArray> feeds = new LinkedHashMap<>();

  OpCoverage() {
    SplittableRandom r = new SplittableRandom(3);
    SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 4);
    SDVariable seqFlat = sd.placeHolder("seq", DataType.FLOAT, -1, 12);
    SDVariable seq = seqFlat.reshape(-1, 3, 4); // [N,T=3,D=4]
    SDVariable w = sd.var("w", random(r, 4, 4));
    SDVariable b = sd.var("b", random(r, 1, 4));
    SDVariable h = x.mmul(w).add(b);
    out("tanh_sigmoid", sd.math.tanh(h).add(sd.nn.sigmoid(h)));
    out("relu_exp_neg", sd.nn.relu(h, 0).add(sd.math.exp(h.neg())));
    out("log_abs_sqrt", sd.math.log(sd.math.abs(h).add(1.0)).add(sd.math.sqrt(sd.math.square(h))));
    out(
        "rsqrt_reciprocal",
        sd.math.rsqrt(sd.math.abs(h).add(0.5)).add(sd.math.reciprocal(h.mul(h).add(1.0))));
    out("pow_rsub_rdiv", h.mul(h).pow(1.5).add(h.rsub(2.0)).add(h.mul(h).add(1.0).rdiv(3.0)));
    out("max_min_div", sd.math.max(h, x).add(sd.math.min(h, x)).add(h.div(x.mul(x).add(1.0))));
    out("clip", sd.math.clipByValue(h, -0.3, 0.4));
    out("where_greater", sd.where(h, h.neg(), sd.gt(h, x)).add(sd.lt(h, x).castTo(DataType.FLOAT)));
    out("mean_max", h.mean(true, 1).add(h.max(true, 1)).mul(x));
    // attention-style: scores over T, softmax on a non-last axis, masked by an additive term
    SDVariable q = sd.expandDims(h, 1); // [N,1,4]
    SDVariable scores = seq.mul(q).sum(true, 2); // [N,3,1]
    SDVariable att = sd.nn.softmax(scores, 1); // over T
    out("softmax_axis1", att.mul(seq).sum(1));
    SDVariable permuted = sd.permute(seq, 0, 2, 1); // [N,4,3]
    out("batched_matmul", sd.mmul(seq, permuted).reshape(-1, 9));
    out("matmul_transpose_flag", sd.mmul(h, w, false, true, false));
    out("transpose", sd.transpose(w).reshape(1, 16).sum(true, 1).add(h));
    // GRU-style: a step of the sequence, stacks, tiles, squeeze, gather, concat
    SDVariable step1 = seq.get(SDIndex.all(), SDIndex.point(1), SDIndex.all()); // [N,4]
    SDVariable last = seq.get(SDIndex.all(), SDIndex.interval(1, 3), SDIndex.all()); // [N,2,4]
    out("strided_slice", step1.mul(h).add(last.sum(1)));
    SDVariable stacked = sd.stack(1, step1, h); // [N,2,4]
    out("stack_squeeze", sd.squeeze(stacked.sum(true, 2), 2));
    out("tile_concat", sd.concat(1, sd.tile(h, 1, 2), x));
    out("gather", sd.gather(h, new int[] {3, 0}, 1));
    feeds.put("x", random(r, BATCH, 4));
    feeds.put("seq", random(r, BATCH, 12));
  }

  private void out(String name, SDVariable v) {
    String n = "out/" + name;
    sd.updateVariableNameAndReference(v.sum(true, 1), n); // [N,1]
    outputs.put(name, n);
  }

  private static INDArray random(SplittableRandom r, long... shape) {
    INDArray a = Nd4j.zeros(DataType.FLOAT, shape);
    for (long i = 0; i < a.length(); i++) {
      a.putScalar(i, r.nextDouble(-1, 1));
    }
    return a;
  }

  ExportProgram program() {
    return ExportPrograms.ofGraph(sd, inputs, outputs);
  }

  /** SameDiff's outputs by output name, one value per row. */
  Map<String, float[]> expected() {
    Map<String, INDArray> res = sd.output(feeds, new ArrayList<>(outputs.values()));
    Map<String, float[]> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : outputs.entrySet()) {
      out.put(e.getKey(), res.get(e.getValue()).reshape(BATCH).toFloatVector());
    }
    return out;
  }

  /** The feeds as an encoded batch. */
  org.recsys4j.core.data.EncodedBatch batch() {
    Map<String, float[]> f = new LinkedHashMap<>();
    for (Map.Entry<String, INDArray> e : feeds.entrySet()) {
      f.put(e.getKey(), e.getValue().data().asFloat());
    }
    return org.recsys4j.core.data.EncodedBatch.of(BATCH, Map.of(), f);
  }
}
