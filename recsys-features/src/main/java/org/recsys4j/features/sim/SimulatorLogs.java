package org.recsys4j.features.sim;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.recsys4j.core.Check;
import org.recsys4j.features.logs.AttributeColumn;
import org.recsys4j.features.logs.Click;
import org.recsys4j.features.logs.DayLogs;
import org.recsys4j.features.logs.Exposure;
import org.recsys4j.features.logs.LogColumns;
import org.recsys4j.features.logs.LogFiles;
import org.recsys4j.features.logs.LogMapping;
import org.recsys4j.features.logs.LogPipeline;
import org.recsys4j.features.logs.Order;
import org.recsys4j.features.logs.PipelineReport;
import org.recsys4j.features.logs.StitchConfig;
import org.recsys4j.features.logs.TimeFormat;
import org.recsys4j.features.logs.Truth;

/**
 * Writes a {@link FunnelSimulator}'s logs as ordinary log files, so that the simulator is one more
 * producer of files for {@link LogPipeline}, which knows nothing of it.
 *
 * <p>Files (tab-separated with a header, {@code .tsv} or {@code .tsv.gz}), in day order:
 *
 * <ul>
 *   <li>{@code exposures}: {@value #TRACE_ID}, {@value #TIME_MS}, {@value #USER}, {@value #ITEM},
 *       {@value #POSITION}, then the attributes {@code category}, {@code price_bucket}, {@code
 *       hour}, {@code device}, {@code segment} and the oracle columns {@code p_click}, {@code
 *       p_conv}, {@code p_click_without_history}, {@code p_click_unbiased}, which the pipeline
 *       carries through untouched;
 *   <li>{@code clicks}: {@value #TRACE_ID}, {@value #TIME_MS};
 *   <li>{@code orders}: {@value #TRACE_ID}, {@value #TIME_MS}, {@value #AMOUNT}.
 * </ul>
 *
 * {@link #mapping(int)} is the {@link LogMapping} of these files. The simulator's history is the
 * last {@code maxHistoryLength} clicks with their categories; the pipeline rebuilds it from the
 * click log as {@code history_item} and {@code history_category} (identical when {@code burnInDays
 * = 0}, since burn-in clicks are not logged).
 */
public final class SimulatorLogs {
  /** Trace id column. */
  public static final String TRACE_ID = "trace_id";

  /** Time column, epoch milliseconds. */
  public static final String TIME_MS = "ts_ms";

  /** User id column. */
  public static final String USER = "user_id";

  /** Item id column. */
  public static final String ITEM = "item_id";

  /** Slate position column. */
  public static final String POSITION = "slot";

  /** Order amount column. */
  public static final String AMOUNT = "amount";

  /**
   * The oracle's unbiased click probability column: {@code p_click} without the position term (see
   * {@link ClickEffects#unbiasedClickProbability}), the truth a position-debiased model is judged
   * against.
   */
  public static final String P_CLICK_UNBIASED = "p_click_unbiased";

  /** The attribute columns of the exposure file, in order. */
  public static final List<AttributeColumn> ATTRIBUTES =
      List.of(
          AttributeColumn.ofLong("category"),
          AttributeColumn.ofLong("price_bucket"),
          AttributeColumn.ofLong("hour"),
          AttributeColumn.ofString("device"),
          AttributeColumn.ofString("segment"),
          AttributeColumn.ofDouble("p_click"),
          AttributeColumn.ofDouble("p_conv"),
          AttributeColumn.ofDouble("p_click_without_history"),
          AttributeColumn.ofDouble(P_CLICK_UNBIASED));

  private SimulatorLogs() {}

  /**
   * The mapping of the files {@link #write} produces, with histories of {@code historyLength}
   * clicked items and their {@code category}; bad input is counted ({@code SKIP_AND_COUNT}), since
   * the simulator plants orphan rows on purpose.
   */
  public static LogMapping mapping(int historyLength) {
    return LogMapping.of(
            LogColumns.exposures(
                TRACE_ID, TIME_MS, TimeFormat.EPOCH_MILLIS, USER, ITEM, POSITION, ATTRIBUTES),
            LogColumns.of(TRACE_ID, TIME_MS, TimeFormat.EPOCH_MILLIS),
            LogColumns.of(TRACE_ID, TIME_MS, TimeFormat.EPOCH_MILLIS).withAmount(AMOUNT))
        .withHistory(historyLength, List.of("category"));
  }

