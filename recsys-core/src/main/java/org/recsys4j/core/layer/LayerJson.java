package org.recsys4j.core.layer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Reads and writes layer configs as JSON, e.g. {@code {"type":"fm_cross","version":1,"name":"fm"}}.
 *
 * <p>Layer types are found through {@link LayerTypeProvider} services. Reading fails on an unknown
 * type, an unknown key, or a version the layer cannot read; values are validated by the layer's
 * builder exactly as in code.
 */
public final class LayerJson {
  private static final ObjectMapper MAPPER = buildMapper();

  private LayerJson() {}

  /** The configured mapper (shared, thread-safe). */
  public static ObjectMapper mapper() {
    return MAPPER;
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
   *     unknown or a value breaks the layer's rules
   */
  public static Layer fromJson(String json) {
    try {
      return MAPPER.readValue(json, Layer.class);
    } catch (JsonProcessingException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IllegalArgumentException iae) {
        throw iae;
      }
      throw new IllegalArgumentException("invalid layer JSON: " + e.getOriginalMessage(), e);
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
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();
    Map<String, Class<? extends Layer>> seen = new HashMap<>();
    for (LayerTypeProvider p : ServiceLoader.load(LayerTypeProvider.class)) {
      for (LayerType t : p.layerTypes()) {
        Class<? extends Layer> prev = seen.putIfAbsent(t.name(), t.layerClass());
        if (prev != null && prev != t.layerClass()) {
          throw new IllegalStateException(
              "layer type '" + t.name() + "' is registered twice: " + prev.getName() + " and "
                  + t.layerClass().getName());
        }
        m.registerSubtypes(new NamedType(t.layerClass(), t.name()));
      }
    }
    return m;
  }
}
