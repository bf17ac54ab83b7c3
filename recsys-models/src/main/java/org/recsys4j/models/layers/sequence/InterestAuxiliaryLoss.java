package org.recsys4j.models.layers.sequence;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.factory.Nd4j;
import org.recsys4j.core.Check;
import org.recsys4j.core.layer.Layer;
import org.recsys4j.core.layer.LayerInput;
import org.recsys4j.core.layer.LayerOutput;
import org.recsys4j.core.layer.MaskPolicy;
import org.recsys4j.core.layer.Shape;
import org.recsys4j.models.layers.GraphNames;

/**
 * DIEN's auxiliary loss, per row: the interest state at step {@code t} should score the item
 * clicked at {@code t+1} above a sampled negative.
 *
 * <p>Formula, with states {@code h_t}, clicked-item embeddings {@code e_t}, negative embeddings
 * {@code ê_t} and mask {@code m_t}: pairs {@code v_t = m_t·m_{t+1}} for {@code t = 0..T−2}, and
 *
 * <pre>
 * loss_b = Σ_t v_t [softplus(−h_t·e_{t+1}) + softplus(h_t·ê_{t+1})] / max(1, Σ_t v_t)
 * </pre>
 *
 * (the binary cross-entropy of {@code σ(h_t·e_{t+1})} against 1 and {@code σ(h_t·ê_{t+1})} against
 * 0), 0 for a row without a pair. No parameters: the scores are inner products, so {@code H = D}.
 *
 * <p>Shapes: inputs states {@code [B,T,H]} with mask {@code [B,T]}, clicked items {@code [B,T,D]},
 * negatives {@code [B,T,D]}; output {@code [B,1]}, a per-row loss for a {@code AUX_LOSS} head.
 *
 * <p>Mask: {@link MaskPolicy#CONSUMES}: only pairs of two unmasked steps count. T must be at least
 * 2.
 *
 * <p>Paper: Zhou et al., "Deep Interest Evolution Network for Click-Through Rate Prediction", AAAI
 * 2019, section 4.2 (auxiliary loss).
 *
 * @param name the layer's name
 */
public record InterestAuxiliaryLoss(@JsonProperty("name") String name) implements Layer {
  /** Current JSON version. */
  public static final int VERSION = 1;

  /** Validates. */
  public InterestAuxiliaryLoss {
    Check.name("interest_auxiliary_loss.name", name);
  }

  /** The loss named {@code name}. */
  public static InterestAuxiliaryLoss of(String name) {
    return new InterestAuxiliaryLoss(name);
  }

  @Override
  public int version() {
    return VERSION;
  }

  @Override
  public int numInputs() {
    return 3;
  }

  @Override
  public MaskPolicy maskPolicy() {
    return MaskPolicy.CONSUMES;
  }

  /**
   * States {@code [B,T,H]}, clicked {@code [B,T,H]}, negatives {@code [B,T,H]} to {@code [B,1]}.
   *
   * @throws IllegalArgumentException naming the input, its shape and the rule
   */
  @Override
  public List<Shape> outputShapes(List<Shape> in) {
    Check.arg(
        in.size() == 3, name + ".inputs", in.size(), "must be 3 (states, clicked, negatives)");
    Shape h = in.get(0);
    Check.arg(h.rank() == 3, name + ".states.shape", h, "must be [B,T,H]");
    Check.arg(
        h.dim(1) >= 2,
        name + ".states.shape",
        h,
        "must have T >= 2 steps (the loss pairs step t with t+1)");
    Check.arg(in.get(1).equals(h), name + ".clicked.shape", in.get(1), "must equal states " + h);
    Check.arg(in.get(2).equals(h), name + ".negatives.shape", in.get(2), "must equal states " + h);
    return List.of(Shape.of(h.dim(0), 1));
  }

  @Override
  public LayerOutput define(SameDiff sd, LayerInput in) {
    checkInput(in);
    Shape out = outputShapes(in.shapes()).get(0);
    long t = in.shape().dim(1);
    long d = in.shape().dim(2);
    in.maskShape()
        .ifPresent(
            m ->
                Check.arg(
                    m.rank() == 2 && m.dim(1) == t,
                    name + ".mask",
                    m,
                    "must be [B," + t + "] to match states " + in.shape()));
    SDVariable h = steps(in.value(), 0, t - 1);
    SDVariable pos = dot(h, steps(in.values().get(1), 1, t), t - 1, d); // [B,T−1]
    SDVariable neg = dot(h, steps(in.values().get(2), 1, t), t - 1, d);
    SDVariable terms = softplus(sd, pos.neg()).add(softplus(sd, neg));
    SDVariable sum;
    SDVariable count;
    if (in.mask().isPresent()) {
      SDVariable m = in.mask().get();
      SDVariable v =
          m.get(SDIndex.all(), SDIndex.interval(0L, t - 1))
              .mul(m.get(SDIndex.all(), SDIndex.interval(1L, t)));
      sum = rowSum(terms.mul(v), t - 1);
      count = sd.math.max(rowSum(v, t - 1), sd.constant(Nd4j.scalar(in.context().dataType(), 1.0)));
      sum = sum.mul(sd.math.reciprocal(count));
    } else {
      sum = rowSum(terms, t - 1).mul(1.0 / (t - 1));
    }
    return LayerOutput.of(GraphNames.named(sd, sum, name + "/out"), out);
  }

  private static SDVariable steps(SDVariable x, long from, long to) {
    return x.get(
        SDIndex.all(), SDIndex.interval(Long.valueOf(from), Long.valueOf(to)), SDIndex.all());
  }

  /** Σ_d a⊙b over the last axis: {@code [B,n,D]} to {@code [B,n]}. */
  private static SDVariable dot(SDVariable a, SDVariable b, long n, long d) {
    SDVariable p = a.mul(b);
    return d == 1 ? p.reshape(-1, n) : p.sum(2);
  }

  /** Σ over axis 1 of {@code [B,n]} to {@code [B,1]} (a reshape when n = 1). */
  private static SDVariable rowSum(SDVariable x, long n) {
    return n == 1 ? x.reshape(-1, 1) : x.sum(true, 1);
  }

  /** {@code softplus(x) = max(x,0) + log(1 + e^−|x|)}, stable for any x. */
  private static SDVariable softplus(SameDiff sd, SDVariable x) {
    return sd.nn.relu(x, 0).add(sd.math.log1p(sd.math.exp(sd.math.abs(x).neg())));
  }
}
