package org.recsys4j.models;

import org.recsys4j.core.Check;

/**
 * A sparse input of a model: {@code numFields} integer ids per example (fields, or steps of a
 * padded sequence), already hashed into the space of the tables that look them up. Id 0 is
 * padding.
 *
 * @param name the input's name, the key of its ids in a {@link org.recsys4j.models.train.SparseBatch}
 * @param numFields ids per example, F (or T)
 */
public record SparseInput(String name, int numFields) {
  /** Validates. */
  public SparseInput {
    Check.arg(name != null && name.matches("[A-Za-z][A-Za-z0-9_]*"), "sparseInput.name", name,
        "must match [A-Za-z][A-Za-z0-9_]*");
    Check.positive(name + ".numFields", numFields);
  }
}
