package org.recsys4j.models.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.recsys4j.core.Check;

/**
 * One encoded input of a model: its key in the {@link org.recsys4j.core.data.EncodedBatch}, its
 * kind, its width and the tables its ids are looked up in.
 *
 * <p>Shapes: {@link InputKind#IDS} {@code [B,F]} with {@code F = tables.size()} (column {@code f}
 * is looked up in {@code tables[f]}); {@link InputKind#NUMERIC} {@code [B,N]} with {@code N =
 * width} and no tables; {@link InputKind#SEQUENCE} {@code [B,T]} and {@link InputKind#BAG} {@code
 * [B,L]} with one table for every position and a mask {@code <name>.mask}; {@link
 * InputKind#NEGATIVES} {@code [B,T]} sampled by the trainer for the sequence {@code columns[0]}.
 *
 * @param name the input's key in the batch
 * @param kind what it holds
 * @param width F, N, T or L
 * @param columns for IDS the feature name of each column (for messages), else empty
 * @param tables for IDS one table name per column; for SEQUENCE and BAG exactly one; for NUMERIC
 *     none
 */
public record InputSpec(
    @JsonProperty("name") String name,
    @JsonProperty("kind") InputKind kind,
    @JsonProperty("width") int width,
    @JsonProperty("columns") List<String> columns,
    @JsonProperty("tables") List<String> tables) {

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException naming the field, the value and the rule
   */
  public InputSpec {
    Check.notNull("input.name", name);
    Check.arg(!name.isBlank(), "input.name", name, "must not be blank");
    String p = "input[" + name + "].";
    Check.notNull(p + "kind", kind);
    Check.positive(p + "width", width);
    columns = List.copyOf(Check.notNull(p + "columns", columns));
    tables = List.copyOf(Check.notNull(p + "tables", tables));
    switch (kind) {
      case IDS -> {
        Check.arg(
            tables.size() == width,
            p + "tables.size",
            tables.size(),
            "must equal width=" + width + " (one table per column)");
        Check.arg(
            columns.size() == width,
            p + "columns.size",
            columns.size(),
            "must equal width=" + width);
      }
      case NUMERIC -> {
        Check.arg(tables.isEmpty(), p + "tables.size", tables.size(), "must be 0 for NUMERIC");
        Check.arg(
            columns.isEmpty() || columns.size() == width,
            p + "columns.size",
            columns.size(),
            "must be 0 or width=" + width);
      }
      case NEGATIVES -> {
        Check.arg(
            tables.size() == 1,
            p + "tables.size",
            tables.size(),
            "must be 1 for NEGATIVES (the table of its sequence)");
        Check.arg(
            columns.size() == 1,
            p + "columns.size",
            columns.size(),
            "must be 1 for NEGATIVES (the name of the sequence it samples for)");
      }
      case SEQUENCE, BAG -> {
        Check.arg(
            tables.size() == 1,
            p + "tables.size",
            tables.size(),
            "must be 1 for " + kind + " (every step looks up one table)");
        Check.arg(columns.isEmpty(), p + "columns.size", columns.size(), "must be 0 for " + kind);
      }
    }
  }

  /**
   * The batch key of this input's mask ({@code <name>.mask}), for SEQUENCE and BAG; for NEGATIVES
   * its sequence's.
   */
  public String maskKey() {
    return (kind == InputKind.NEGATIVES ? columns.get(0) : name) + ".mask";
  }

  /** True for inputs of ids (IDS, SEQUENCE, BAG). */
  public boolean hasIds() {
    return kind != InputKind.NUMERIC;
  }

  /** The table of position {@code i} (a column of IDS, any step of SEQUENCE or BAG). */
  public String tableAt(int i) {
    return kind == InputKind.IDS ? tables.get(i) : tables.get(0);
  }

  /** The name of position {@code i} in messages: the column's feature, or {@code name[i]}. */
  public String positionName(int i) {
    return kind == InputKind.IDS || (kind == InputKind.NUMERIC && !columns.isEmpty())
        ? columns.get(i)
        : name + "[" + i + "]";
  }
}
