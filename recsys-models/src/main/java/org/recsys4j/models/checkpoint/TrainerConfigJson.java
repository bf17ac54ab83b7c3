package org.recsys4j.models.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.recsys4j.core.Check;
import org.recsys4j.core.json.TypedJson;
import org.recsys4j.models.train.Optimizer;
import org.recsys4j.models.train.TrainerConfig;

/**
 * {@link TrainerConfig} as JSON, for checkpoints: {@code {"type":"TrainerConfig","version":1,
 * "batchSize":B,"tableOptimizer":{"kind":"Adagrad",...},"denseOptimizer":{...},"javaThreads":n,
 * "nativeThreads":n,"tableOptimizers":{"<table>":{...}}}} (per-table overrides; absent means none),
 * where an optimizer is its record's components plus {@code kind}, the simple name of its record
 * (any permitted {@link Optimizer} record).
 */
final class TrainerConfigJson {
  static final String TYPE = "TrainerConfig";
  static final int VERSION = 1;

  private TrainerConfigJson() {}

  static ObjectNode toTree(TrainerConfig c) {
    ObjectNode n = TypedJson.envelope(TYPE, VERSION);
    n.put("batchSize", c.batchSize());
    n.set("tableOptimizer", optimizer(c.tableOptimizer()));
    n.set("denseOptimizer", optimizer(c.denseOptimizer()));
    n.put("javaThreads", c.javaThreads());
    n.put("nativeThreads", c.nativeThreads());
    ObjectNode overrides = n.putObject("tableOptimizers");
    c.tableOptimizers().forEach((table, o) -> overrides.set(table, optimizer(o)));
    return n;
  }

  /**
   * Reads {@link #toTree} output.
   *
   * @throws IllegalArgumentException naming the field on a wrong envelope, an unknown optimizer
   *     kind or an invalid value
   */
  static TrainerConfig fromTree(JsonNode n) {
    TypedJson.checkEnvelope(n, "trainer", TYPE, VERSION);
    java.util.Map<String, Optimizer> overrides = new java.util.LinkedHashMap<>();
    // per-table overrides (absent in checkpoints written before they existed: none)
    JsonNode o = n.path("tableOptimizers");
    for (java.util.Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
      String table = it.next();
      overrides.put(table, optimizer(o.get(table), "trainer.tableOptimizers." + table));
    }
    return new TrainerConfig(
        n.path("batchSize").asInt(-1),
        optimizer(n.path("tableOptimizer"), "trainer.tableOptimizer"),
        optimizer(n.path("denseOptimizer"), "trainer.denseOptimizer"),
        n.path("javaThreads").asInt(-1),
        n.path("nativeThreads").asInt(-1),
        overrides);
  }

  private static ObjectNode optimizer(Optimizer o) {
    ObjectNode n = TypedJson.mapper().createObjectNode();
    n.put("kind", o.getClass().getSimpleName());
    n.setAll((ObjectNode) TypedJson.mapper().valueToTree(o));
    return n;
  }

  private static Optimizer optimizer(JsonNode n, String field) {
    Check.arg(n.isObject(), field, n.getNodeType(), "must be an object");
    String kind = n.path("kind").asText();
    for (Class<?> c : Optimizer.class.getPermittedSubclasses()) {
      if (c.getSimpleName().equals(kind)) {
        ObjectNode fields = ((ObjectNode) n).deepCopy();
        fields.remove("kind");
        ObjectMapper m = TypedJson.mapper();
        try {
          return (Optimizer) m.treeToValue(fields, c);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
          throw new IllegalArgumentException(
              field + "=" + n + " is not a valid " + kind + ": " + e.getMessage(), e);
        }
      }
    }
    throw new IllegalArgumentException(
        field + ".kind=" + kind + " must name an optimizer of this library");
  }
}
