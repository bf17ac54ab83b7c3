package org.recsys4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recsys4j.models.checkpoint.Checkpoint;

/** The daily example on a tiny world: its figures, and what one epoch implies. */
class DailyIncrementalExampleTest {
  @TempDir Path work;

  @Test
  void withOneEpochAnUpdateFromYesterdaysCheckpointEqualsTheFullRetrain() throws Exception {
    Map<String, Double> f =
        ExamplesTest.run(
            () ->
                DailyIncrementalExample.main(
                    new String[] {
                      "--days",
                      "4",
                      "--users",
                      "60",
                      "--requests",
                      "4",
                      "--epochs",
                      "1",
                      "--seed",
                      "3",
                      "--work",
                      work.toString()
                    }));
    for (int day = 2; day <= 4; day++) {
      Double inc = f.get("day" + day + "_incremental_auc");
      Double full = f.get("day" + day + "_full_auc");
      assertTrue(inc != null && full != null, "day " + day + " figures in " + f);
      assertTrue(inc > 0.5 && inc <= 1, "day" + day + "_incremental_auc=" + inc);
      // one pass over days 1..N in day order is the base model plus the updates, step for step:
      // a warm start that lost any state would differ
      assertEquals(full, inc, 0.0, "day " + day);
    }
    double ratio = f.get("incremental_time_ratio");
    // on a world this small fixed costs (trainer, checkpoint files) dominate: no bound on the ratio
    assertTrue(ratio > 0 && Double.isFinite(ratio), "incremental_time_ratio=" + ratio);
    Checkpoint last = Checkpoint.read(work.resolve("checkpoints").resolve("day-004"));
    assertTrue(last.schema().isPresent(), "the checkpoint keeps the feature schema");
    assertTrue(last.step() > 0);
    assertTrue(Files.isDirectory(work.resolve("checkpoints").resolve("day-001")), "base");
  }
}
