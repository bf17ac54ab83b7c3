package org.recsys4j.core.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.recsys4j.core.Check;

/**
 * The envelope of every recsys4j config written as JSON: an object whose {@code "type"} names the
 * config and whose {@code "version"} names its format, e.g. {@code
 * {"type":"StitchConfig","version":1,...}}. Reading rejects malformed JSON, duplicate keys, a
 * non-object, a wrong type and a version the reader does not know, with messages that name the
 * field, the value and the rule.
 */
public final class TypedJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private TypedJson() {}

  /** The shared mapper (thread-safe; duplicate keys are errors). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** A new object holding {@code type} and {@code version}, to which the config adds its fields. */
  public static ObjectNode envelope(String type, int version) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("type", type);
    node.put("version", version);
    return node;
  }

  /**
   * Parses {@code json} as one JSON object.
   *
   * @throws IllegalArgumentException if it is null, malformed, has a duplicate key or trailing
   *     tokens, or is not an object
   */
  public static JsonNode parseObject(String json) {
    Check.notNull("json", json);
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("json must be valid JSON: " + e.getOriginalMessage(), e);
    }
    Check.arg(node != null && node.isObject(), "json", json, "must be a JSON object");
    return node;
  }

  /**
   * Checks the envelope: {@code <field>.type} must equal {@code type} and {@code <field>.version}
   * must equal {@code version}.
   */
  public static void checkEnvelope(JsonNode node, String field, String type, int version) {
    String t = node.path("type").asText(null);
    Check.arg(type.equals(t), field + ".type", t, "must be '" + type + "'");
    int v = node.path("version").asInt(-1);
    Check.arg(v == version, field + ".version", v, "must be " + version);
  }

  /** Parses {@code json} and checks its envelope (field name {@code json}). */
  public static JsonNode read(String json, String type, int version) {
    JsonNode node = parseObject(json);
    checkEnvelope(node, "json", type, version);
    return node;
  }

  /** True for {@code "type"} and {@code "version"}, the keys every envelope has. */
  public static boolean isEnvelopeKey(String key) {
    return "type".equals(key) || "version".equals(key);
  }
}