  /**
   * Runs the simulator's remaining days and writes them to {@code dir} as {@code exposures.tsv},
   * {@code clicks.tsv} and {@code orders.tsv} (with {@code .gz} when {@code gzip}), one day in
   * memory at a time.
   *
   * @return the three files
   * @throws IOException if writing fails
   */
  public static LogFiles write(FunnelSimulator sim, Path dir, boolean gzip) throws IOException {
    Check.notNull("sim", sim);
    Files.createDirectories(Check.notNull("dir", dir));
    String ext = gzip ? ".tsv.gz" : ".tsv";
    Path e = dir.resolve("exposures" + ext);
    Path c = dir.resolve("clicks" + ext);
    Path o = dir.resolve("orders" + ext);
    try (Writer ew = open(e, gzip);
        Writer cw = open(c, gzip);
        Writer ow = open(o, gzip)) {
      ew.write(TRACE_ID + "\t" + TIME_MS + "\t" + USER + "\t" + ITEM + "\t" + POSITION);
      for (AttributeColumn a : ATTRIBUTES) {
        ew.write("\t" + a.name());
      }
      ew.write('\n');
      cw.write(TRACE_ID + "\t" + TIME_MS + "\n");
      ow.write(TRACE_ID + "\t" + TIME_MS + "\t" + AMOUNT + "\n");
      StringBuilder b = new StringBuilder(256);
      ClickEffects click = sim.config().click();
      while (sim.hasNextDay()) {
        DayLogs day = sim.nextDay();
        List<Exposure> exposures = day.exposures();
        for (int i = 0; i < exposures.size(); i++) {
          Exposure x = exposures.get(i);
          Truth t = day.truths().get(i);
          b.setLength(0);
          b.append(x.traceId())
              .append('\t')
              .append(x.timestampMillis())
              .append('\t')
              .append(x.userId())
              .append('\t')
              .append(x.itemId())
              .append('\t')
              .append(x.position())
              .append('\t')
              .append(x.categoryId())
              .append('\t')
              .append(x.priceBucket())
              .append('\t')
              .append(x.hourOfDay())
              .append('\t')
              .append(x.deviceType())
              .append('\t')
              .append(x.userSegment())
              .append('\t')
              .append(t.pClick())
              .append('\t')
              .append(t.pConv())
              .append('\t')
              .append(t.pClickWithoutHistory())
              .append('\t')
              .append(click.unbiasedClickProbability(t.pClick(), x.position()))
              .append('\n');
          ew.append(b);
        }
        for (Click k : day.clicks()) {
          b.setLength(0);
          b.append(k.traceId()).append('\t').append(k.timestampMillis()).append('\n');
          cw.append(b);
        }
        for (Order r : day.orders()) {
          b.setLength(0);
          b.append(r.traceId())
              .append('\t')
              .append(r.timestampMillis())
              .append('\t')
              .append(r.amount())
              .append('\n');
          ow.append(b);
        }
      }
    }
    return LogFiles.of(e, c, o);
  }

  /**
   * The simulator's remaining days to training data in one call: writes the logs to {@code
   * dir/logs} ({@link #write}, uncompressed) and runs {@link LogPipeline#run} on them into {@code
   * dir/rows}, one Arrow file per day with {@code stitch-report.json}; read the rows back with
   * {@link org.recsys4j.features.logs.LabeledRowFiles}.
   *
   * @return the pipeline's report
   * @throws IOException if a file cannot be written or read
   */
  public static PipelineReport writeAndStitch(
      FunnelSimulator sim, Path dir, StitchConfig config, int historyLength) throws IOException {
    Check.notNull("dir", dir);
    LogFiles files = write(sim, dir.resolve("logs"), false);
    return LogPipeline.run(files, mapping(historyLength), config, dir.resolve("rows"));
  }

  private static Writer open(Path path, boolean gzip) throws IOException {
    OutputStream out = Files.newOutputStream(path);
    if (gzip) {
      out = new GZIPOutputStream(out, 1 << 16);
    }
    return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
  }
}
