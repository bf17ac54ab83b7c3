package org.recsys4j.models.export;

import org.recsys4j.core.Check;

/**
 * A named input of an {@link ExportProgram}: int64 ids {@code [N,F]} or {@code [N,T]}, or float
 * numerics {@code [N,K]}, with a batch dimension N of any size.
 *
 * @param name the encoded input's name (its key in {@link org.recsys4j.core.data.EncodedBatch})
 * @param type INT64 for ids, FLOAT for numerics
 * @param width F, T or K
 */
public record ExportInput(String name, ValueType type, int width) {
  /** Validates. */
  public ExportInput {
    Check.notNull("input.name", name);
    Check.arg(
        type == ValueType.INT64 || type == ValueType.FLOAT,
        "input[" + name + "].type",
        type,
        "must be INT64 or FLOAT");
    Check.positive("input[" + name + "].width", width);
  }
}
