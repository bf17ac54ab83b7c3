package org.recsys4j.models.layers.interaction;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
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
import org.recsys4j.models.layers.Masks;

/**
 * First-order (linear) term of a factorization machine or a logistic regression over sparse ids.
 *
 * <p>Formula: {@code y[b] = w0 + Σ_f m[b,f]·w[b,f]}, where {@code w[b,f]} is the weight row
 * gathered for id {@code ids[b,f]} from a width-1 {@link
 * org.recsys4j.models.layers.embedding.Embedding} table and {@code w0} a global bias (parameter
 * {@code <name>/bias}, shape {@code [1]}, initialised to zero) when {@link #useBias()}.
 *
 * <p>Shapes: input {@code [B,F,1]}, optional mask {@code [B,F]}; output {@code [B,1]}.
 *
 * <p>Mask: {@link MaskPolicy#CONSUMES}: masked fields add nothing; the output has no mask.
 */
@JsonDeserialize(builder = LinearTerm.Builder.class)
public final class LinearTerm implements Layer {
  /** Current JSON version. */
  public static final int VERSION = 1;

  private final String name;
  private final boolean useBias;

  private LinearTerm(Builder b) {
    this.name = b.name;
    this.useBias = b.useBias;
  }

  /** A builder; defaults: name {@code linear}, {@code useBias=true}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this config's values. */
  public Builder toBuilder() {
    return new Builder().name(name).useBias(useBias);
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

  /** Whether a global bias {@code w0} is added. */
  @JsonProperty("useBias")
  public boolean useBias() {
    return useBias;
  }

  @Override
  public MaskPolicy maskPolicy() {
    return MaskPolicy.CONSUMES;
  }

  @Override
  public List<Shape> outputShapes(List<Shape> in) {
    Check.arg(in.size() == 1, name + ".inputs", in.size(), "must be 1");
    Shape x = in.get(0);
    Check.arg(x.rank() == 3 && x.dim(2) == 1, name + ".input.shape", x, "must be [B,F,1]");
    return List.of(Shape.of(x.dim(0), 1));
  }

  @Override
  public Optional<Shape> outputMaskShape(List<Shape> in, Optional<Shape> inputMask) {
    return Optional.empty();
  }

  @Override
  public LayerOutput define(SameDiff sd, LayerInput in) {
    checkInput(in);
    Masks.checkAligned(name, in);
    Shape out = outputShapes(in.shapes()).get(0);
    // [B,F,1] -> [B,F] by reshape: ND4J 1.0.0-M2.1 fails on reductions over a size-1 dimension
    long f = in.shape().dim(1);
    SDVariable w = in.value().reshape(-1, f);
    if (in.mask().isPresent()) {
      w = w.mul(in.mask().get());
    }
    SDVariable y = f == 1 ? w : w.sum(true, 1); // [B,1]
    if (useBias) {
      SDVariable b = in.context().param(sd, name, "bias", Initializer.ZEROS, 1, 1, 1);
      y = y.add(b);
    }
    return LayerOutput.of(GraphNames.named(sd, y, name + "/out"), out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LinearTerm l && name.equals(l.name) && useBias == l.useBias;
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Boolean.hashCode(useBias);
  }

  @Override
  public String toString() {
    return "LinearTerm{name=" + name + ", useBias=" + useBias + "}";
  }

  /** Fluent builder. */
  @JsonPOJOBuilder(withPrefix = "")
  public static final class Builder {
    private String name = "linear";
    private boolean useBias = true;

    private Builder() {}

    /** Layer name. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Whether to add a global bias. */
    public Builder useBias(boolean useBias) {
      this.useBias = useBias;
      return this;
    }

    /** JSON version; only {@link LinearTerm#VERSION} is readable. */
    public Builder version(int version) {
      Check.arg(version == VERSION, "linear.version", version, "must be " + VERSION);
      return this;
    }

    /** Validates and builds. */
    public LinearTerm build() {
      Check.arg(name != null && !name.isBlank(), "linear.name", name, "must be non-blank");
      return new LinearTerm(this);
    }
  }
}
