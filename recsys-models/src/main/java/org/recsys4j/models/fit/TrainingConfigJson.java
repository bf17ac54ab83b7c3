package org.recsys4j.models.fit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.recsys4j.core.Check;
import org.recsys4j.core.data.Shuffle;
import org.recsys4j.core.json.TypedJson;
import org.recsys4j.core.json.Upgraders;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.models.spec.ModelJson;
import org.recsys4j.models.train.Optimizer;
import org.recsys4j.models.train.TrainerConfig;

/**
 * The JSON form of a {@link TrainingConfig}:
 *
 * <pre>{@code
 * {"type":"training","version":1,
 *  "model":{<model JSON, ModelJson>}, "schema":{<FeatureSchema JSON>},
 *  "trainer":{"batchSize":1024,"javaThreads":2,"nativeThreads":1,
 *             "tables":{"type":"adagrad","learningRate":0.05,"initialAccumulator":1e-6,
 *                       "epsilon":1e-8,"l2":0},
 *             "tableOverrides":{"user_w":{"type":"ftrl","alpha":0.1,"beta":1,"l1":1,"l2":0}},
 *             "dense":{"type":"adam","learningRate":0.001,"beta1":0.9,"beta2":0.999,
 *                      "epsilon":1e-8,"l2":0}},
 *  "fit":{"epochs":2,"head":null,"progressSeconds":10,"prefetch":2,
 *         "earlyStopping":{"metric":"AUC","patience":2,"minDelta":0,"restoreBest":true},
 *         "schedule":{"warmupSteps":0,"decay":"NONE","decaySteps":1,"decayRate":1,"minScale":0},
 *         "gaucGroup":{"input":"ids","column":0}},
 *  "shuffle":"WITHIN_DAY","seed":1}
 * }</pre>
 *
 * <p>Optimizers are {@code sgd} ({@code learningRate, l2}), {@code adagrad}, {@code adam} and
 * {@code ftrl} with their record's fields. Every key is required ({@code head}, {@code
 * earlyStopping} and {@code gaucGroup} may be {@code null}); unknown keys fail; older versions go
 * through {@link #UPGRADERS} and newer ones are rejected.
 */
public final class TrainingConfigJson {
  /** The JSON type. */
  public static final String TYPE = "training";

  /** The current format version. */
  public static final int VERSION = 1;

  /** Upgrade steps (none yet: version 1 is the first). */
  public static final Upgraders UPGRADERS = Upgraders.none(TYPE, VERSION);

  private static final Set<String> KEYS =
      Set.of("type", "model", "schema", "trainer", "fit", "shuffle", "seed");
  private static final Set<String> TRAINER_KEYS =
      Set.of("batchSize", "javaThreads", "nativeThreads", "tables", "tableOverrides", "dense");
  private static final Set<String> FIT_KEYS =
      Set.of(
          "epochs",
          "head",
          "progressSeconds",
          "prefetch",
          "earlyStopping",
          "schedule",
          "gaucGroup");
  private static final Set<String> STOP_KEYS =
      Set.of("metric", "patience", "minDelta", "restoreBest");
  private static final Set<String> SCHEDULE_KEYS =
      Set.of("warmupSteps", "decay", "decaySteps", "decayRate", "minScale");
  private static final Set<String> GROUP_KEYS = Set.of("input", "column");

  private TrainingConfigJson() {}

