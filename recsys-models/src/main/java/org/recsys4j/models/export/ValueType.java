package org.recsys4j.models.export;

/** The element type of a value of an {@link ExportProgram}. */
public enum ValueType {
  /** 32-bit float: activations, parameters, numeric inputs, masks. */
  FLOAT,
  /** 64-bit integer: ids, index constants. */
  INT64,
  /** Boolean: comparison results. */
  BOOL
}
