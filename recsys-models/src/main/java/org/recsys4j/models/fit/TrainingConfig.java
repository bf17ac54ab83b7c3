package org.recsys4j.models.fit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.recsys4j.core.Check;
import org.recsys4j.core.data.Shuffle;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.models.spec.ModelSpec;
import org.recsys4j.models.train.TrainerConfig;

/**
 * A whole training run as data: the model, the feature schema its inputs come from, the trainer's
 * settings (batch size, optimizers per parameter group: tables, per-table overrides, dense), the
 * loop's options (epochs, early stopping, schedule, validation) and the order of the data (shuffle
 * and seed). Written as versioned JSON by {@link #toJson()} ({@code {"type":"training",
 * "version":1,...}}, see {@link TrainingConfigJson}); reading validates it exactly like a config
 * built in code.
 *
 * @param model the model to train
 * @param schema the features that produce the model's inputs
 * @param trainer batch size, optimizers and threads
 * @param fit epochs, early stopping, learning-rate schedule, validation settings
 * @param shuffle the order of rows in each training pass
 * @param seed the seed of the shuffle
 */
public record TrainingConfig(
    ModelSpec model,
    FeatureSchema schema,
    TrainerConfig trainer,
    FitOptions fit,
    Shuffle shuffle,
    long seed) {

  /** Validates. */
  public TrainingConfig {
    Check.notNull("training.model", model);
    Check.notNull("training.schema", schema);
    Check.notNull("training.trainer", trainer);
    Check.notNull("training.fit", fit);
    Check.notNull("training.shuffle", shuffle);
    Check.arg(
        !model.labels().isEmpty(),
        "training.model.labels",
        model.labels(),
        "must name at least one label (a head with a loss)");
  }

  /** This config as pretty-printed JSON. */
  public String toJson() {
    return TrainingConfigJson.write(this);
  }

  /**
   * Reads a config.
   *
   * @throws IllegalArgumentException naming the key, the value and the rule when the JSON is
   *     malformed, of another type or a newer version, has a missing or unknown key, or describes
   *     an invalid config
   */
  public static TrainingConfig fromJson(String json) {
    return TrainingConfigJson.read(json);
  }

  /**
   * Reads a config file; errors name the file.
   *
   * @throws IOException if the file cannot be read or holds an invalid config
   */
  public static TrainingConfig read(Path path) throws IOException {
    String json = Files.readString(path, StandardCharsets.UTF_8);
    try {
      return fromJson(json);
    } catch (IllegalArgumentException e) {
      throw new IOException(path + ": " + e.getMessage(), e);
    }
  }
}
