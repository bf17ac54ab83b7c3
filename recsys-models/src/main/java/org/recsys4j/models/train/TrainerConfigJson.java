package org.recsys4j.models.train;

import static org.recsys4j.core.json.JsonFields.integer;
import static org.recsys4j.core.json.JsonFields.keys;
import static org.recsys4j.core.json.JsonFields.number;
import static org.recsys4j.core.json.JsonFields.object;
import static org.recsys4j.core.json.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.recsys4j.core.Check;
import org.recsys4j.core.json.TypedJson;
import org.recsys4j.core.json.Upgraders;

/**
 * The one JSON form of a {@link TrainerConfig} and its {@link Optimizer}s, used by checkpoints
 * ({@code trainer.json}) and by training configs ({@code "trainer"} of {@code
 * models.fit.TrainingConfigJson}):
 *
 * <pre>{@code
 * {"type":"TrainerConfig","version":2,"batchSize":1024,"javaThreads":2,"nativeThreads":1,
 *  "tableOptimizer":{"type":"adagrad","learningRate":0.05,"initialAccumulator":1e-6,
 *                    "epsilon":1e-8,"l2":0},
 *  "tableOptimizers":{"user_w":{"type":"ftrl","alpha":0.1,"beta":1,"l1":1,"l2":0}},
 *  "denseOptimizer":{"type":"adam","learningRate":0.001,"beta1":0.9,"beta2":0.999,
 *                    "epsilon":1e-8,"l2":0}}
 * }</pre>
 *
 * <p>An optimizer is {@code sgd} ({@code learningRate, l2}), {@code adagrad}, {@code adam} or
 * {@code ftrl} with its record's components. Every key is required and unknown keys fail, with the
 * field named. Version 1 (checkpoints written before this form: optimizers as {@code
 * {"kind":"Adagrad",...}}, {@code tableOptimizers} optional) is upgraded by {@link #UPGRADERS}.
 */
public final class TrainerConfigJson {
  /** The JSON type. */
  public static final String TYPE = "TrainerConfig";

  /** The current format version. */
  public static final int VERSION = 2;

  /** Upgrade steps: version 1 (the first checkpoint form) to 2. */
  public static final Upgraders UPGRADERS =
      new Upgraders(TYPE, VERSION, Map.of(1, TrainerConfigJson::upgradeFrom1));

  private static final Set<String> KEYS =
      Set.of(
          "type",
          "batchSize",
          "javaThreads",
          "nativeThreads",
          "tableOptimizer",
          "tableOptimizers",
          "denseOptimizer");
  private static final Map<String, Set<String>> OPTIMIZER_KEYS =
      Map.of(
          "sgd", Set.of("type", "learningRate", "l2"),
          "adagrad", Set.of("type", "learningRate", "initialAccumulator", "epsilon", "l2"),
          "adam", Set.of("type", "learningRate", "beta1", "beta2", "epsilon", "l2"),
          "ftrl", Set.of("type", "alpha", "beta", "l1", "l2"));

  private TrainerConfigJson() {}

  /** {@code c} as a JSON object in the current version. */
  public static ObjectNode toTree(TrainerConfig c) {
    ObjectNode n = TypedJson.envelope(TYPE, VERSION);
    n.put("batchSize", c.batchSize());
    n.put("javaThreads", c.javaThreads());
    n.put("nativeThreads", c.nativeThreads());
    n.set("tableOptimizer", optimizerToTree(c.tableOptimizer()));
    ObjectNode over = n.putObject("tableOptimizers");
    c.tableOptimizers().forEach((table, o) -> over.set(table, optimizerToTree(o)));
    n.set("denseOptimizer", optimizerToTree(c.denseOptimizer()));
    return n;
  }

  /**
   * Reads a trainer config of any readable version.
   *
   * @param field the node's name in messages, e.g. {@code "trainer"}
   * @throws IllegalArgumentException naming the field, the value and the rule on a wrong type, a
   *     version without an upgrade, a missing or unknown key, an unknown optimizer or an invalid
   *     value
   */
  public static TrainerConfig fromTree(JsonNode node, String field) {
    Check.arg(node != null && node.isObject(), field, node, "must be an object");
    String t = node.path("type").asText(null);
    Check.arg(TYPE.equals(t), field + ".type", t, "must be '" + TYPE + "'");
    ObjectNode n = UPGRADERS.upgrade((ObjectNode) node, field);
    keys(n, KEYS, field);
    Map<String, Optimizer> overrides = new LinkedHashMap<>();
    ObjectNode ov = object(n, "tableOptimizers", field);
    for (Iterator<String> it = ov.fieldNames(); it.hasNext(); ) {
      String table = it.next();
      overrides.put(table, optimizerFromTree(ov.get(table), field + ".tableOptimizers." + table));
    }
    return new TrainerConfig(
        integer(n, "batchSize", field),
        optimizerFromTree(n.get("tableOptimizer"), field + ".tableOptimizer"),
        optimizerFromTree(n.get("denseOptimizer"), field + ".denseOptimizer"),
        integer(n, "javaThreads", field),
        integer(n, "nativeThreads", field),
        overrides);
  }

