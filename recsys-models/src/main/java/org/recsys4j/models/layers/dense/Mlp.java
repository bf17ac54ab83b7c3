package org.recsys4j.models.layers.dense;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.recsys4j.core.Check;
import org.recsys4j.core.layer.Initializer;
import org.recsys4j.core.layer.Layer;
import org.recsys4j.core.layer.LayerInput;
import org.recsys4j.core.layer.LayerOutput;
import org.recsys4j.core.layer.MaskPolicy;
import org.recsys4j.core.layer.Shape;
import org.recsys4j.models.layers.GraphNames;

/**
 * Multi-layer perceptron: a stack of fully connected layers.
 *
 * <p>Formula: {@code h_0 = x}, {@code h_k = act_k(h_{k-1} W_k + b_k)} for {@code k = 1..K}, where
 * {@code act_k} is {@link #activation()} for hidden layers and {@link #outputActivation()} for the
 * last. Parameters {@code <name>/W<k>} ({@code [N_{k-1}, N_k]}, He normal for ReLU, Glorot uniform
 * otherwise) and {@code <name>/b<k>} ({@code [1, N_k]}, zeros), k counted from 0.
 *
 * <p>Shapes: input {@code [B,N]}; output {@code [B,N_K]} where {@code N_K} is the last entry of
 * {@link #units()}.
 *
 * <p>Mask: {@link MaskPolicy#REJECTS}: pool or flatten masked values first.
 *
 * @param name the layer's name
 * @param units widths of the layers, the last being the output width
 * @param activation activation of the hidden layers
 * @param outputActivation activation of the last layer
 */
public record Mlp(
    @JsonProperty("name") String name,
    @JsonProperty("units") List<Integer> units,
    @JsonProperty("activation") Activation activation,
    @JsonProperty("outputActivation") Activation outputActivation)
    implements Layer {
  /** Current JSON version. */
  public static final int VERSION = 1;

  /**
   * Validates and copies the widths.
   *
   * @throws IllegalArgumentException naming the field, the value and the rule
   */
  public Mlp {
    Check.name("mlp.name", name);
    Check.arg(units != null && !units.isEmpty(), name + ".units", units, "must not be empty");
    for (int i = 0; i < units.size(); i++) {
      Integer u = units.get(i);
      Check.arg(u != null && u > 0, name + ".units[" + i + "]", u, "must be > 0");
    }
    units = List.copyOf(units);
    Check.notNull(name + ".activation", activation);
    Check.notNull(name + ".outputActivation", outputActivation);
    Check.arg(
        !activation.isParametric(),
        name + ".activation",
        activation,
        "must not be PRELU or DICE in an Mlp (AttentionPooling's units take them)");
    Check.arg(
        !outputActivation.isParametric(),
        name + ".outputActivation",
        outputActivation,
        "must not be PRELU or DICE in an Mlp (AttentionPooling's units take them)");
  }

  /** ReLU hidden layers and a linear output layer of the given widths. */
  public static Mlp of(String name, int... units) {
    List<Integer> u = new ArrayList<>();
    for (int x : units) {
      u.add(x);
    }
    return new Mlp(name, u, Activation.RELU, Activation.LINEAR);
  }

  /** This MLP with another hidden activation. */
  public Mlp withActivation(Activation hidden) {
    return new Mlp(name, units, hidden, outputActivation);
  }

  /** This MLP with another output activation. */
  public Mlp withOutputActivation(Activation output) {
    return new Mlp(name, units, activation, output);
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
  public List<Shape> outputShapes(List<Shape> in) {
    Check.arg(in.size() == 1, name + ".inputs", in.size(), "must be 1");
    Shape x = in.get(0);
    Check.arg(x.rank() == 2, name + ".input.shape", x, "must be [B,N]");
    return List.of(Shape.of(x.dim(0), units.get(units.size() - 1)));
  }

  @Override
  public LayerOutput define(SameDiff sd, LayerInput in) {
    checkInput(in);
    Shape out = outputShapes(in.shapes()).get(0);
    SDVariable h = in.value();
    long fanIn = in.shape().dim(1);
    for (int k = 0; k < units.size(); k++) {
      int n = units.get(k);
      boolean last = k == units.size() - 1;
      Activation act = last ? outputActivation : activation;
      Initializer init =
          act == Activation.RELU ? Initializer.HE_NORMAL : Initializer.GLOROT_UNIFORM;
      SDVariable w = in.context().param(sd, name, "W" + k, init, fanIn, n, fanIn, n);
      SDVariable b = in.context().param(sd, name, "b" + k, Initializer.ZEROS, fanIn, n, 1, n);
      // With one input the product is an outer product; ND4J 1.0.0-M2.1's matmul backward
      // fails on [1,1]x[1,1], so use a broadcast multiply there (found by the gradient check).
      SDVariable z = fanIn == 1 ? h.mul(w) : h.mmul(w);
      h = act.apply(sd, z.add(b));
      fanIn = n;
    }
    return LayerOutput.of(GraphNames.named(sd, h, name + "/out"), out);
  }
}
