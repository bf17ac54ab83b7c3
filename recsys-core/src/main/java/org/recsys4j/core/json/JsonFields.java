package org.recsys4j.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import org.recsys4j.core.Check;

/**
 * Typed reads of the fields of a JSON object, for configs read by hand rather than bound: each read
 * names the field ({@code <field>.<key>}), the value found and the rule when the key is missing or
 * of the wrong kind.
 */
public final class JsonFields {
  private JsonFields() {}

  /**
   * Checks that {@code node} has exactly the keys {@code keys}: every key is required, unknown keys
   * fail.
   *
   * @throws IllegalArgumentException naming {@code <field>.<key>} of the first unknown or missing
   *     key
   */
  public static void keys(ObjectNode node, Set<String> keys, String field) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      Check.arg(keys.contains(k), field + "." + k, node.get(k), "is not a known key " + keys);
    }
    for (String k : keys) {
      Check.arg(node.has(k), field + "." + k, null, "is required");
    }
  }

  /** The object at {@code key}. */
  public static ObjectNode object(JsonNode n, String key, String field) {
    JsonNode v = n.get(key);
    Check.arg(v != null && v.isObject(), field + "." + key, v, "must be an object");
    return (ObjectNode) v;
  }

  /** The int at {@code key}. */
  public static int integer(JsonNode n, String key, String field) {
    JsonNode v = n.get(key);
    Check.arg(
        v != null && v.canConvertToInt() && v.isIntegralNumber(),
        field + "." + key,
        v,
        "must be an integer");
    return v.asInt();
  }

  /** The long at {@code key}. */
  public static long longValue(JsonNode n, String key, String field) {
    JsonNode v = n.get(key);
    Check.arg(
        v != null && v.isIntegralNumber() && v.canConvertToLong(),
        field + "." + key,
        v,
        "must be an integer");
    return v.asLong();
  }

  /** The number at {@code key}. */
  public static double number(JsonNode n, String key, String field) {
    JsonNode v = n.get(key);
    Check.arg(v != null && v.isNumber(), field + "." + key, v, "must be a number");
    return v.asDouble();
  }

  /** The boolean at {@code key}. */
  public static boolean bool(JsonNode n, String key, String field) {
    JsonNode v = n.get(key);
    Check.arg(v != null && v.isBoolean(), field + "." + key, v, "must be true or false");
    return v.asBoolean();
  }

  /** The string at {@code key}. */
  public static String text(JsonNode n, String key, String field) {
    JsonNode v = n.get(key);
    Check.arg(v != null && v.isTextual(), field + "." + key, v, "must be a string");
    return v.asText();
  }

  /** The constant of {@code type} named (in any case) by the string at {@code key}. */
  public static <E extends Enum<E>> E constant(
      Class<E> type, JsonNode n, String key, String field) {
    String v = text(n, key, field);
    try {
      return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          field
              + "."
              + key
              + "='"
              + v
              + "' must be one of "
              + Arrays.toString(type.getEnumConstants()),
          e);
    }
  }
}
