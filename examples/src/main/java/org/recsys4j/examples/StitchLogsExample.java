package org.recsys4j.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.recsys4j.features.logs.BadInput;
import org.recsys4j.features.logs.LogFiles;
import org.recsys4j.features.logs.LogMapping;
import org.recsys4j.features.logs.LogPipeline;
import org.recsys4j.features.logs.PipelineReport;
import org.recsys4j.features.logs.StitchConfig;
import org.recsys4j.features.logs.TrainingDays;

/**
 * Runs the whole log path on a user's files: read exposure, click and order logs under a mapping,
 * stitch them day by day, add click histories, write labelled rows as one Arrow file per day with
 * {@code stitch-report.json}, then shuffle each day (seeded) into {@code <out>/shuffled}.
 *
 * <pre>
 * StitchLogsExample --exposures exposures.csv.gz --clicks clicks.tsv --orders orders.csv \
 *     --mapping mapping.json --out data/ [--stitch stitch.json] [--seed 7]
 * </pre>
 *
 * {@code --exposures}, {@code --clicks} and {@code --orders} may be repeated (files read in the
 * order given, e.g. one per day). {@code --stitch} is a {@code StitchConfig} JSON (default {@code
 * StitchConfig.defaults()}). See {@code docs/stitching.md} for the mapping.
 */
public final class StitchLogsExample {
  private StitchLogsExample() {}

  /** Runs the example. */
  public static void main(String[] args) throws IOException {
    List<Path> exposures = new ArrayList<>();
    List<Path> clicks = new ArrayList<>();
    List<Path> orders = new ArrayList<>();
    Path mapping = null;
    Path out = null;
    StitchConfig config = StitchConfig.defaults();
    long seed = 7;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--exposures" -> exposures.add(Path.of(args[++i]));
        case "--clicks" -> clicks.add(Path.of(args[++i]));
        case "--orders" -> orders.add(Path.of(args[++i]));
        case "--mapping" -> mapping = Path.of(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--stitch" -> config = StitchConfig.fromJson(Files.readString(Path.of(args[++i])));
        case "--seed" -> seed = Long.parseLong(args[++i]);
        default ->
            throw new IllegalArgumentException(
                "unknown argument "
                    + args[i]
                    + "; usage: --exposures F --clicks F --orders F --mapping F --out DIR"
                    + " [--stitch F] [--seed N]");
      }
    }
    if (exposures.isEmpty() || mapping == null || out == null) {
      throw new IllegalArgumentException(
          "--exposures, --mapping and --out are required; usage: --exposures F --clicks F"
              + " --orders F --mapping F --out DIR [--stitch F] [--seed N]");
    }
    PipelineReport report =
        run(new LogFiles(exposures, clicks, orders), LogMapping.read(mapping), config, out, seed);
    System.out.println(summary(report));
  }

  /**
   * Stitches {@code files} into {@code out} and shuffles each day into {@code out/shuffled}.
   *
   * @return the pipeline's report
   * @throws IOException if a file cannot be read or written
   */
  public static PipelineReport run(
      LogFiles files, LogMapping mapping, StitchConfig config, Path out, long seed)
      throws IOException {
    PipelineReport report = LogPipeline.run(files, mapping, config, out);
    TrainingDays.shuffleWithinDays(out, out.resolve("shuffled"), seed);
    return report;
  }

  /** The report's headline figures, one {@code name=value} per line. */
  static String summary(PipelineReport r) {
    StringBuilder b = new StringBuilder();
    b.append("rows=").append(r.rowsWritten()).append('\n');
    b.append("clicks=").append(r.clicks()).append('\n');
    b.append("conversions=").append(r.conversions()).append('\n');
    b.append("gmv=").append(r.gmv()).append('\n');
    b.append("late_clicks=").append(r.stitch().lateClicks()).append('\n');
    b.append("duplicate_clicks=").append(r.stitch().duplicateClicks()).append('\n');
    b.append("day_files=").append(r.days().size()).append('\n');
    for (Map.Entry<BadInput, PipelineReport.BadInputCount> e : r.badInput().entrySet()) {
      b.append("bad_")
          .append(e.getKey().name().toLowerCase(java.util.Locale.ROOT))
          .append('=')
          .append(e.getValue().count())
          .append(' ')
          .append(e.getValue().firstLocations())
          .append('\n');
    }
    b.append("report=").append(LogPipeline.REPORT_FILE);
    return b.toString();
  }
}
