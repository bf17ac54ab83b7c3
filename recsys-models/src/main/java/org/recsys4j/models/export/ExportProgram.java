package org.recsys4j.models.export;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recsys4j.core.Check;

/**
 * A model's inference computation in a format-neutral form: named inputs, constants, operations in
 * topological order and one output per head. Built by {@link ExportPrograms}; written by {@link
 * OnnxExporter} and {@link SavedModelExporter}.
 *
 * @param name the model's name
 * @param inputs the encoded inputs, in the spec's order
 * @param constants parameters, tables and graph constants
 * @param ops the operations, each reading only inputs, constants and earlier outputs
 * @param outputs head name to the value holding its probabilities {@code [N,1]}
 */
public record ExportProgram(
    String name,
    List<ExportInput> inputs,
    List<ExportConstant> constants,
    List<ExportOp> ops,
    Map<String, String> outputs) {

  /** Validates and copies. */
  public ExportProgram {
    Check.notNull("program.name", name);
    inputs = List.copyOf(inputs);
    constants = List.copyOf(constants);
    ops = List.copyOf(ops);
    outputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    Check.arg(!outputs.isEmpty(), "program.outputs.size", 0, "must be >= 1");
  }

  /** The element type of every value (inputs, constants, op outputs) by name. */
  public Map<String, ValueType> types() {
    Map<String, ValueType> t = new LinkedHashMap<>();
    for (ExportInput in : inputs) {
      t.put(in.name(), in.type());
    }
    for (ExportConstant c : constants) {
      t.put(c.name(), c.type());
    }
    for (ExportOp op : ops) {
      t.put(op.output(), op.type());
    }
    return t;
  }
}
