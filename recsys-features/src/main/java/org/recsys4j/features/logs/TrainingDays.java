package org.recsys4j.features.logs;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recsys4j.core.Check;

/**
 * Time split and within-day shuffle on the day files of {@link LabeledRowFiles}, so that no model
 * trains on the future and no batch holds one hour of one day.
 *
 * <p>{@link #split} assigns whole days: train is every day before {@code firstTestDay}, test every
 * day from it. {@link #shuffleWithinDays} rewrites each day (all its parts) as one file whose rows
 * are a seeded permutation of that day's rows ({@link Shuffles#withinGroups}: the order of a day
 * depends only on the seed, the day and its row count). It holds one day in memory at a time.
 */
public final class TrainingDays {
  private TrainingDays() {}

  /**
   * Splits day files by date: train {@code < firstTestDay <=} test, each in date order.
   *
   * @throws IllegalArgumentException if an argument is null
   */
  public static TimeSplit.Split<LabeledRowFiles.DayFile> split(
      List<LabeledRowFiles.DayFile> files, LocalDate firstTestDay) {
    Check.notNull("files", files);
    Check.notNull("firstTestDay", firstTestDay);
    List<LabeledRowFiles.DayFile> train = new ArrayList<>();
    List<LabeledRowFiles.DayFile> test = new ArrayList<>();
    for (LabeledRowFiles.DayFile f : files) {
      (f.date().isBefore(firstTestDay) ? train : test).add(f);
    }
    return new TimeSplit.Split<>(train, test);
  }

  /**
   * Writes every day of {@code inDir} to {@code outDir} with its rows shuffled within the day.
   *
   * @return the shuffled day files, in date order
   * @throws IOException if a file cannot be read or written
   * @throws IllegalArgumentException if {@code inDir} equals {@code outDir}
   */
  public static List<LabeledRowFiles.DayFile> shuffleWithinDays(Path inDir, Path outDir, long seed)
      throws IOException {
    Check.notNull("inDir", inDir);
    Check.notNull("outDir", outDir);
    Check.arg(
        !inDir.toAbsolutePath().normalize().equals(outDir.toAbsolutePath().normalize()),
        "outDir",
        outDir,
        "must differ from inDir");
    Map<LocalDate, List<Path>> byDate = new LinkedHashMap<>();
    for (LabeledRowFiles.DayFile f : LabeledRowFiles.list(inDir)) {
      byDate.computeIfAbsent(f.date(), d -> new ArrayList<>()).add(f.path());
    }
    List<LabeledRowFiles.DayFile> out = new ArrayList<>();
    for (Map.Entry<LocalDate, List<Path>> e : byDate.entrySet()) {
      List<LabeledRow> rows = new ArrayList<>();
      for (Path p : e.getValue()) {
        LabeledRowFiles.read(p, rows::add);
      }
      if (rows.isEmpty()) {
        continue;
      }
      List<LabeledRow> shuffled = Shuffles.withinGroups(rows, LabeledRow::day, seed);
      LabeledRow first = shuffled.get(0);
      try (LabeledRowFiles.Writer w =
          new LabeledRowFiles.Writer(
              outDir,
              first.attributes().schema(),
              first.history().attributeNames(),
              LogPipeline.BATCH_SIZE)) {
        for (LabeledRow r : shuffled) {
          w.write(r);
        }
        w.finishAll();
        out.addAll(w.files());
      }
    }
    return out;
  }
}
