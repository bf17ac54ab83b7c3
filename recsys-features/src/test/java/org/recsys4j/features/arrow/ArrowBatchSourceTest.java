package org.recsys4j.features.arrow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recsys4j.core.data.BatchLayout;
import org.recsys4j.core.data.BatchSource;
import org.recsys4j.core.data.BatchSources;
import org.recsys4j.core.data.BatchStream;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.core.data.MemoryBatchSource;
import org.recsys4j.core.data.Shuffle;
import org.recsys4j.core.data.TrainingBatch;

/** Arrow files, one per day, give exactly the batches of the same rows held in memory. */
class ArrowBatchSourceTest {
  @TempDir Path dir;

  private static TrainingBatch batch(int first, int n) {
    int[] ids = new int[2 * n];
    float[] dense = new float[n];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      ids[2 * i] = first + i;
      ids[2 * i + 1] = 1 + (first + i) % 5;
      dense[i] = 0.5f * (first + i);
      y[i] = (first + i) % 3 == 0 ? 1 : 0;
    }
    return TrainingBatch.of(
        EncodedBatch.of(n, Map.of("ids", ids), Map.of("dense", dense)), "click", y);
  }

  private Path write(String name, List<TrainingBatch> day) throws Exception {
    Path p = dir.resolve(name);
    try (BufferAllocator a = new RootAllocator();
        ArrowIpc.Writer w = ArrowIpc.writer(p, a)) {
      for (TrainingBatch b : day) {
        try (ArrowBatch ab = ArrowBatch.from(b.inputs(), b.labels().get("click"), a)) {
          w.write(ab);
        }
      }
      w.commit();
    }
    return p;
  }

  @Test
  void filesGiveTheSameBatchesAsMemory() throws Exception {
    List<List<TrainingBatch>> days =
        List.of(List.of(batch(0, 20), batch(20, 13)), List.of(batch(33, 9), batch(42, 30)));
    List<Path> files = List.of(write("d1.arrow", days.get(0)), write("d2.arrow", days.get(1)));
    BatchSource arrow =
        BatchSources.prefetch(ArrowBatchSource.of(files, "click", 16, Shuffle.WITHIN_DAY, 9), 2);
    BatchSource memory = MemoryBatchSource.ofDays(days, 16, Shuffle.WITHIN_DAY, 9);
    assertEquals(Map.of("ids", 2), arrow.layout().intWidths());
    for (int epoch = 0; epoch < 2; epoch++) {
      int batches = 0;
      try (BatchStream a = arrow.open(epoch);
          BatchStream m = memory.open(epoch)) {
        for (TrainingBatch x; (x = m.next()) != null; batches++) {
          TrainingBatch y = a.next();
          assertArrayEquals(x.inputs().ints("ids"), y.inputs().ints("ids"));
          assertArrayEquals(x.inputs().floats("dense"), y.inputs().floats("dense"));
          assertArrayEquals(x.labels().get("click"), y.labels().get("click"));
        }
        assertNull(a.next());
      }
      assertEquals(3 + 3, batches);
    }
  }

  @Test
  void aFileOfAnotherShapeIsANamedError() throws Exception {
    Path good = write("good.arrow", List.of(batch(0, 8)));
    TrainingBatch wide =
        TrainingBatch.of(
            EncodedBatch.of(2, Map.of("ids", new int[6]), Map.of("dense", new float[2])),
            "click",
            new float[2]);
    Path bad = write("bad.arrow", List.of(wide));
    BatchSource s = ArrowBatchSource.of(List.of(good, bad), "click", 8, Shuffle.NONE, 0);
    List<Integer> sizes = new ArrayList<>();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> {
              try (BatchStream st = s.open(0)) {
                for (TrainingBatch b; (b = st.next()) != null; ) {
                  sizes.add(b.size());
                }
              }
            });
    assertEquals(List.of(8), sizes);
    assertTrue(e.getMessage().contains("bad.arrow batch 0: input 'ids' length=6"), e.getMessage());
    BatchLayout schema = new BatchLayout(Map.of("ids", 3), Map.of("dense", 1), List.of("click"));
    assertThrows(
        IllegalArgumentException.class,
        () -> {
          try (BatchStream st =
              ArrowBatchSource.of(List.of(good), "click", 8, Shuffle.NONE, 0)
                  .withLayout(schema)
                  .open(0)) {
            st.next();
          }
        });
  }
}
