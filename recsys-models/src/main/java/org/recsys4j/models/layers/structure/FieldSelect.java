package org.recsys4j.models.layers.structure;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;
import org.nd4j.autodiff.samediff.SameDiff;
import org.recsys4j.core.Check;
import org.recsys4j.core.layer.LayerInput;
import org.recsys4j.core.layer.LayerOutput;
import org.recsys4j.core.layer.MaskPolicy;
import org.recsys4j.core.layer.Shape;
import org.recsys4j.models.layers.GraphNames;
import org.recsys4j.models.layers.MatMul;
import org.recsys4j.models.layers.host.HostKernel;
import org.recsys4j.models.layers.host.HostLayer;
import org.recsys4j.models.layers.host.HostStep;

/**
 * One field of a stack of field embeddings: {@code out[b,:] = x[b,field,:]} (e.g. the candidate
 * item's embedding, DIN's attention query).
 *
 * <p>Shapes: input {@code [B,F,D]}, output {@code [B,D]}. Computed as a product with a constant 0/1
 * selection matrix ({@link MatMul#columns}), whose gradient is right where ND4J 1.0.0-M2.1's
 * strided slice is not.
 *
 * <p>Mask: {@link MaskPolicy#REJECTS} (padding rows of lookups are zeros). No parameters. In
 * training the trainer copies the field on the host ({@link HostLayer}), so a host layer reading it
 * (DIN's attention) can run outside the graph too.
 *
 * @param name the layer's name
 * @param field the field's index in {@code [0, F)}
 */
public record FieldSelect(@JsonProperty("name") String name, @JsonProperty("field") int field)
    implements HostLayer {
  /** Current JSON version. */
  public static final int VERSION = 1;

  /** Validates. */
  public FieldSelect {
    Check.name("field_select.name", name);
    Check.nonNegative(name + ".field", field);
  }

  /** Field {@code field} of the input. */
  public static FieldSelect of(String name, int field) {
    return new FieldSelect(name, field);
  }

  @Override
  public int version() {
    return VERSION;
  }

  @Override
  public MaskPolicy maskPolicy() {
    return MaskPolicy.REJECTS;
  }

  /**
   * {@code [B,F,D]} to {@code [B,D]}.
   *
   * @throws IllegalArgumentException if the input is not rank 3 or {@code field >= F}
   */
  @Override
  public List<Shape> outputShapes(List<Shape> in) {
    Check.arg(in.size() == 1, name + ".inputs", in.size(), "must be 1");
    Shape x = in.get(0);
    Check.arg(x.rank() == 3, name + ".input.shape", x, "must be [B,F,D]");
    Check.arg(field < x.dim(1), name + ".field", field, "must be < F=" + x.dim(1) + " of " + x);
    return List.of(Shape.of(x.dim(0), x.dim(2)));
  }

  @Override
  public LayerOutput define(SameDiff sd, LayerInput in) {
    checkInput(in);
    Shape out = outputShapes(in.shapes()).get(0);
    long f = in.shape().dim(1);
    long d = in.shape().dim(2);
    var flat = in.value().reshape(-1, f * d);
    var y = MatMul.columns(sd, flat, f * d, field * d, (field + 1) * d, in.context().dataType());
    return LayerOutput.of(GraphNames.named(sd, y, name + "/out"), out);
  }

  /** A copy of the field forward, its gradient added back to that field backward. */
  @Override
  public Optional<HostKernel> hostKernel(List<Shape> inputShapes, Optional<Shape> maskShape) {
    outputShapes(inputShapes);
    int f = Math.toIntExact(inputShapes.get(0).dim(1));
    int d = Math.toIntExact(inputShapes.get(0).dim(2));
    return Optional.of(
        new HostKernel() {
          @Override
          public void forward(HostStep s) {
            float[] x = s.input(0);
            float[] y = s.output(0);
            for (int b = 0; b < s.rows(); b++) {
              System.arraycopy(x, (b * f + field) * d, y, b * d, d);
            }
          }

          @Override
          public void backward(HostStep s) {
            float[] g = s.outputGradient(0);
            float[] gx = s.inputGradient(0);
            for (int b = 0; b < s.rows(); b++) {
              int o = (b * f + field) * d;
              for (int k = 0; k < d; k++) {
                gx[o + k] += g[b * d + k];
              }
            }
          }
        });
  }
}