  /** {@code config} as pretty-printed JSON. */
  public static String write(TrainingConfig config) {
    ObjectNode root = TypedJson.envelope(TYPE, VERSION);
    root.set("model", ModelJson.toTree(config.model()));
    root.set("schema", TypedJson.parseObject(config.schema().toJson()));
    TrainerConfig t = config.trainer();
    ObjectNode tr = root.putObject("trainer");
    tr.put("batchSize", t.batchSize());
    tr.put("javaThreads", t.javaThreads());
    tr.put("nativeThreads", t.nativeThreads());
    tr.set("tables", optimizer(t.tableOptimizer()));
    ObjectNode over = tr.putObject("tableOverrides");
    t.tableOptimizers().forEach((k, o) -> over.set(k, optimizer(o)));
    tr.set("dense", optimizer(t.denseOptimizer()));
    FitOptions f = config.fit();
    ObjectNode fit = root.putObject("fit");
    fit.put("epochs", f.epochs());
    fit.put("head", f.head());
    fit.put("progressSeconds", f.progressSeconds());
    fit.put("prefetch", f.prefetch());
    if (f.earlyStopping() == null) {
      fit.putNull("earlyStopping");
    } else {
      EarlyStopping e = f.earlyStopping();
      ObjectNode es = fit.putObject("earlyStopping");
      es.put("metric", e.metric().name());
      es.put("patience", e.patience());
      es.put("minDelta", e.minDelta());
      es.put("restoreBest", e.restoreBest());
    }
    LearningRateSchedule s = f.schedule();
    ObjectNode sc = fit.putObject("schedule");
    sc.put("warmupSteps", s.warmupSteps());
    sc.put("decay", s.decay().name());
    sc.put("decaySteps", s.decaySteps());
    sc.put("decayRate", s.decayRate());
    sc.put("minScale", s.minScale());
    if (f.gaucGroup() == null) {
      fit.putNull("gaucGroup");
    } else {
      ObjectNode g = fit.putObject("gaucGroup");
      g.put("input", f.gaucGroup().input());
      g.put("column", f.gaucGroup().column());
    }
    root.put("shuffle", config.shuffle().name());
    root.put("seed", config.seed());
    try {
      return TypedJson.mapper().writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write training config", e);
    }
  }

