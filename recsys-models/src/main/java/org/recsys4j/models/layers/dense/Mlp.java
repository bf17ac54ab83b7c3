package org.recsys4j.models.layers.dense;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * {@code act_k} is {@link #activation()} for hidden layers and {@link #outputActivation()} for
 * the last. Parameters {@code <name>/W<k>} ({@code [N_{k-1}, N_k]}, He normal for ReLU, Glorot
 * uniform otherwise) and {@code <name>/b<k>} ({@code [1, N_k]}, zeros), k counted from 0.
 *
 * <p>Shapes: input {@code [B,N]}; output {@code [B,N_K]} where {@code N_K} is the last entry of
 * {@link #units()}.
 *
 * <p>Mask: {@link MaskPolicy#REJECTS}: pool or flatten masked values first.
 */
@JsonDeserialize(builder = Mlp.Builder.class)
public final class Mlp implements Layer {
  /** Current JSON version. */
  public static final int VERSION = 1;

  private final String name;
  private final List<Integer> units;
  private final Activation activation;
  private final Activation outputActivation;

  private Mlp(Builder b) {
    this.name = b.name;
    this.units = List.copyOf(b.units);
    this.activation = b.activation;
    this.outputActivation = b.outputActivation;
  }

  /** A builder; defaults: name {@code mlp}, ReLU hidden layers, linear output layer. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this config's values. */
  public Builder toBuilder() {
    return new Builder()
        .name(name)
        .units(units)
        .activation(activation)
        .outputActivation(outputActivation);
  }

  @Override
  @JsonProperty("name")
  public String name() {
    return name;
  }

  @Override
  @JsonProperty("version")
  public int version() {
    return VERSION;
  }

  /** Widths of the layers, last one being the output width. */
  @JsonProperty("units")
  public List<Integer> units() {
    return units;
  }

  /** Activation of the hidden layers. */
  @JsonProperty("activation")
  public Activation activation() {
    return activation;
  }

  /** Activation of the last layer. */
  @JsonProperty("outputActivation")
  public Activation outputActivation() {
    return outputActivation;
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
  public Optional<Shape> outputMaskShape(List<Shape> in, Optional<Shape> inputMask) {
    Check.arg(inputMask.isEmpty(), name + ".mask", inputMask.orElse(null),
        "must be absent: this layer rejects masks (MaskPolicy.REJECTS)");
    return Optional.empty();
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
      Initializer init = act == Activation.RELU ? Initializer.HE_NORMAL : Initializer.GLOROT_UNIFORM;
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

  @Override
  public boolean equals(Object o) {
    return o instanceof Mlp m
        && name.equals(m.name)
        && units.equals(m.units)
        && activation == m.activation
        && outputActivation == m.outputActivation;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(name, units, activation, outputActivation);
  }

  @Override
  public String toString() {
    return "Mlp{name=" + name + ", units=" + units + ", activation=" + activation
        + ", outputActivation=" + outputActivation + "}";
  }

  /** Fluent builder. */
  @JsonPOJOBuilder(withPrefix = "")
  public static final class Builder {
    private String name = "mlp";
    private List<Integer> units = new ArrayList<>();
    private Activation activation = Activation.RELU;
    private Activation outputActivation = Activation.LINEAR;

    private Builder() {}

    /** Layer name. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Layer widths, at least one, each positive. */
    @com.fasterxml.jackson.annotation.JsonProperty("units")
    public Builder units(List<Integer> units) {
      this.units = new ArrayList<>(units);
      return this;
    }

    /** Layer widths, at least one, each positive. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public Builder units(int... units) {
      this.units = new ArrayList<>();
      for (int u : units) {
        this.units.add(u);
      }
      return this;
    }

    /** Hidden activation. */
    public Builder activation(Activation activation) {
      this.activation = activation;
      return this;
    }

    /** Output activation. */
    public Builder outputActivation(Activation outputActivation) {
      this.outputActivation = outputActivation;
      return this;
    }

    /** JSON version; only {@link Mlp#VERSION} is readable. */
    public Builder version(int version) {
      Check.arg(version == VERSION, "mlp.version", version, "must be " + VERSION);
      return this;
    }

    /** Validates and builds. */
    public Mlp build() {
      Check.arg(name != null && !name.isBlank(), "mlp.name", name, "must be non-blank");
      Check.arg(units != null && !units.isEmpty(), name + ".units", units, "must not be empty");
      for (int i = 0; i < units.size(); i++) {
        Integer u = units.get(i);
        Check.arg(u != null && u > 0, name + ".units[" + i + "]", u, "must be > 0");
      }
      Check.notNull(name + ".activation", activation);
      Check.notNull(name + ".outputActivation", outputActivation);
      return new Mlp(this);
    }
  }
}
