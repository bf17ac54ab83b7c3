package org.recsys4j.models.fit;

import static org.recsys4j.core.json.JsonFields.bool;
import static org.recsys4j.core.json.JsonFields.constant;
import static org.recsys4j.core.json.JsonFields.integer;
import static org.recsys4j.core.json.JsonFields.keys;
import static org.recsys4j.core.json.JsonFields.longValue;
import static org.recsys4j.core.json.JsonFields.number;
import static org.recsys4j.core.json.JsonFields.object;
import static org.recsys4j.core.json.JsonFields.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.recsys4j.core.Check;
import org.recsys4j.core.data.Shuffle;
import org.recsys4j.core.json.TypedJson;
import org.recsys4j.core.json.Upgraders;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.models.spec.ModelJson;
import org.recsys4j.models.train.TrainerConfig;
import org.recsys4j.models.train.TrainerConfigJson;

/**
 * The JSON form of a {@link TrainingConfig}:
 *
 * <pre>{@code
 * {"type":"training","version":1,
 *  "model":{<model JSON, ModelJson>}, "schema":{<FeatureSchema JSON>},
 *  "trainer":{<TrainerConfigJson: "type":"TrainerConfig","version":2,...>},
 *  "fit":{"epochs":2,"head":null,"progressSeconds":10,"prefetch":2,
 *         "earlyStopping":{"metric":"AUC","patience":2,"minDelta":0,"restoreBest":true},
 *         "schedule":{"warmupSteps":0,"decay":"NONE","decaySteps":1,"decayRate":1,"minScale":0},
 *         "gaucGroup":{"input":"ids","column":0}},
 *  "shuffle":"WITHIN_DAY","seed":1}
 * }</pre>
 *
 * <p>The trainer part is {@link TrainerConfigJson}'s form, the one used by checkpoints too. Every
 * key is required ({@code head}, {@code earlyStopping} and {@code gaucGroup} may be {@code null});
 * unknown keys fail; older versions go through {@link #UPGRADERS} and newer ones are rejected.
 * Version 1 wrote the trainer as {@code
 * {"batchSize","javaThreads","nativeThreads","tables","tableOverrides","dense"}}.
 */
public final class TrainingConfigJson {
  /** The JSON type. */
  public static final String TYPE = "training";

  /** The current format version. */
  public static final int VERSION = 2;

  /** Upgrade steps: version 1 (trainer in a form of its own) to 2 (the trainer's one form). */
  public static final Upgraders UPGRADERS =
      new Upgraders(TYPE, VERSION, Map.of(1, TrainingConfigJson::upgradeFrom1));

  private static final Set<String> KEYS =
      Set.of("type", "model", "schema", "trainer", "fit", "shuffle", "seed");
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
    root.set("trainer", TrainerConfigJson.toTree(config.trainer()));
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
    TrainerConfig trainer =
        TrainerConfigJson.fromTree(object(root, "trainer", "training"), "training.trainer");
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

  /** Version 1 to 2: the trainer object becomes a {@link TrainerConfigJson} envelope. */
  private static ObjectNode upgradeFrom1(ObjectNode n) {
    ObjectNode out = n.deepCopy();
    JsonNode old = out.get("trainer");
    if (old instanceof ObjectNode t) {
      ObjectNode tr = TypedJson.envelope(TrainerConfigJson.TYPE, TrainerConfigJson.VERSION);
      Map<String, String> renamed = new LinkedHashMap<>();
      renamed.put("batchSize", "batchSize");
      renamed.put("javaThreads", "javaThreads");
      renamed.put("nativeThreads", "nativeThreads");
      renamed.put("tables", "tableOptimizer");
      renamed.put("tableOverrides", "tableOptimizers");
      renamed.put("dense", "denseOptimizer");
      for (Iterator<String> it = t.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        // an unknown key is kept under its name, so the trainer's reader names it
        tr.set(renamed.getOrDefault(k, k), t.get(k));
      }
      out.set("trainer", tr);
    }
    return out;
  }
}
