package org.recsys4j.core.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.recsys4j.core.Check;

/**
 * The one place where old JSON formats of a config type are brought up to date: a chain of steps,
 * step {@code v} turning a version-{@code v} object into a version-{@code v+1} one.
 *
 * <p>Readers call {@link #upgrade} before binding, so a config class only ever reads its current
 * format; a type whose format never changed has no steps. A version newer than the reader's, or an
 * old version without a step, fails with a message that names the type, the version and the rule.
 *
 * @param type the config's JSON {@code type}
 * @param current the version this library writes
 * @param steps step {@code v} upgrades version {@code v} to {@code v+1}; keys below {@code current}
 */
public record Upgraders(String type, int current, Map<Integer, UnaryOperator<ObjectNode>> steps) {

  /** Validates and copies. */
  public Upgraders {
    Check.notNull("upgraders.type", type);
    Check.positive(type + ".currentVersion", current);
    steps = Map.copyOf(new TreeMap<>(Check.notNull(type + ".upgraders", steps)));
    for (int v : steps.keySet()) {
      Check.arg(
          v >= 1 && v < current,
          type + ".upgraders.from",
          v,
          "must be in [1, " + current + ") (a step upgrades version v to v+1)");
    }
  }

  /** A type at version {@code current} with no upgrade steps (its format never changed). */
  public static Upgraders none(String type, int current) {
    return new Upgraders(type, current, Map.of());
  }

  /**
   * Brings {@code node} (whose {@code "version"} is read and checked) to version {@link #current}
   * and removes the {@code "version"} key, ready for binding.
   *
   * @param field the name of the node in messages, e.g. {@code "model.layers[3]"}
   * @return the upgraded node (a copy: {@code node} is not changed)
   * @throws IllegalArgumentException if the version is missing, not an integer, newer than {@link
   *     #current}, or older without an upgrade path
   */
  public ObjectNode upgrade(ObjectNode node, String field) {
    Check.arg(
        node.has("version"),
        field + ".version",
        null,
        "is required (type '" + type + "', current version " + current + ")");
    Check.arg(
        node.get("version").isIntegralNumber(),
        field + ".version",
        node.get("version"),
        "must be an integer");
    int v = node.get("version").asInt();
    Check.arg(
        v <= current,
        field + ".version",
        v,
        "is newer than this library reads for type '"
            + type
            + "' ("
            + current
            + "): upgrade recsys4j");
    Check.arg(v >= 1, field + ".version", v, "must be >= 1");
    ObjectNode out = node.deepCopy();
    while (v < current) {
      UnaryOperator<ObjectNode> step = steps.get(v);
      Check.arg(
          step != null,
          field + ".version",
          v,
          "has no upgrade to " + (v + 1) + " for type '" + type + "'; readable: " + readable());
      out = step.apply(out);
      v++;
    }
    out.remove("version");
    return out;
  }

  private List<Integer> readable() {
    List<Integer> r = new java.util.ArrayList<>(steps.keySet());
    r.add(current);
    return r;
  }
}
