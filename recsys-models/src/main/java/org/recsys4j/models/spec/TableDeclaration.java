package org.recsys4j.models.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.recsys4j.core.Check;

/**
 * An embedding table a model declares once and may look up from several inputs (the candidate item
 * and the click history share the {@code item} table): {@code rows} rows of width {@code dim}, row
 * 0 the all-zero padding row, every other row drawn lazily from {@code N(0, initStd²)}.
 *
 * <p>Tables live outside the graph (SameDiff cannot backpropagate through a gather): the trainer
 * holds them as {@link org.recsys4j.models.train.SparseTable}s and updates touched rows only.
 *
 * @param name unique table name (from the feature schema's table, or derived, e.g. {@code item_w}
 *     for a linear term's width-1 table)
 * @param rows rows including padding row 0, at least 2
 * @param dim row width D
 * @param initStd standard deviation of the initial values (0 gives zeros)
 */
public record TableDeclaration(
    @JsonProperty("name") String name,
    @JsonProperty("rows") int rows,
    @JsonProperty("dim") int dim,
    @JsonProperty("initStd") double initStd) {

  /**
   * Validates.
   *
   * @throws IllegalArgumentException naming the field, the value and the rule
   */
  public TableDeclaration {
    Check.name("table.name", name);
    Check.arg(rows >= 2, "table[" + name + "].rows", rows, "must be >= 2 (row 0 is padding)");
    Check.positive("table[" + name + "].dim", dim);
    Check.finite("table[" + name + "].initStd", initStd);
    Check.nonNegative("table[" + name + "].initStd", initStd);
  }
}
