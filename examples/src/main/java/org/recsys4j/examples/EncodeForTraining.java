package org.recsys4j.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.core.data.TrainingBatch;
import org.recsys4j.core.spec.CategoricalSpec;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.core.spec.SequenceSpec;
import org.recsys4j.features.encode.FeatureEncoder;
import org.recsys4j.models.train.Trainer;
import org.recsys4j.models.train.TrainerConfig;
import org.recsys4j.models.zoo.FactorizationMachine;

/**
 * Holds the snippet of docs/features.md ("Encoding for training and serving"): a schema saved
 * beside a model is read back, rows are encoded for a training step, and a serving request is
 * encoded and scored by the same code. Prints {@code request_p_click}.
 */
public final class EncodeForTraining {
  private EncodeForTraining() {}

  /** Runs the snippet. */
  public static void main(String[] args) throws IOException {
    Path modelDir = Files.createTempDirectory("recsys4j-model");
    FeatureSchema.builder()
        .add(CategoricalSpec.hashed("user").space(1 << 10).embeddingDim(8).build())
        .add(SequenceSpec.builder("clicks").space(1 << 10).maxLen(5).embeddingDim(8).build())
        .build()
        .write(modelDir.resolve("schema.json"));
    List<Map<String, Object>> rows =
        List.of(Map.of("user", "u42", "clicks", "i1|i2"), Map.of("user", "u7", "clicks", ""));
    float[] labels = {1f, 0f};
    // --- docs/features.md snippet begins ---
    FeatureSchema schema = FeatureSchema.read(modelDir.resolve("schema.json"));
    FeatureEncoder enc = FeatureEncoder.of(schema); // one per thread

    // training: N rows -> flat row-major arrays, plus the label columns
    EncodedBatch batch = enc.encodeMaps(rows); // or encodeBatch(List<Row>)
    TrainingBatch train = TrainingBatch.of(batch, "click", labels);
    Trainer trainer =
        new Trainer(
            FactorizationMachine.of("click").build(schema),
            TrainerConfig.defaults().withBatchSize(256));
    trainer.fit(train);

    // serving: one request into a reused size-1 batch (overwritten by the next call)
    EncodedBatch one = enc.encode(Map.of("user", "u42", "clicks", "i1|i2"));
    float pClick = trainer.predict(one, "ctr")[0];
    // --- docs/features.md snippet ends ---
    trainer.close();
    System.out.println("request_p_click=" + pClick);
  }
}
