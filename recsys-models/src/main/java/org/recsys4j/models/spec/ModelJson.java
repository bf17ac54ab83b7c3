package org.recsys4j.models.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.recsys4j.core.Check;
import org.recsys4j.core.io.AtomicFiles;
import org.recsys4j.core.json.JsonFields;
import org.recsys4j.core.json.TypedJson;
import org.recsys4j.core.json.Upgraders;
import org.recsys4j.core.layer.LayerJson;

/**
 * A {@link ModelSpec} as JSON: {@code {"type":"model","version":1,"name":..,"seed":..,
 * "inputs":[..],"tables":[..],"lookups":[..],"nodes":[{"layer":{..},"inputs":[..],"mask":..}],
 * "heads":[..]}}. Layers are written by {@link LayerJson} with their own type and version.
 *
 * <p>Reading requires every key, rejects unknown keys (at every level), upgrades older model and
 * layer versions through their {@link Upgraders} and rejects newer ones; the spec is then validated
 * exactly as one built in code. Writing then reading gives an equal spec, and a model rebuilt from
 * it predicts bit-identically.
 */
public final class ModelJson {
  /** The JSON type of a model spec. */
  public static final String TYPE = "model";

  /** The current format version. */
  public static final int VERSION = 2;

  /**
   * Upgrade steps of the model envelope: version 1 to 2 adds {@code "negativeSampleRate": 1.0} to
   * every head (heads of version 1 were trained on all negatives).
   */
  public static final Upgraders UPGRADERS =
      new Upgraders(TYPE, VERSION, java.util.Map.of(1, ModelJson::headsWithSampleRate));

  private static final Set<String> KEYS =
      Set.of("type", "name", "seed", "inputs", "tables", "lookups", "nodes", "heads");
  private static final Set<String> NODE_KEYS = Set.of("layer", "inputs", "mask");

  private ModelJson() {}

  /** The spec as a JSON tree. */
  public static ObjectNode toTree(ModelSpec spec) {
    ObjectMapper m = LayerJson.mapper();
    ObjectNode root = TypedJson.envelope(TYPE, VERSION);
    root.put("name", spec.name());
    root.put("seed", spec.seed());
    root.set("inputs", m.valueToTree(spec.inputs()));
    root.set("tables", m.valueToTree(spec.tables()));
    root.set("lookups", m.valueToTree(spec.lookups()));
    ArrayNode nodes = root.putArray("nodes");
    for (Node n : spec.nodes()) {
      ObjectNode o = nodes.addObject();
      o.set("layer", LayerJson.toTree(n.layer()));
      o.set("inputs", m.valueToTree(n.inputs()));
      o.put("mask", n.mask().name());
    }
    root.set("heads", m.valueToTree(spec.heads()));
    return root;
  }

  /** The spec as pretty-printed JSON. */
  public static String toJson(ModelSpec spec) {
    try {
      return LayerJson.mapper()
          .writer(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(toTree(spec));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write model " + spec.name(), e);
    }
  }

  /**
   * Reads a spec.
   *
   * @throws IllegalArgumentException naming the element, the value and the rule when the JSON is
   *     malformed, of another type, newer, has a missing or unknown key, or describes an invalid
   *     model
   */
  public static ModelSpec fromJson(String json) {
    JsonNode parsed = TypedJson.parseObject(json);
    Check.arg(
        TYPE.equals(parsed.path("type").asText(null)),
        "model.type",
        parsed.path("type").asText(null),
        "must be '" + TYPE + "'");
    ObjectNode root = UPGRADERS.upgrade((ObjectNode) parsed, "model");
    JsonFields.keys(root, KEYS, "model");
    ObjectMapper m = LayerJson.mapper();
    try {
      List<InputSpec> inputs = m.convertValue(root.get("inputs"), new TypeReference<>() {});
      List<TableDeclaration> tables = m.convertValue(root.get("tables"), new TypeReference<>() {});
      List<Lookup> lookups = m.convertValue(root.get("lookups"), new TypeReference<>() {});
      List<Head> heads = m.convertValue(root.get("heads"), new TypeReference<>() {});
      List<Node> nodes = new ArrayList<>();
      JsonNode ns = root.get("nodes");
      Check.arg(ns.isArray(), "model.nodes", ns.getNodeType(), "must be an array");
      for (int i = 0; i < ns.size(); i++) {
        JsonNode n = ns.get(i);
        String f = "model.nodes[" + i + "]";
        Check.arg(n.isObject(), f, n.getNodeType(), "must be an object");
        JsonFields.keys((ObjectNode) n, NODE_KEYS, f);
        Check.arg(
            n.get("layer").isObject(),
            f + ".layer",
            n.get("layer").getNodeType(),
            "must be an object");
        nodes.add(
            new Node(
                LayerJson.fromTree((ObjectNode) n.get("layer"), f + ".layer"),
                m.convertValue(n.get("inputs"), new TypeReference<List<String>>() {}),
                MaskUse.valueOf(n.get("mask").asText())));
      }
      Check.arg(
          root.get("seed").isIntegralNumber(),
          "model.seed",
          root.get("seed"),
          "must be an integer");
      return new ModelSpec(
          root.get("name").asText(),
          root.get("seed").asLong(),
          inputs,
          tables,
          lookups,
          nodes,
          heads);
    } catch (IllegalArgumentException e) {
      for (Throwable c = e; c != null; c = c.getCause()) {
        if (c instanceof IllegalArgumentException iae && c.getCause() == null) {
          throw iae;
        }
      }
      throw new IllegalArgumentException("model JSON is invalid: " + e.getMessage(), e);
    }
  }

  /**
   * Writes the spec to {@code path} atomically ({@link AtomicFiles}): a crash leaves the old file
   * or the new one, never half.
   */
  public static void write(ModelSpec spec, Path path) throws IOException {
    AtomicFiles.write(path, toJson(spec).getBytes(StandardCharsets.UTF_8));
  }

  /** Reads a spec written by {@link #write}; errors name the file. */
  public static ModelSpec read(Path path) throws IOException {
    String json = Files.readString(path, StandardCharsets.UTF_8);
    try {
      return fromJson(json);
    } catch (IllegalArgumentException e) {
      throw new IOException(path + ": " + e.getMessage(), e);
    }
  }

  private static ObjectNode headsWithSampleRate(ObjectNode v1) {
    ObjectNode out = v1.deepCopy();
    JsonNode heads = out.get("heads");
    if (heads != null && heads.isArray()) {
      for (JsonNode h : heads) {
        if (h.isObject() && !h.has("negativeSampleRate")) {
          ((ObjectNode) h).put("negativeSampleRate", 1.0);
        }
      }
    }
    return out;
  }
}
