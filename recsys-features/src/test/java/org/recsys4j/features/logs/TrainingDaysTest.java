package org.recsys4j.features.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingDaysTest {
  private static final long DAY = 86_400_000L;
  @TempDir Path dir;

  private Path writeDays(int days, int perDay) throws IOException {
    Path in = dir.resolve("in");
    AttributeRow.Schema schema = new AttributeRow.Schema(List.of(AttributeColumn.ofLong("k")));
    try (LabeledRowFiles.Writer w = new LabeledRowFiles.Writer(in, schema, List.of(), 7)) {
      long id = 0;
      for (int d = 0; d < days; d++) {
        for (int i = 0; i < perDay; i++) {
          long t = (19_000L + d) * DAY + i * 1000L;
          w.write(
              new LabeledRow(
                  id++,
                  t,
                  "u" + i % 3,
                  "i" + i,
                  i % 5,
                  AttributeRow.of(schema, (long) i),
                  i % 4 == 0,
                  false,
                  0.0,
                  ItemHistory.EMPTY));
        }
      }
    }
    return in;
  }

  @Test
  void splitsWholeDaysByDate() throws IOException {
    Path in = writeDays(4, 3);
    List<LabeledRowFiles.DayFile> files = LabeledRowFiles.list(in);
    assertEquals(4, files.size());
    TimeSplit.Split<LabeledRowFiles.DayFile> split =
        TrainingDays.split(files, LocalDate.ofEpochDay(19_003));
    assertEquals(
        List.of(19_000, 19_001, 19_002),
        split.train().stream().map(LabeledRowFiles.DayFile::day).toList());
    assertEquals(List.of(19_003), split.test().stream().map(LabeledRowFiles.DayFile::day).toList());
  }

  @Test
  void shufflesWithinEachDaySeeded() throws IOException {
    Path in = writeDays(3, 40);
    List<LabeledRowFiles.DayFile> a = TrainingDays.shuffleWithinDays(in, dir.resolve("a"), 9);
    List<LabeledRowFiles.DayFile> b = TrainingDays.shuffleWithinDays(in, dir.resolve("b"), 9);
    List<LabeledRowFiles.DayFile> c = TrainingDays.shuffleWithinDays(in, dir.resolve("c"), 10);
    assertEquals(3, a.size());
    for (int d = 0; d < 3; d++) {
      List<LabeledRow> original = LabeledRowFiles.readAll(LabeledRowFiles.list(in).get(d).path());
      List<LabeledRow> sa = LabeledRowFiles.readAll(a.get(d).path());
      assertEquals(sa, LabeledRowFiles.readAll(b.get(d).path()), "same seed, same order");
      assertNotEquals(sa, LabeledRowFiles.readAll(c.get(d).path()), "another seed");
      assertNotEquals(original, sa, "shuffled");
      List<LabeledRow> sorted = new ArrayList<>(sa);
      sorted.sort(Comparator.comparingLong(LabeledRow::traceId));
      assertEquals(original, sorted, "a permutation of the same day's rows");
    }
  }
}
