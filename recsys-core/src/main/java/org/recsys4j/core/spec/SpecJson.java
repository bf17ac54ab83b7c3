package org.recsys4j.core.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.recsys4j.core.Check;

/** Reads and writes {@link FeatureSchema} JSON with the tree model; unknown keys fail. */
final class SpecJson {
  private static final ObjectMapper MAPPER = org.recsys4j.core.json.TypedJson.mapper();

  private static final Set<String> SCHEMA_KEYS = Set.of("type", "version", "features");
  private static final Set<String> CATEGORICAL_KEYS =
      Set.of(
          "type",
          "name",
          "encoding",
          "space",
          "vocabulary",
          "minCount",
          "defaultValue",
          "table",
          "embeddingDim");
  private static final Set<String> NUMERIC_KEYS =
      Set.of(
          "type",
          "name",
          "transform",
          "boundaries",
          "mean",
          "std",
          "defaultValue",
          "table",
          "embeddingDim");
  private static final Set<String> BAG_KEYS =
      Set.of("type", "name", "space", "separator", "maxSize", "pooling", "table", "embeddingDim");
  private static final Set<String> SEQUENCE_KEYS =
      Set.of(
          "type", "name", "space", "maxLen", "paddingToken", "separator", "table", "embeddingDim");

  private SpecJson() {}