  /** {@code o} as a JSON object: {@code type} plus its record's components. */
  public static ObjectNode optimizerToTree(Optimizer o) {
    ObjectNode n = TypedJson.mapper().createObjectNode();
    if (o instanceof Optimizer.Sgd s) {
      n.put("type", "sgd");
      n.put("learningRate", s.learningRate());
      n.put("l2", s.l2());
    } else if (o instanceof Optimizer.Adagrad a) {
      n.put("type", "adagrad");
      n.put("learningRate", a.learningRate());
      n.put("initialAccumulator", a.initialAccumulator());
      n.put("epsilon", a.epsilon());
      n.put("l2", a.l2());
    } else if (o instanceof Optimizer.Adam a) {
      n.put("type", "adam");
      n.put("learningRate", a.learningRate());
      n.put("beta1", a.beta1());
      n.put("beta2", a.beta2());
      n.put("epsilon", a.epsilon());
      n.put("l2", a.l2());
    } else if (o instanceof Optimizer.Ftrl f) {
      n.put("type", "ftrl");
      n.put("alpha", f.alpha());
      n.put("beta", f.beta());
      n.put("l1", f.l1());
      n.put("l2", f.l2());
    } else {
      throw new IllegalStateException("optimizer " + o + " has no JSON form");
    }
    return n;
  }

  /**
   * Reads {@link #optimizerToTree} output.
   *
   * @param field the node's name in messages
   * @throws IllegalArgumentException naming the field on an unknown type, a missing or unknown key
   *     or an invalid value
   */
  public static Optimizer optimizerFromTree(JsonNode node, String field) {
    Check.arg(node != null && node.isObject(), field, node, "must be an object");
    ObjectNode n = (ObjectNode) node;
    String type = text(n, "type", field);
    Set<String> k = OPTIMIZER_KEYS.get(type);
    Check.arg(k != null, field + ".type", type, "must be one of [sgd, adagrad, adam, ftrl]");
    keys(n, k, field);
    return switch (type) {
      case "sgd" -> new Optimizer.Sgd(number(n, "learningRate", field), number(n, "l2", field));
      case "adagrad" ->
          new Optimizer.Adagrad(
              number(n, "learningRate", field),
              number(n, "initialAccumulator", field),
              number(n, "epsilon", field),
              number(n, "l2", field));
      case "adam" ->
          new Optimizer.Adam(
              number(n, "learningRate", field),
              number(n, "beta1", field),
              number(n, "beta2", field),
              number(n, "epsilon", field),
              number(n, "l2", field));
      default ->
          new Optimizer.Ftrl(
              number(n, "alpha", field),
              number(n, "beta", field),
              number(n, "l1", field),
              number(n, "l2", field));
    };
  }

  /**
   * Version 1 to 2: optimizers named by {@code "kind":"Adagrad"} (the record's simple name) are
   * named by {@code "type":"adagrad"}; a missing {@code tableOptimizers} (checkpoints written
   * before per-table overrides) becomes {@code {}}.
   */
  private static ObjectNode upgradeFrom1(ObjectNode n) {
    ObjectNode out = n.deepCopy();
    renameKind(out.get("tableOptimizer"));
    renameKind(out.get("denseOptimizer"));
    if (!out.has("tableOptimizers")) {
      out.putObject("tableOptimizers");
    }
    out.get("tableOptimizers").forEach(TrainerConfigJson::renameKind);
    return out;
  }

  private static void renameKind(JsonNode optimizer) {
    if (optimizer instanceof ObjectNode o && o.has("kind") && !o.has("type")) {
      JsonNode kind = o.remove("kind");
      ObjectNode copy = o.deepCopy();
      o.removeAll();
      o.put("type", kind.asText().toLowerCase(Locale.ROOT));
      o.setAll(copy);
    }
  }
}
