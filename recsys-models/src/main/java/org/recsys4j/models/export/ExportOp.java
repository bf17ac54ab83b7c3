package org.recsys4j.models.export;

import java.util.List;
import org.recsys4j.core.Check;

/**
 * One operation of an {@link ExportProgram}.
 *
 * @param kind what it computes
 * @param inputs the names of its input values
 * @param output the name of its output value
 * @param type the output's element type
 * @param ints the integer attribute of the kind (axes, shape, permutation; see {@link OpKind}),
 *     empty where the kind has none
 * @param keepDims for reductions: keep the reduced axes with size 1
 * @param source the SameDiff op it was translated from ({@code "<op type> <op name>"}), or {@code
 *     ""} for ops the exporter adds (lookups, masks), for messages
 */
public record ExportOp(
    OpKind kind,
    List<String> inputs,
    String output,
    ValueType type,
    long[] ints,
    boolean keepDims,
    String source) {

  /** Validates and copies. */
  public ExportOp {
    Check.notNull("op.kind", kind);
    inputs = List.copyOf(Check.notNull("op[" + output + "].inputs", inputs));
    Check.notNull("op.output", output);
    Check.notNull("op[" + output + "].type", type);
    ints = Check.notNull("op[" + output + "].ints", ints).clone();
    Check.notNull("op[" + output + "].source", source);
  }

  /** The attribute as given; do not change it. */
  @Override
  public long[] ints() {
    return ints;
  }
}