  static String write(FeatureSchema schema) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("type", FeatureSchema.JSON_TYPE);
    root.put("version", FeatureSchema.JSON_VERSION);
    ArrayNode arr = root.putArray("features");
    for (FeatureSpec f : schema.features()) {
      arr.add(write(f));
    }
    return root.toString();
  }

  private static ObjectNode write(FeatureSpec spec) {
    ObjectNode n = MAPPER.createObjectNode();
    if (spec instanceof CategoricalSpec c) {
      n.put("type", "categorical");
      n.put("name", c.name());
      n.put("encoding", c.encoding().name());
      n.put("space", c.space());
      if (c.encoding() == CategoricalEncoding.VOCABULARY) {
        ArrayNode v = n.putArray("vocabulary");
        c.vocabulary().forEach(v::add);
        n.put("minCount", c.minCount());
      }
      if (c.defaultValue() != null) {
        n.put("defaultValue", c.defaultValue());
      }
      n.put("table", c.table());
      n.put("embeddingDim", c.embeddingDim());
    } else if (spec instanceof NumericSpec s) {
      n.put("type", "numeric");
      n.put("name", s.name());
      n.put("transform", s.transform().name());
      if (s.transform() == NumericTransform.BUCKETIZE) {
        ArrayNode b = n.putArray("boundaries");
        s.boundaries().forEach(b::add);
        n.put("table", s.table());
        n.put("embeddingDim", s.embeddingDim());
      } else {
        n.put("mean", s.mean());
        n.put("std", s.std());
      }
      if (s.defaultValue() != null) {
        n.put("defaultValue", s.defaultValue());
      }
    } else if (spec instanceof BagSpec b) {
      n.put("type", "bag");
      n.put("name", b.name());
      n.put("space", b.space());
      n.put("separator", b.separator());
      n.put("maxSize", b.maxSize());
      n.put("pooling", b.pooling().name());
      n.put("table", b.table());
      n.put("embeddingDim", b.embeddingDim());
    } else {
      SequenceSpec s = (SequenceSpec) spec;
      n.put("type", "sequence");
      n.put("name", s.name());
      n.put("space", s.space());
      n.put("maxLen", s.maxLen());
      if (s.paddingToken() != null) {
        n.put("paddingToken", s.paddingToken());
      }
      n.put("separator", s.separator());
      n.put("table", s.table());
      n.put("embeddingDim", s.embeddingDim());
    }
    return n;
  }

  static FeatureSchema read(String json) {
    JsonNode root = org.recsys4j.core.json.TypedJson.parseObject(json);
    Obj r = new Obj(root, "schema", SCHEMA_KEYS);
    String type = r.text("type");
    Check.arg(
        FeatureSchema.JSON_TYPE.equals(type),
        "schema.type",
        type,
        "must be '" + FeatureSchema.JSON_TYPE + "'");
    int version = r.integer("version");
    Check.arg(
        version != 1,
        "schema.version",
        version,
        "is not supported: version 1 gave the"
            + " lowest numeric bucket id 0 (padding); ids changed in version "
            + FeatureSchema.JSON_VERSION
            + ", so re-fit the schema and retrain the model");
    Check.arg(
        version == FeatureSchema.JSON_VERSION,
        "schema.version",
        version,
        "is not supported; this library reads version " + FeatureSchema.JSON_VERSION);
    JsonNode arr = r.require("features");
    Check.arg(arr.isArray(), "schema.features", arr, "must be an array");
    FeatureSchema.Builder b = FeatureSchema.builder();
    for (int i = 0; i < arr.size(); i++) {
      b.add(readSpec(arr.get(i), "schema.features[" + i + "]"));
    }
    return b.build();
  }

  private static FeatureSpec readSpec(JsonNode node, String path) {
    Check.arg(node.isObject(), path, node, "must be a JSON object");
    JsonNode t = node.get("type");
    Check.arg(
        t != null && t.isTextual(),
        path + ".type",
        t,
        "must be one of 'categorical', 'numeric', 'bag', 'sequence'");
    switch (t.asText()) {
      case "categorical" -> {
        Obj o = new Obj(node, path, CATEGORICAL_KEYS);
        CategoricalEncoding enc = o.enumValue("encoding", CategoricalEncoding.class);
        List<String> vocab = o.has("vocabulary") ? o.strings("vocabulary") : List.of();
        int minCount = o.has("minCount") ? o.integer("minCount") : 1;
        return new CategoricalSpec(
            o.text("name"),
            enc,
            o.integer("space"),
            vocab,
            minCount,
            o.optText("defaultValue"),
            o.text("table"),
            o.integer("embeddingDim"));
      }
      case "numeric" -> {
        Obj o = new Obj(node, path, NUMERIC_KEYS);
        NumericTransform tr = o.enumValue("transform", NumericTransform.class);
        List<Double> bounds = o.has("boundaries") ? o.doubles("boundaries") : List.of();
        return new NumericSpec(
            o.text("name"),
            tr,
            bounds,
            o.has("mean") ? o.number("mean") : 0.0,
            o.has("std") ? o.number("std") : 1.0,
            o.optNumber("defaultValue"),
            o.optText("table"),
            o.has("embeddingDim") ? o.integer("embeddingDim") : 0);
      }
      case "bag" -> {
        Obj o = new Obj(node, path, BAG_KEYS);
        return new BagSpec(
            o.text("name"),
            o.integer("space"),
            o.text("separator"),
            o.integer("maxSize"),
            o.enumValue("pooling", Pooling.class),
            o.text("table"),
            o.integer("embeddingDim"));
      }
      case "sequence" -> {
        Obj o = new Obj(node, path, SEQUENCE_KEYS);
        return new SequenceSpec(
            o.text("name"),
            o.integer("space"),
            o.integer("maxLen"),
            o.optText("paddingToken"),
            o.text("separator"),
            o.text("table"),
            o.integer("embeddingDim"));
      }
      default ->
          throw new IllegalArgumentException(
              path
                  + ".type='"
                  + t.asText()
                  + "' must be one of 'categorical', 'numeric', 'bag', 'sequence'");
    }
  }

  /** A JSON object whose keys were checked against the allowed set. */
  private record Obj(JsonNode node, String path, Set<String> allowed) {
    Obj {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        Check.arg(
            allowed.contains(e.getKey()),
            path + ".key",
            e.getKey(),
            "is unknown; expected one of " + new java.util.TreeSet<>(allowed));
      }
    }

    boolean has(String key) {
      return node.has(key);
    }

    JsonNode require(String key) {
      JsonNode v = node.get(key);
      Check.arg(v != null, path + "." + key, null, "is required");
      return v;
    }

    String text(String key) {
      JsonNode v = require(key);
      Check.arg(v.isTextual(), path + "." + key, v, "must be a string");
      return v.asText();
    }

    String optText(String key) {
      JsonNode v = node.get(key);
      if (v == null || v.isNull()) {
        return null;
      }
      Check.arg(v.isTextual(), path + "." + key, v, "must be a string or absent");
      return v.asText();
    }

    int integer(String key) {
      JsonNode v = require(key);
      Check.arg(v.isInt(), path + "." + key, v, "must be an integer");
      return v.asInt();
    }

    double number(String key) {
      JsonNode v = require(key);
      Check.arg(v.isNumber(), path + "." + key, v, "must be a number");
      return v.asDouble();
    }

    Double optNumber(String key) {
      JsonNode v = node.get(key);
      if (v == null || v.isNull()) {
        return null;
      }
      Check.arg(v.isNumber(), path + "." + key, v, "must be a number or absent");
      return v.asDouble();
    }

    <E extends Enum<E>> E enumValue(String key, Class<E> type) {
      String s = text(key);
      for (E e : type.getEnumConstants()) {
        if (e.name().equals(s)) {
          return e;
        }
      }
      throw new IllegalArgumentException(
          path
              + "."
              + key
              + "='"
              + s
              + "' must be one of "
              + java.util.Arrays.toString(type.getEnumConstants()));
    }

    List<String> strings(String key) {
      JsonNode v = require(key);
      Check.arg(v.isArray(), path + "." + key, v, "must be an array of strings");
      List<String> out = new ArrayList<>(v.size());
      for (int i = 0; i < v.size(); i++) {
        Check.arg(
            v.get(i).isTextual(), path + "." + key + "[" + i + "]", v.get(i), "must be a string");
        out.add(v.get(i).asText());
      }
      return out;
    }

    List<Double> doubles(String key) {
      JsonNode v = require(key);
      Check.arg(v.isArray(), path + "." + key, v, "must be an array of numbers");
      List<Double> out = new ArrayList<>(v.size());
      for (int i = 0; i < v.size(); i++) {
        Check.arg(
            v.get(i).isNumber(), path + "." + key + "[" + i + "]", v.get(i), "must be a number");
        out.add(v.get(i).asDouble());
      }
      return out;
    }
  }
}
