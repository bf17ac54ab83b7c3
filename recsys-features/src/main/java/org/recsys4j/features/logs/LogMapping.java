package org.recsys4j.features.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.recsys4j.core.Check;
import org.recsys4j.core.json.TypedJson;
import org.recsys4j.features.io.ErrorPolicy;

/**
 * How to read a user's own exposure, click and order logs: the columns of each file, the history to
 * build from the click log, and what to do with bad input. Saved as typed, versioned JSON:
 *
 * <pre>{@code
 * {"type":"LogMapping","version":1,
 *  "exposures":{"traceId":"req_id","time":"shown_at","timeFormat":"ISO_8601","user":"uid",
 *               "item":"sku","position":"slot",
 *               "attributes":[{"name":"brand","type":"STRING"},{"name":"price","type":"DOUBLE"}]},
 *  "clicks":{"traceId":"req_id","time":"clicked_at","timeFormat":"ISO_8601"},
 *  "orders":{"traceId":"req_id","time":"paid_at","timeFormat":"EPOCH_SECONDS","amount":"value"},
 *  "historyLength":20,"historyAttributes":["brand"],"errorPolicy":"SKIP_AND_COUNT"}
 * }</pre>
 *
 * <p>Keys that are absent take their defaults ({@code historyLength} 20, no history attributes,
 * {@code SKIP_AND_COUNT}, no position, amount or attributes); unknown keys fail.
 *
 * @param exposures the exposure log's columns; {@code user} and {@code item} are required
 * @param clicks the click log's columns (trace id and time are read, the rest ignored)
 * @param orders the order log's columns (trace id, time and the optional amount are read)
 * @param historyLength how many of the user's most recent clicked items each row carries, {@code >=
 *     0} (0: no history columns)
 * @param historyAttributes exposure attribute columns whose values are also kept per clicked item
 *     (e.g. the category), each a name in {@code exposures.attributes}
 * @param errorPolicy {@link ErrorPolicy#SKIP_AND_COUNT}: bad input is counted by kind in the report
 *     with its first line numbers; {@link ErrorPolicy#FAIL_FAST}: the first one throws a {@link
 *     BadLogInputException}
 */
