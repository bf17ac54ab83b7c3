package org.recsys4j.models.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.recsys4j.core.Check;

/**
 * An embedding lookup: the ids of one input gathered from their tables.
 *
 * <p>Formula: {@code e[b,f,:] = table_f[ids[b,f], :]}, where {@code table_f} is the input's table
 * of position {@code f} with {@link #tableSuffix()} appended (so {@code ""} looks up the schema's
 * own tables and {@code "_w"} a linear term's width-1 twins). Row 0 (padding) is all zeros.
 *
 * <p>Shapes: ids {@code [B,F]} (or {@code [B,T]}, {@code [B,L]}); output {@code [B,F,D]}, where
 * every table of the lookup must have the same D; output mask {@code [B,F]}: for IDS 1 where the id
 * is not 0, for SEQUENCE and BAG the encoder's explicit mask.
 *
 * <p>Mask: PRODUCES. The rows live outside the graph; the trainer gathers them into the graph
 * variable {@code <name>/rows} before each step and applies their gradients to the touched rows.
 *
 * @param name the lookup's name, referenced by nodes
 * @param input the input whose ids are looked up
 * @param tableSuffix appended to each of the input's table names
 */
public record Lookup(
    @JsonProperty("name") String name,
    @JsonProperty("input") String input,
    @JsonProperty("tableSuffix") String tableSuffix) {

  /** Validates. */
  public Lookup {
    Check.name("lookup.name", name);
    Check.notNull("lookup[" + name + "].input", input);
    Check.notNull("lookup[" + name + "].tableSuffix", tableSuffix);
    Check.arg(
        tableSuffix.isEmpty() || tableSuffix.matches("[A-Za-z0-9_]+"),
        "lookup[" + name + "].tableSuffix",
        tableSuffix,
        "must match [A-Za-z0-9_]*");
  }

  /** The table of input position {@code i}. */
  public String tableAt(InputSpec in, int i) {
    return in.tableAt(i) + tableSuffix;
  }
}