  private static ObjectNode optimizer(Optimizer o) {
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
   * Reads a config.
   *
   * @throws IllegalArgumentException naming the key, the value and the rule
   */
  public static TrainingConfig read(String json) {
    JsonNode parsed = TypedJson.parseObject(json);
    Check.arg(
        TYPE.equals(parsed.path("type").asText(null)),
        "training.type",
        parsed.path("type").asText(null),
        "must be '" + TYPE + "'");
    ObjectNode root = UPGRADERS.upgrade((ObjectNode) parsed, "training");
    keys(root, KEYS, "training");
    var model = ModelJson.fromJson(object(root, "model", "training").toString());
    FeatureSchema schema = FeatureSchema.fromJson(object(root, "schema", "training").toString());
    ObjectNode tr = object(root, "trainer", "training");
    keys(tr, TRAINER_KEYS, "training.trainer");
    Map<String, Optimizer> overrides = new LinkedHashMap<>();
    ObjectNode ov = object(tr, "tableOverrides", "training.trainer");
    for (Iterator<String> it = ov.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      overrides.put(
          k,
          optimizer(
              object(ov, k, "training.trainer.tableOverrides"),
              "training.trainer.tableOverrides." + k));
    }
    TrainerConfig trainer =
        new TrainerConfig(
            integer(tr, "batchSize", "training.trainer"),
            optimizer(object(tr, "tables", "training.trainer"), "training.trainer.tables"),
            optimizer(object(tr, "dense", "training.trainer"), "training.trainer.dense"),
            integer(tr, "javaThreads", "training.trainer"),
            integer(tr, "nativeThreads", "training.trainer"),
            overrides);
    ObjectNode f = object(root, "fit", "training");
    keys(f, FIT_KEYS, "training.fit");
    EarlyStopping stop = null;
    if (!f.get("earlyStopping").isNull()) {
      ObjectNode e = object(f, "earlyStopping", "training.fit");
      keys(e, STOP_KEYS, "training.fit.earlyStopping");
      stop =
          new EarlyStopping(
              constant(ValidationMetric.class, e, "metric", "training.fit.earlyStopping"),
              integer(e, "patience", "training.fit.earlyStopping"),
              number(e, "minDelta", "training.fit.earlyStopping"),
              bool(e, "restoreBest", "training.fit.earlyStopping"));
    }
    ObjectNode s = object(f, "schedule", "training.fit");
    keys(s, SCHEDULE_KEYS, "training.fit.schedule");
    LearningRateSchedule schedule =
        new LearningRateSchedule(
            longValue(s, "warmupSteps", "training.fit.schedule"),
            constant(LearningRateSchedule.Decay.class, s, "decay", "training.fit.schedule"),
            longValue(s, "decaySteps", "training.fit.schedule"),
            number(s, "decayRate", "training.fit.schedule"),
            number(s, "minScale", "training.fit.schedule"));
    GroupKey group = null;
    if (!f.get("gaucGroup").isNull()) {
      ObjectNode g = object(f, "gaucGroup", "training.fit");
      keys(g, GROUP_KEYS, "training.fit.gaucGroup");
      group =
          new GroupKey(
              text(g, "input", "training.fit.gaucGroup"),
              integer(g, "column", "training.fit.gaucGroup"));
    }
    String head = f.get("head").isNull() ? null : text(f, "head", "training.fit");
    FitOptions fit =
        new FitOptions(
            integer(f, "epochs", "training.fit"),
            head,
            stop,
            schedule,
            group,
            number(f, "progressSeconds", "training.fit"),
            integer(f, "prefetch", "training.fit"));
    return new TrainingConfig(
        model,
        schema,
        trainer,
        fit,
        constant(Shuffle.class, root, "shuffle", "training"),
        longValue(root, "seed", "training"));
  }

  private static Optimizer optimizer(ObjectNode n, String field) {
    String type = text(n, "type", field);
    return switch (type) {
      case "sgd" -> {
        keys(n, Set.of("type", "learningRate", "l2"), field);
        yield new Optimizer.Sgd(number(n, "learningRate", field), number(n, "l2", field));
      }
      case "adagrad" -> {
        keys(n, Set.of("type", "learningRate", "initialAccumulator", "epsilon", "l2"), field);
        yield new Optimizer.Adagrad(
            number(n, "learningRate", field),
            number(n, "initialAccumulator", field),
            number(n, "epsilon", field),
            number(n, "l2", field));
      }
      case "adam" -> {
        keys(n, Set.of("type", "learningRate", "beta1", "beta2", "epsilon", "l2"), field);
        yield new Optimizer.Adam(
            number(n, "learningRate", field),
            number(n, "beta1", field),
            number(n, "beta2", field),
            number(n, "epsilon", field),
            number(n, "l2", field));
      }
      case "ftrl" -> {
        keys(n, Set.of("type", "alpha", "beta", "l1", "l2"), field);
        yield new Optimizer.Ftrl(
            number(n, "alpha", field),
            number(n, "beta", field),
            number(n, "l1", field),
            number(n, "l2", field));
      }
      default ->
          throw new IllegalArgumentException(
              field + ".type='" + type + "' must be one of [sgd, adagrad, adam, ftrl]");
    };
  }

  private static void keys(ObjectNode node, Set<String> keys, String field) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      Check.arg(keys.contains(k), field + "." + k, node.get(k), "is not a known key " + keys);
    }
    for (String k : keys) {
      Check.arg(node.has(k), field + "." + k, null, "is required");
    }
  }

  private static ObjectNode object(ObjectNode n, String key, String field) {
    JsonNode v = n.get(key);
    Check.arg(v != null && v.isObject(), field + "." + key, v, "must be an object");
    return (ObjectNode) v;
  }

  private static int integer(ObjectNode n, String key, String field) {
    JsonNode v = n.get(key);
    Check.arg(
        v != null && v.canConvertToInt() && v.isIntegralNumber(),
        field + "." + key,
        v,
        "must be an integer");
    return v.asInt();
  }

  private static long longValue(ObjectNode n, String key, String field) {
    JsonNode v = n.get(key);
    Check.arg(
        v != null && v.isIntegralNumber() && v.canConvertToLong(),
        field + "." + key,
        v,
        "must be an integer");
    return v.asLong();
  }

  private static double number(ObjectNode n, String key, String field) {
    JsonNode v = n.get(key);
    Check.arg(v != null && v.isNumber(), field + "." + key, v, "must be a number");
    return v.asDouble();
  }

  private static boolean bool(ObjectNode n, String key, String field) {
    JsonNode v = n.get(key);
    Check.arg(v != null && v.isBoolean(), field + "." + key, v, "must be true or false");
    return v.asBoolean();
  }

  private static String text(ObjectNode n, String key, String field) {
    JsonNode v = n.get(key);
    Check.arg(v != null && v.isTextual(), field + "." + key, v, "must be a string");
    return v.asText();
  }

  private static <E extends Enum<E>> E constant(
      Class<E> type, ObjectNode n, String key, String field) {
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
              + java.util.Arrays.toString(type.getEnumConstants()),
          e);
    }
  }
}
