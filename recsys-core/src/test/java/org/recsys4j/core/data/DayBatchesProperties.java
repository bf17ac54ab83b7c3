package org.recsys4j.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The day rule on random days: every pass is a permutation of each day's rows kept inside the day,
 * in day order, in batches of at most B that never mix days; passes are functions of (seed, epoch).
 */
@PropertyDefaults(tries = 60)
class DayBatchesProperties {

  /** Day {@code d} of {@code n} rows in batches of {@code per}; ids = (global row, day). */
  private static List<TrainingBatch> day(int d, int first, int n, int per) {
    List<TrainingBatch> out = new ArrayList<>();
    for (int s = 0; s < n; s += per) {
      int k = Math.min(per, n - s);
      int[] ids = new int[2 * k];
      float[] y = new float[k];
      for (int i = 0; i < k; i++) {
        ids[2 * i] = first + s + i;
        ids[2 * i + 1] = d;
        y[i] = (first + s + i) % 2;
      }
      out.add(TrainingBatch.of(EncodedBatch.of(k, Map.of("ids", ids), Map.of()), "click", y));
    }
    return out;
  }

  private static List<int[]> pass(BatchSource s, int epoch) {
    List<int[]> rows = new ArrayList<>();
    try (BatchStream st = s.open(epoch)) {
      for (TrainingBatch b; (b = st.next()) != null; ) {
        assertTrue(b.size() >= 1 && b.size() <= s.batchSize());
        int[] ids = b.inputs().ints("ids");
        for (int i = 0; i < b.size(); i++) {
          assertEquals(ids[1], ids[2 * i + 1], "a batch never mixes days");
          assertEquals(ids[2 * i] % 2, (int) b.labels().get("click")[i], "label travels with row");
          rows.add(new int[] {ids[2 * i], ids[2 * i + 1]});
        }
      }
    }
    return rows;
  }

  @Property
  void passesPermuteRowsWithinDays(
      @ForAll @Size(min = 1, max = 4) List<@IntRange(min = 1, max = 40) Integer> daySizes,
      @ForAll @IntRange(min = 1, max = 17) int stored,
      @ForAll @IntRange(min = 1, max = 17) int batchSize,
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 3) int epoch,
      @ForAll boolean shuffle) {
    List<List<TrainingBatch>> days = new ArrayList<>();
    int[] firstOfDay = new int[daySizes.size() + 1];
    for (int d = 0; d < daySizes.size(); d++) {
      days.add(day(d, firstOfDay[d], daySizes.get(d), stored));
      firstOfDay[d + 1] = firstOfDay[d] + daySizes.get(d);
    }
    BatchSource s =
        MemoryBatchSource.ofDays(
            days, batchSize, shuffle ? Shuffle.WITHIN_DAY : Shuffle.NONE, seed);
    List<int[]> rows = pass(s, epoch);
    assertEquals(firstOfDay[daySizes.size()], rows.size());
    boolean[] seen = new boolean[rows.size()];
    int lastDay = 0;
    for (int i = 0; i < rows.size(); i++) {
      int row = rows.get(i)[0];
      int d = rows.get(i)[1];
      assertTrue(d >= lastDay, "days in time order");
      lastDay = d;
      assertTrue(row >= firstOfDay[d] && row < firstOfDay[d + 1], "row stays in its day");
      assertTrue(!seen[row], "row " + row + " once");
      seen[row] = true;
      if (!shuffle) {
        assertEquals(i, row, "stored order");
      }
    }
    List<int[]> again = pass(s, epoch);
    for (int i = 0; i < rows.size(); i++) {
      assertEquals(rows.get(i)[0], again.get(i)[0], "a pass is a function of (seed, epoch)");
    }
  }
}
