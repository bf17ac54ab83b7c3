package org.recsys4j.models.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recsys4j.models.train.TableState;
import org.recsys4j.models.train.TrainerState;

/**
 * A process killed with SIGKILL ({@code kill -9}) while it saves checkpoints never leaves one that
 * loads with mixed or partial content: the target holds a complete checkpoint (or, killed between
 * the two renames of a replacement, is absent and the previous one is set aside whole), and every
 * leftover temporary directory either fails to load with a named error or is complete.
 */
class CheckpointCrashTest {
  @TempDir Path root;

  @Test
  void killDashNineDuringSavesNeverLeavesACheckpointThatLoadsWrongly() throws Exception {
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    SplittableRandom r = new SplittableRandom(12);
    for (int round = 0; round < 3; round++) {
      Path dir = root.resolve("round" + round);
      Files.createDirectories(dir);
      Path target = dir.resolve("ckpt");
      Process p =
          new ProcessBuilder(
                  java.toString(), "-cp", cp, CrashingWriter.class.getName(), target.toString())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      try {
        BufferedReader out =
            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine(); // one save done: the next ones replace it
        assertTrue(first != null && first.startsWith("saved "), "writer said: " + first);
        Thread.sleep(r.nextInt(20, 400));
      } finally {
        p.destroyForcibly(); // SIGKILL on Linux
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
      }
      int loaded = 0;
      try (var s = Files.list(dir)) {
        for (Path d : s.toList()) {
          try {
            assertConsistent(Checkpoint.read(d));
            loaded++;
          } catch (IOException e) {
            assertTrue(!d.equals(target), "the target must load: " + e.getMessage());
          }
        }
      }
      if (!Files.exists(target)) {
        String m =
            org.junit.jupiter.api.Assertions.assertThrows(
                    IOException.class, () -> Checkpoint.read(target))
                .getMessage();
        assertTrue(m.contains("the previous checkpoint is at"), m);
      }
      assertTrue(loaded >= 1, "a complete checkpoint survives in " + List.of(dir));
    }
  }

  /** Every value of a checkpoint written by {@link CrashingWriter} equals its step. */
  private static void assertConsistent(Checkpoint c) {
    TrainerState s = c.state();
    float step = s.step();
    assertEquals(step, s.dense().get("bias").values()[0]);
    for (TableState t : s.tables().values()) {
      assertEquals(t.numRows() - 1, t.ids().length, "every row is stored");
      for (float v : t.rows()) {
        if (v != step) {
          throw new AssertionError("value " + v + " in a checkpoint of step " + step);
        }
      }
    }
  }
}
