package org.recsys4j.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Memory sources, the within-day shuffle, the validation slice, layout errors and prefetching. Each
 * row carries its own global index in {@code ids} (width 2: index, day) and in the label's
 * neighbour {@code dense}, so every test can tell exactly which row went where.
 */
class BatchSourceTest {

  /** Day {@code d} holds rows {@code first..first+n-1}, in batches of {@code per}. */
  private static List<TrainingBatch> day(int d, int first, int n, int per) {
    List<TrainingBatch> out = new ArrayList<>();
    for (int s = 0; s < n; s += per) {
      int k = Math.min(per, n - s);
      int[] ids = new int[2 * k];
      float[] dense = new float[k];
      float[] y = new float[k];
      for (int i = 0; i < k; i++) {
        ids[2 * i] = first + s + i;
        ids[2 * i + 1] = d;
        dense[i] = first + s + i;
        y[i] = (first + s + i) % 2;
      }
      out.add(
          TrainingBatch.of(
              EncodedBatch.of(k, Map.of("ids", ids), Map.of("dense", dense)), "click", y));
    }
    return out;
  }

  private static List<List<TrainingBatch>> threeDays() {
    return List.of(day(0, 0, 25, 10), day(1, 25, 17, 4), day(2, 42, 30, 30));
  }

  /** Row indices of one pass, checking that ids, dense and label travel together. */
  private static List<Integer> pass(BatchSource s, int epoch, List<Integer> days) {
    List<Integer> rows = new ArrayList<>();
    try (BatchStream st = s.open(epoch)) {
      for (TrainingBatch b; (b = st.next()) != null; ) {
        assertTrue(b.size() <= s.batchSize());
        int[] ids = b.inputs().ints("ids");
        int day = ids[1];
        for (int i = 0; i < b.size(); i++) {
          assertEquals(ids[2 * i], (int) b.inputs().floats("dense")[i]);
          assertEquals(ids[2 * i] % 2, (int) b.labels().get("click")[i]);
          assertEquals(day, ids[2 * i + 1], "a batch never mixes days");
          rows.add(ids[2 * i]);
          days.add(ids[2 * i + 1]);
        }
      }
      assertNull(st.next());
    }
    return rows;
  }

  @Test
  void shuffleWithinDayKeepsDayOrderAndIsSeeded() {
    BatchSource s = MemoryBatchSource.ofDays(threeDays(), 8, Shuffle.WITHIN_DAY, 42);
    assertEquals(72, s.rows());
    List<Integer> days = new ArrayList<>();
    List<Integer> e0 = pass(s, 0, days);
    for (int i = 1; i < days.size(); i++) {
      assertTrue(days.get(i) >= days.get(i - 1), "days stay in time order: " + days);
    }
    assertEquals(72, e0.size());
    assertEquals(72, e0.stream().distinct().count(), "every row exactly once");
    assertNotEquals(range(0, 72), e0, "rows are shuffled");
    assertEquals(e0, pass(s, 0, new ArrayList<>()), "same seed and epoch: same order");
    assertNotEquals(e0, pass(s, 1, new ArrayList<>()), "another epoch: another order");
    assertNotEquals(
        e0,
        pass(
            MemoryBatchSource.ofDays(threeDays(), 8, Shuffle.WITHIN_DAY, 43),
            0,
            new ArrayList<>()));
  }

  @Test
  void noShufflePassesBatchesThrough() {
    List<List<TrainingBatch>> d = threeDays();
    BatchSource s = MemoryBatchSource.ofDays(d, 30, Shuffle.NONE, 0);
    try (BatchStream st = s.open(0)) {
      assertSame(d.get(0).get(0), st.next());
    }
    assertEquals(range(0, 72), pass(s, 3, new ArrayList<>()));
    assertEquals(
        range(0, 72), pass(MemoryBatchSource.ofDays(d, 7, Shuffle.NONE, 0), 0, new ArrayList<>()));
  }

  @Test
  void validationSliceIsTheLastRowsByTime() {
    ValidationSplit split =
        MemoryBatchSource.ofDays(threeDays(), 8, Shuffle.WITHIN_DAY, 1).lastByTime(0.5);
    assertEquals(36, split.train().rows());
    assertEquals(36, split.validation().rows());
    List<Integer> train = pass(split.train(), 0, new ArrayList<>());
    train.sort(null);
    assertEquals(range(0, 36), train);
    assertEquals(range(36, 72), pass(split.validation(), 0, new ArrayList<>()));
  }

  @Test
  void malformedBatchesAreNamedErrors() {
    List<TrainingBatch> bad = new ArrayList<>(day(0, 0, 10, 10));
    bad.add(
        TrainingBatch.of(
            EncodedBatch.of(2, Map.of("ids", new int[6]), Map.of("dense", new float[2])),
            "click",
            new float[2]));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> MemoryBatchSource.ofDays(List.of(bad), 8, Shuffle.NONE, 0));
    assertTrue(e.getMessage().contains("day 0 batch 1: input 'ids' length=6"), e.getMessage());

    List<TrainingBatch> label = new ArrayList<>(day(0, 0, 10, 10));
    label.get(0).labels().get("click")[3] = 1.5f;
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> MemoryBatchSource.ofDays(List.of(label), 8, Shuffle.NONE, 0));
    assertTrue(e.getMessage().contains("row 3: label click=1.5 must be in [0,1]"), e.getMessage());

    BatchLayout schema = new BatchLayout(Map.of("ids", 3), Map.of("dense", 1), List.of("click"));
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> MemoryBatchSource.of(day(0, 0, 10, 10), 8).withLayout("train", schema));
    assertTrue(e.getMessage().startsWith("train day 0 batch 0: input 'ids'"), e.getMessage());
  }

  @Test
  void prefetchYieldsTheSameBatchesAndForwardsErrors() {
    BatchSource s = MemoryBatchSource.ofDays(threeDays(), 8, Shuffle.WITHIN_DAY, 5);
    BatchSource p = BatchSources.prefetch(s, 2);
    assertEquals(pass(s, 2, new ArrayList<>()), pass(p, 2, new ArrayList<>()));
    // stopping early releases the thread
    try (BatchStream st = p.open(0)) {
      assertArrayEquals(s.open(0).next().inputs().ints("ids"), st.next().inputs().ints("ids"));
    }
    BatchSource failing =
        new BatchSource() {
          @Override
          public int batchSize() {
            return 8;
          }

          @Override
          public long rows() {
            return -1;
          }

          @Override
          public BatchLayout layout() {
            return s.layout();
          }

          @Override
          public String name() {
            return "failing";
          }

          @Override
          public BatchStream open(int epoch) {
            BatchStream inner = s.open(epoch);
            return new BatchStream() {
              int n;

              @Override
              public TrainingBatch next() {
                if (++n == 3) {
                  throw new IllegalArgumentException("failing batch 2: broken");
                }
                return inner.next();
              }

              @Override
              public void close() {}
            };
          }
        };
    try (BatchStream st = BatchSources.prefetch(failing, 4).open(0)) {
      st.next();
      st.next();
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, st::next);
      assertEquals("failing batch 2: broken", e.getMessage());
    }
  }

  private static List<Integer> range(int from, int to) {
    List<Integer> r = new ArrayList<>();
    for (int i = from; i < to; i++) {
      r.add(i);
    }
    return r;
  }
}
