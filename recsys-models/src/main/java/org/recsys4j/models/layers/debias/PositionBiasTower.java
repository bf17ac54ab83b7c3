package org.recsys4j.models.layers.debias;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
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
import org.recsys4j.models.layers.GraphNames;
import org.recsys4j.models.layers.dense.Activation;
import org.recsys4j.models.layers.dense.Mlp;

/**
 * The position-bias shallow tower: position features (and optionally the device) feed only a small
 * tower whose logit is added to the main logit in training, so that the main network learns
 * relevance and the tower the bias of where an item was shown. At inference the tower is dropped or
 * evaluated at a fixed reference position ({@link #inference()}), so served and exported scores do
 * not depend on the position an item happened to be logged at.
 *
 * <p>Formula: {@code t(p) = MLP(p)}, ReLU hidden layers of widths {@link #hidden()} (none: linear)
 * and a linear output of width 1, parameters {@code <name>_tower/W<k>}, {@code <name>_tower/b<k>}.
 * Training: {@code y = z + t(p)}. Inference: {@link PositionInference#DROP} {@code y = z} (the
 * position input is not read); {@link PositionInference#REFERENCE} {@code y = z + t(r)} with {@code
 * r} = {@link #reference()}.
 *
 * <p>Shapes: inputs {@code [B,1]} (the main logit {@code z}) and {@code [B,P]} (position features
 * {@code p}, e.g. a one-hot position, optionally concatenated with a one-hot device); output {@code
 * [B,1]}.
 *
 * <p>Mask: {@link MaskPolicy#REJECTS}.
 *
 * <p>Papers: Guo et al., "PAL: A Position-bias Aware Learning Framework for CTR Prediction in Live
 * Recommender Systems", RecSys 2019; Zhao et al., "Recommending What Video to Watch Next: A
 * Multitask Ranking System", RecSys 2019 (section 4.3, the shallow tower).
 *
 * @param name the layer's name
 * @param hidden widths of the tower's hidden ReLU layers (may be empty)
 * @param inference what the inference graph does with the tower
 * @param reference the reference features {@code r} (length P) for {@link
 *     PositionInference#REFERENCE}; empty for {@link PositionInference#DROP}
 */
public record PositionBiasTower(
    @JsonProperty("name") String name,
    @JsonProperty("hidden") List<Integer> hidden,
    @JsonProperty("inference") PositionInference inference,
    @JsonProperty("reference") List<Double> reference)
    implements Layer {
  /** Current JSON version. */
  public static final int VERSION = 1;

  /**
   * Validates and copies the lists.
   *
   * @throws IllegalArgumentException naming the field, the value and the rule
   */
  public PositionBiasTower {
    Check.name("position_bias_tower.name", name);
    Check.notNull(name + ".hidden", hidden);
    for (int i = 0; i < hidden.size(); i++) {
      Integer u = hidden.get(i);
      Check.arg(u != null && u > 0, name + ".hidden[" + i + "]", u, "must be > 0");
    }
    hidden = List.copyOf(hidden);
    Check.notNull(name + ".inference", inference);
    Check.notNull(name + ".reference", reference);
    for (int i = 0; i < reference.size(); i++) {
      Double r = reference.get(i);
      Check.arg(
          r != null && Double.isFinite(r), name + ".reference[" + i + "]", r, "must be finite");
    }
    reference = List.copyOf(reference);
    Check.arg(
        (inference == PositionInference.REFERENCE) == !reference.isEmpty(),
        name + ".reference.size",
        reference.size(),
        inference == PositionInference.REFERENCE
            ? "must be > 0 when inference=REFERENCE (the features of the reference position)"
            : "must be 0 when inference=DROP");
  }

  /** A linear tower that is dropped at inference. */
  public static PositionBiasTower dropped(String name) {
    return new PositionBiasTower(name, List.of(), PositionInference.DROP, List.of());
  }

  /** A linear tower evaluated at {@code reference} at inference. */
  public static PositionBiasTower atReference(String name, double... reference) {
    List<Double> r = new ArrayList<>();
    for (double v : reference) {
      r.add(v);
    }
    return new PositionBiasTower(name, List.of(), PositionInference.REFERENCE, r);
  }

  /** This tower with hidden ReLU layers of the given widths. */
  public PositionBiasTower withHidden(Integer... widths) {
    return new PositionBiasTower(name, List.of(widths), inference, reference);
  }

  @Override
  public int version() {
    return VERSION;
  }

  @Override
  public MaskPolicy maskPolicy() {
    return MaskPolicy.REJECTS;
  }

  @Override
  public int numInputs() {
    return 2;
  }

  /**
   * {@code [B,1]} and {@code [B,P]} to {@code [B,1]}.
   *
   * @throws IllegalArgumentException on a wrong count or shape, or a reference whose length is not
   *     P
   */
  @Override
  public List<Shape> outputShapes(List<Shape> in) {
    Check.arg(in.size() == 2, name + ".inputs", in.size(), "must be 2 (main logit, position)");
    Shape z = in.get(0);
    Shape p = in.get(1);
    Check.arg(z.rank() == 2 && z.dim(1) == 1, name + ".input[0].shape", z, "must be [B,1]");
    Check.arg(p.rank() == 2, name + ".input[1].shape", p, "must be [B,P]");
    Check.arg(
        reference.isEmpty() || reference.size() == p.dim(1),
        name + ".reference.size",
        reference.size(),
        "must equal the position features' width P=" + p.dim(1));
    return List.of(Shape.of(z.dim(0), 1));
  }

  @Override
  public LayerOutput define(SameDiff sd, LayerInput in) {
    checkInput(in);
    Shape out = outputShapes(in.shapes()).get(0);
    SDVariable z = in.values().get(0);
    long p = in.shapes().get(1).dim(1);
    SDVariable y;
    if (in.context().isTraining()) {
      y = z.add(tower(sd, in, in.values().get(1), p));
    } else if (inference == PositionInference.DROP) {
      return LayerOutput.of(sd.identity(name + "/out", z), out);
    } else {
      double[] r = reference.stream().mapToDouble(Double::doubleValue).toArray();
      SDVariable ref =
          sd.constant(
              name + "/reference",
              Nd4j.create(r, new long[] {1, p}).castTo(in.context().dataType()));
      y = z.add(tower(sd, in, ref, p));
    }
    return LayerOutput.of(GraphNames.named(sd, y, name + "/out"), out);
  }

  private SDVariable tower(SameDiff sd, LayerInput in, SDVariable x, long p) {
    List<Integer> units = new ArrayList<>(hidden);
    units.add(1);
    Mlp mlp = new Mlp(name + "_tower", units, Activation.RELU, Activation.LINEAR);
    return mlp.define(sd, LayerInput.of(x, Shape.batched(p), in.context())).value();
  }
}