public record LogMapping(
    LogColumns exposures,
    LogColumns clicks,
    LogColumns orders,
    int historyLength,
    List<String> historyAttributes,
    ErrorPolicy errorPolicy) {

  /** The {@code type} of the JSON envelope. */
  public static final String JSON_TYPE = "LogMapping";

  /** The JSON format version written by {@link #toJson()}. */
  public static final int JSON_VERSION = 1;

  /** Default {@link #historyLength()}. */
  public static final int DEFAULT_HISTORY_LENGTH = 20;

  /**
   * Validates.
   *
   * @throws IllegalArgumentException naming the field, the value and the rule
   */
  public LogMapping {
    Check.notNull("logMapping.exposures", exposures);
    Check.notNull("logMapping.clicks", clicks);
    Check.notNull("logMapping.orders", orders);
    Check.notNull("logMapping.exposures.user", exposures.user());
    Check.notNull("logMapping.exposures.item", exposures.item());
    for (int i = 0; i < exposures.attributes().size(); i++) {
      String a = exposures.attributes().get(i).name();
      Check.arg(
          !LabeledRow.RESERVED.contains(a) && !a.startsWith(LabeledRow.HISTORY_PREFIX),
          "logMapping.exposures.attributes[" + i + "].name",
          a,
          "must not be an output column name "
              + LabeledRow.RESERVED
              + " or start with '"
              + LabeledRow.HISTORY_PREFIX
              + "'");
    }
    Check.nonNegative("logMapping.historyLength", historyLength);
    historyAttributes =
        List.copyOf(Check.notNull("logMapping.historyAttributes", historyAttributes));
    for (int i = 0; i < historyAttributes.size(); i++) {
      String a = historyAttributes.get(i);
      Check.arg(
          exposures.attributeIndex(a) >= 0,
          "logMapping.historyAttributes[" + i + "]",
          a,
          "must name one of exposures.attributes");
      Check.arg(
          historyAttributes.indexOf(a) == i,
          "logMapping.historyAttributes[" + i + "]",
          a,
          "must not repeat");
    }
    Check.notNull("logMapping.errorPolicy", errorPolicy);
  }

  /**
   * A mapping with the default history length, no history attributes and {@link
   * ErrorPolicy#SKIP_AND_COUNT}.
   */
  public static LogMapping of(LogColumns exposures, LogColumns clicks, LogColumns orders) {
    return new LogMapping(
        exposures, clicks, orders, DEFAULT_HISTORY_LENGTH, List.of(), ErrorPolicy.SKIP_AND_COUNT);
  }

  /** This mapping with another history length and history attributes. */
  public LogMapping withHistory(int length, List<String> attributes) {
    return new LogMapping(exposures, clicks, orders, length, attributes, errorPolicy);
  }

  /** This mapping with another error policy. */
  public LogMapping withErrorPolicy(ErrorPolicy policy) {
    return new LogMapping(exposures, clicks, orders, historyLength, historyAttributes, policy);
  }

  /** JSON with {@code type}, {@code version} and every field. */
  public String toJson() {
    ObjectNode node = TypedJson.envelope(JSON_TYPE, JSON_VERSION);
    node.set("exposures", columnsJson(exposures));
    node.set("clicks", columnsJson(clicks));
    node.set("orders", columnsJson(orders));
    node.put("historyLength", historyLength);
    ArrayNode h = node.putArray("historyAttributes");
    historyAttributes.forEach(h::add);
    node.put("errorPolicy", errorPolicy.name());
    return node.toString();
  }

  /**
   * Reads {@link #toJson()} output.
   *
   * @throws IllegalArgumentException on malformed JSON, a wrong type or version, an unknown key, a
   *     value of the wrong kind or an invalid mapping, naming the key
   */
  public static LogMapping fromJson(String json) {
    JsonNode node = TypedJson.read(json, JSON_TYPE, JSON_VERSION);
    LogColumns exposures = null;
    LogColumns clicks = null;
    LogColumns orders = null;
    int historyLength = DEFAULT_HISTORY_LENGTH;
    List<String> historyAttributes = List.of();
    ErrorPolicy policy = ErrorPolicy.SKIP_AND_COUNT;
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String key = e.getKey();
      JsonNode v = e.getValue();
      switch (key) {
        case "type", "version" -> {}
        case "exposures" -> exposures = columns("json.exposures", v);
        case "clicks" -> clicks = columns("json.clicks", v);
        case "orders" -> orders = columns("json.orders", v);
        case "historyLength" -> {
          Check.arg(v.isInt(), "json.historyLength", v, "must be an int");
          historyLength = v.intValue();
        }
        case "historyAttributes" -> historyAttributes = strings("json.historyAttributes", v);
        case "errorPolicy" -> policy = enumOf(ErrorPolicy.class, "json.errorPolicy", v);
        default -> Check.arg(false, "json.key", key, "is not a LogMapping field");
      }
    }
    Check.notNull("json.exposures", exposures);
    Check.notNull("json.clicks", clicks);
    Check.notNull("json.orders", orders);
    return new LogMapping(exposures, clicks, orders, historyLength, historyAttributes, policy);
  }

  /**
   * Reads a mapping from a JSON file.
   *
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if the JSON is not a valid mapping (the message names the
   *     file)
   */
  public static LogMapping read(Path file) throws IOException {
    String json = Files.readString(Check.notNull("file", file));
    try {
      return fromJson(json);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  private static ObjectNode columnsJson(LogColumns c) {
    ObjectNode n = TypedJson.mapper().createObjectNode();
    n.put("traceId", c.traceId());
    n.put("time", c.time());
    n.put("timeFormat", c.timeFormat().name());
    putIfSet(n, "user", c.user());
    putIfSet(n, "item", c.item());
    putIfSet(n, "position", c.position());
    putIfSet(n, "amount", c.amount());
    ArrayNode a = n.putArray("attributes");
    for (AttributeColumn col : c.attributes()) {
      a.addObject().put("name", col.name()).put("type", col.type().name());
    }
    return n;
  }

  private static void putIfSet(ObjectNode n, String key, String value) {
    if (value != null) {
      n.put(key, value);
    }
  }

  private static LogColumns columns(String field, JsonNode v) {
    Check.arg(v.isObject(), field, v, "must be an object");
    String traceId = null;
    String time = null;
    TimeFormat format = TimeFormat.EPOCH_MILLIS;
    String user = null;
    String item = null;
    String position = null;
    String amount = null;
    List<AttributeColumn> attributes = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      String f = field + "." + e.getKey();
      JsonNode x = e.getValue();
      switch (e.getKey()) {
        case "traceId" -> traceId = text(f, x);
        case "time" -> time = text(f, x);
        case "timeFormat" -> format = enumOf(TimeFormat.class, f, x);
        case "user" -> user = text(f, x);
        case "item" -> item = text(f, x);
        case "position" -> position = text(f, x);
        case "amount" -> amount = text(f, x);
        case "attributes" -> {
          Check.arg(x.isArray(), f, x, "must be an array");
          for (int i = 0; i < x.size(); i++) {
            JsonNode a = x.get(i);
            String af = f + "[" + i + "]";
            Check.arg(a.isObject(), af, a, "must be an object {name, type}");
            String name = null;
            AttributeType type = null;
            for (Map.Entry<String, JsonNode> ae : a.properties()) {
              switch (ae.getKey()) {
                case "name" -> name = text(af + ".name", ae.getValue());
                case "type" -> type = enumOf(AttributeType.class, af + ".type", ae.getValue());
                default -> Check.arg(false, af + ".key", ae.getKey(), "is not name or type");
              }
            }
            Check.notNull(af + ".name", name);
            Check.notNull(af + ".type", type);
            attributes.add(new AttributeColumn(name, type));
          }
        }
        default -> Check.arg(false, field + ".key", e.getKey(), "is not a LogColumns field");
      }
    }
    Check.notNull(field + ".traceId", traceId);
    Check.notNull(field + ".time", time);
    return new LogColumns(traceId, time, format, user, item, position, amount, attributes);
  }

  private static String text(String field, JsonNode v) {
    Check.arg(v.isTextual(), field, v, "must be a string");
    return v.asText();
  }

  private static List<String> strings(String field, JsonNode v) {
    Check.arg(v.isArray(), field, v, "must be an array of strings");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      out.add(text(field + "[" + i + "]", v.get(i)));
    }
    return out;
  }

  private static <E extends Enum<E>> E enumOf(Class<E> type, String field, JsonNode v) {
    Check.arg(v.isTextual(), field, v, "must be a string");
    for (E c : type.getEnumConstants()) {
      if (c.name().equals(v.asText())) {
        return c;
      }
    }
    Check.arg(false, field, v.asText(), "must be one of " + List.of(type.getEnumConstants()));
    throw new AssertionError();
  }
}
