package org.recsys4j.models.layers.embedding;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.factory.Nd4j;
import org.recsys4j.core.Check;
import org.recsys4j.core.layer.Layer;
import org.recsys4j.core.layer.LayerInput;
import org.recsys4j.core.layer.LayerOutput;
import org.recsys4j.core.layer.MaskPolicy;
import org.recsys4j.core.layer.Shape;
import org.recsys4j.core.spec.Pooling;
import org.recsys4j.models.layers.GraphNames;
import org.recsys4j.models.layers.LayerShapes;

/**
 * Pools the embeddings of a bag (a multi-valued feature such as a movie's genres) into one vector,
 * over the valid steps only.
 *
 * <p>Formula, with mask {@code m} (all ones when absent): {@code SUM: out[b,:] = Σ_l
 * m[b,l]·x[b,l,:]}; {@code MEAN: out[b,:] = Σ_l m[b,l]·x[b,l,:] / max(1, Σ_l m[b,l])}, so a fully
 * masked (empty) bag pools to the zero vector under both. For {@code [B,F,L,D]} inputs the same
 * holds per field {@code f}.
 *
 * <p>Shapes: input {@code [B,L,D]} with mask {@code [B,L]}, output {@code [B,D]}; or input {@code
 * [B,F,L,D]} (F bag fields of L slots) with mask {@code [B,F,L]}, output {@code [B,F,D]}.
 *
 * <p>Mask: {@link MaskPolicy#CONSUMES}: masked slots contribute nothing whatever their values; the
 * output has no mask. The result does not depend on the order of the L slots. No parameters.
 *
 * <p>Reference: the "sum/mean pooling" of multi-hot fields in Covington et al., "Deep Neural
 * Networks for YouTube Recommendations", RecSys 2016 (section 3.1).
 *
 * @param name the layer's name
 * @param pooling SUM or MEAN
 */
public record BagPooling(
    @JsonProperty("name") String name, @JsonProperty("pooling") Pooling pooling) implements Layer {
  /** Current JSON version. */
  public static final int VERSION = 1;

  /**
   * Validates.
   *
   * @throws IllegalArgumentException if the name is invalid or {@code pooling} is null
   */
  public BagPooling {
    Check.name("bag_pooling.name", name);
    Check.notNull(name + ".pooling", pooling);
  }

  /** Sum pooling. */
  public static BagPooling sum(String name) {
    return new BagPooling(name, Pooling.SUM);
  }

  /** Mean pooling. */
  public static BagPooling mean(String name) {
    return new BagPooling(name, Pooling.MEAN);
  }

  @Override
  public int version() {
    return VERSION;
  }

  @Override
  public MaskPolicy maskPolicy() {
    return MaskPolicy.CONSUMES;
  }

  /**
   * {@code [B,L,D]} to {@code [B,D]}, {@code [B,F,L,D]} to {@code [B,F,D]}.
   *
   * @throws IllegalArgumentException if there is not exactly one input of rank 3 or 4
   */
  @Override
  public List<Shape> outputShapes(List<Shape> in) {
    Shape x = LayerShapes.single(name, in, "[B,L,D] or [B,F,L,D]", 3, 4);
    return List.of(
        x.rank() == 3 ? Shape.of(x.dim(0), x.dim(2)) : Shape.of(x.dim(0), x.dim(1), x.dim(3)));
  }

  @Override
  public LayerOutput define(SameDiff sd, LayerInput in) {
    checkInput(in);
    Shape out = outputShapes(in.shapes()).get(0);
    Shape xs = in.shape();
    boolean perField = xs.rank() == 4;
    long f = perField ? xs.dim(1) : 1;
    long l = xs.dim(xs.rank() - 2);
    long d = xs.dim(xs.rank() - 1);
    if (in.maskShape().isPresent()) {
      Shape m = in.maskShape().get();
      Shape want = perField ? Shape.of(xs.dim(0), f, l) : Shape.of(xs.dim(0), l);
      Check.arg(m.equals(want), name + ".mask", m, "must be " + want + " to match input " + xs);
    }
    // Work on [G,L,D] with G = B·F groups; every sum is a matmul or a reshape, never a reduction
    // over a size-1 dimension (ND4J 1.0.0-M2.1 fails on those).
    SDVariable x = in.value().reshape(-1, l, d);
    SDVariable sum;
    SDVariable denom = null;
    if (in.mask().isPresent()) {
      // Σ_l m_l x_l as a batched matmul [G,1,L]x[G,L,D]: its backward is cheaper than a
      // broadcast multiply's, which reduces over the broadcast mask.
      SDVariable m = in.mask().get().reshape(-1, 1, l);
      sum = sd.mmul(m, x).reshape(-1, d);
      if (pooling == Pooling.MEAN) {
        SDVariable count = l == 1 ? m.reshape(-1, 1) : m.reshape(-1, l).sum(true, 1); // [G,1]
        // max(1, count): an empty bag's sum is 0, so its mean is 0 too
        denom = sd.math.max(count, sd.constant(Nd4j.scalar(m.dataType(), 1.0)));
      }
    } else {
      sum = l == 1 ? x.reshape(-1, d) : x.sum(1);
      if (pooling == Pooling.MEAN && l > 1) {
        sum = sum.div(l);
      }
    }
    // times the reciprocal: ND4J 1.0.0-M2.1's div backward is wrong for some broadcasts
    SDVariable y = denom == null ? sum : sum.mul(sd.math.reciprocal(denom));
    y = perField ? y.reshape(-1, f, d) : y;
    return LayerOutput.of(GraphNames.named(sd, y, name + "/out"), out);
  }
}
