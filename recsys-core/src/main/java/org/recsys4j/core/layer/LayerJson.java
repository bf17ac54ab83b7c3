package org.recsys4j.core.layer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.recsys4j.core.Check;

/**
 * Reads and writes layer configs as JSON, e.g. {@code {"type":"fm_cross","name":"fm","version":1}}.
 *
 * <p>Layer types are found through {@link LayerTypeProvider} services. Reading requires {@code
 * type} and {@code version}; a known older version is upgraded through the type's {@link
 * org.recsys4j.core.json.Upgraders} before binding, a newer one fails. Reading also fails on an
 * unknown type or an unknown key; values are validated by the layer's record constructor exactly as
 * in code.
 */
public final class LayerJson {
  private static final Map<String, LayerType> TYPES = new LinkedHashMap<>();
  private static final Map<Class<?>, LayerType> BY_CLASS = new LinkedHashMap<>();
  private static final ObjectMapper MAPPER = buildMapper();

  private LayerJson() {}

  /** The configured mapper (shared, thread-safe). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** The registered type of {@code layer}'s class. */
  public static LayerType typeOf(Layer layer) {
    LayerType t = BY_CLASS.get(layer.getClass());
    Check.arg(
        t != null,
        "layer.class",
        layer.getClass().getName(),
        "must be registered through a LayerTypeProvider service");
    return t;
  }

  /** Writes a layer as a JSON tree (with {@code type} and {@code version}). */
  public static ObjectNode toTree(Layer layer) {
    try {
      return (ObjectNode) MAPPER.readTree(toJson(layer));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write layer " + layer.name() + " as JSON", e);
    }
  }

  /** Writes a layer as JSON. */
  public static String toJson(Layer layer) {
    try {
      return MAPPER.writerFor(Layer.class).writeValueAsString(layer);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write layer " + layer.name() + " as JSON", e);
    }
  }

  /**
   * Reads a layer from JSON.
   *
   * @throws IllegalArgumentException naming the problem when the JSON is malformed, its type is
   *     unknown, its version is missing or newer, or a value breaks the layer's rules
   */
  public static Layer fromJson(String json) {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("invalid layer JSON: " + e.getOriginalMessage(), e);
    }
    Check.arg(node != null && node.isObject(), "layer", json, "must be a JSON object");
    return fromTree((ObjectNode) node, "layer");
  }

  /**
   * Reads a layer from a JSON object.
   *
   * @param node the object
   * @param field its name in messages, e.g. {@code "model.nodes[2].layer"}
   * @throws IllegalArgumentException as {@link #fromJson}
   */
  public static Layer fromTree(ObjectNode node, String field) {
    JsonNode typeNode = node.get("type");
    Check.arg(
        typeNode != null && typeNode.isTextual(),
        field + ".type",
        typeNode,
        "is required and must be a string");
    LayerType t = TYPES.get(typeNode.asText());
    Check.arg(t != null, field + ".type", typeNode.asText(), "must be one of " + TYPES.keySet());
    ObjectNode current = t.upgraders().upgrade(node, field);
    try {
      return MAPPER.treeToValue(current, Layer.class);
    } catch (JsonProcessingException e) {
      for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
        if (c instanceof IllegalArgumentException iae) {
          throw iae; // the record's own validation message: field, value and rule
        }
      }
      throw new IllegalArgumentException(
          field + " (type '" + t.name() + "') is invalid: " + e.getOriginalMessage(), e);
    }
  }

  private static ObjectMapper buildMapper() {
    ObjectMapper m =
        JsonMapper.builder()
            .disable(MapperFeature.AUTO_DETECT_GETTERS)
            .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
            .disable(MapperFeature.AUTO_DETECT_FIELDS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();
    for (LayerTypeProvider p : ServiceLoader.load(LayerTypeProvider.class)) {
      for (LayerType t : p.layerTypes()) {
        LayerType prev = TYPES.putIfAbsent(t.name(), t);
        if (prev != null && prev.layerClass() != t.layerClass()) {
          throw new IllegalStateException(
              "layer type '"
                  + t.name()
                  + "' is registered twice: "
                  + prev.layerClass().getName()
                  + " and "
                  + t.layerClass().getName());
        }
        BY_CLASS.put(t.layerClass(), t);
        m.registerSubtypes(new NamedType(t.layerClass(), t.name()));
      }
    }
    return m;
  }
}
