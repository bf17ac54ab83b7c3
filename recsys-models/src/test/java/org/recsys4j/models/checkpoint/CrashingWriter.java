package org.recsys4j.models.checkpoint;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.recsys4j.core.spec.CategoricalSpec;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.models.params.Tensor;
import org.recsys4j.models.spec.ModelSpec;
import org.recsys4j.models.spec.TableDeclaration;
import org.recsys4j.models.train.TableState;
import org.recsys4j.models.train.TrainerConfig;
import org.recsys4j.models.train.TrainerState;
import org.recsys4j.models.zoo.FactorizationMachine;

/**
 * The process that {@link CheckpointCrashTest} kills: saves checkpoints over one directory, again
 * and again, each holding its step number in every value, and prints {@code saved <step>} after
 * each save. Needs no native backend (the state is built by hand).
 */
final class CrashingWriter {
  static final int ROWS = 1 << 17;

  private CrashingWriter() {}

  static ModelSpec spec() {
    return new FactorizationMachine("click", 0.01, 1)
        .build(
            FeatureSchema.builder()
                .add(CategoricalSpec.hashed("user").space(ROWS).embeddingDim(8).build())
                .build());
  }

  /** A state in which every value equals {@code step}. */
  static TrainerState state(ModelSpec spec, long step) {
    Map<String, TableState> tables = new LinkedHashMap<>();
    for (TableDeclaration t : spec.tables()) {
      int[] ids = new int[t.rows() - 1];
      Arrays.setAll(ids, i -> i + 1);
      float[] rows = new float[ids.length * 2 * t.dim()];
      Arrays.fill(rows, step);
      tables.put(t.name(), new TableState(t.name(), t.rows(), t.dim(), 1, ids, rows));
    }
    Map<String, Tensor> dense = Map.of("bias", Tensor.of(new float[] {step}, 1));
    Map<String, float[][]> slots = Map.of("bias", new float[][] {{step}, {step}});
    return new TrainerState(spec, TrainerConfig.defaults(), step, dense, slots, tables);
  }

  /**
   * Saves to {@code args[0]} until killed (at most 200 times, so that a writer whose test died
   * stops on its own).
   */
  public static void main(String[] args) throws Exception {
    ModelSpec spec = spec();
    Path dir = Path.of(args[0]);
    for (long step = 1; step <= 200; step++) {
      Checkpoint.of(state(spec, step)).write(dir);
      System.out.println("saved " + step);
      System.out.flush();
    }
  }
}
