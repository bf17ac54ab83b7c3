package org.recsys4j.features.logs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.recsys4j.core.Check;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * From a user's own log files to training data: reads exposure, click and order logs under a {@link
 * LogMapping}, stitches them day by day under a {@link StitchConfig} with memory bounded by the
 * attribution window, adds each exposure's click history, and writes labelled rows as one Arrow IPC
 * file per day ({@link LabeledRowFiles}) plus {@value #REPORT_FILE} ({@link PipelineReport}).
 *
 * <pre>{@code
 * LogMapping mapping = LogMapping.read(Path.of("mapping.json"));
 * PipelineReport report = LogPipeline.run(
 *     LogFiles.of(Path.of("exposures.csv.gz"), Path.of("clicks.csv"), Path.of("orders.csv")),
 *     mapping, StitchConfig.defaults(), Path.of("out"));
 * }</pre>
 *
 * <p>Input order: each log is read in file order and must be grouped by UTC day (days
 * non-decreasing; order within a day is free), as logs partitioned by event time are. A row of an
 * earlier day met after a later one joins the current batch (its exposure may then be emitted with
 * fewer rows; the day file gets a further part). Days are UTC calendar days.
 *
 * <p>Bad input (see {@link BadInput}) is counted under {@code SKIP_AND_COUNT} or thrown as {@link
 * BadLogInputException} under {@code FAIL_FAST}; a mapped column missing from a file's header is
 * always an {@link IllegalArgumentException} naming the file and its columns.
 */
public final class LogPipeline {
  /** Name of the report written beside the day files. */
  public static final String REPORT_FILE = "stitch-report.json";

  /** Rows per Arrow record batch in the day files. */
  public static final int BATCH_SIZE = 65_536;

  private static final Logger LOG = LoggerFactory.getLogger(LogPipeline.class);

  private LogPipeline() {}

  /**
   * Runs the pipeline.
   *
   * @return the report, also written to {@code outDir/}{@value #REPORT_FILE}
   * @throws IOException if a file cannot be read or written (naming it)
   * @throws BadLogInputException under {@code FAIL_FAST}, at the first bad row
   * @throws IllegalArgumentException if a mapped column is missing from a file
   */
  public static PipelineReport run(
      LogFiles files, LogMapping mapping, StitchConfig config, Path outDir) throws IOException {
    Check.notNull("files", files);
    Check.notNull("mapping", mapping);
    Check.notNull("config", config);
    Check.notNull("outDir", outDir);
    BadInputCounter bad = new BadInputCounter(mapping.errorPolicy());
    AttributeRow.Schema schema = new AttributeRow.Schema(mapping.exposures().attributes());
    EventStitcher stitcher =
        new EventStitcher(
            config, mapping.historyLength(), schema, mapping.historyAttributes(), bad);
    long clicks = 0;
    long conversions = 0;
    double gmv = 0;
    List<PipelineReport.DayCount> dayCounts = new ArrayList<>();
    Peek<ExposureEvent> exposures =
        new Peek<>(files.exposures(), p -> LogEventReader.exposures(p, mapping.exposures(), bad));
    Peek<ClickEvent> clickLog =
        new Peek<>(files.clicks(), p -> LogEventReader.clicks(p, mapping.clicks(), bad));
    Peek<OrderEvent> orderLog =
        new Peek<>(files.orders(), p -> LogEventReader.orders(p, mapping.orders(), bad));
    try (exposures;
        clickLog;
        orderLog;
        LabeledRowFiles.Writer writer =
            new LabeledRowFiles.Writer(outDir, schema, mapping.historyAttributes(), BATCH_SIZE)) {
      int lastDay = Integer.MIN_VALUE;
      List<ClickEvent> dayClicks = new ArrayList<>();
      List<OrderEvent> dayOrders = new ArrayList<>();
      long[] out = new long[3]; // rows, clicks, conversions
      double[] gmvSum = new double[1];
      java.util.function.Consumer<LabeledRow> sink =
          r -> {
            try {
              writer.write(r);
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
            out[0]++;
            out[1] += r.click() ? 1 : 0;
            out[2] += r.conversion() ? 1 : 0;
            gmvSum[0] += r.orderAmount();
          };
      try {
        while (true) {
          ExposureEvent first = exposures.peek();
          boolean last = first == null;
          int batchDay =
              last
                  ? lastDay + 1
                  : Math.max(
                      LabeledRow.dayOf(first.timeMillis()),
                      lastDay == Integer.MIN_VALUE ? Integer.MIN_VALUE : lastDay + 1);
          // The day's exposures stream into the stitcher; its clicks and orders (a few per cent
          // of the rows) are read first, since their files are separate streams.
          while (clickLog.peek() != null
              && (last || LabeledRow.dayOf(clickLog.peek().timeMillis()) <= batchDay)) {
            dayClicks.add(clickLog.take());
          }
          while (orderLog.peek() != null
              && (last || LabeledRow.dayOf(orderLog.peek().timeMillis()) <= batchDay)) {
            dayOrders.add(orderLog.take());
          }
          long before = out[0];
          stitcher.accept(
              batchDay,
              exposures.untilDay(batchDay),
              exposures.source(),
              dayClicks,
              clickLog.source(),
              dayOrders,
              orderLog.source(),
              sink);
          if (last) {
            stitcher.finish(clickLog.source(), orderLog.source(), sink);
          }
          long oldest = stitcher.oldestOpenMillis();
          writer.closeDaysBefore(
              oldest == Long.MAX_VALUE
                  ? batchDay + 1
                  : Math.min(batchDay + 1, LabeledRow.dayOf(oldest)));
          LOG.debug(
              "day {}: {} clicks, {} orders in; {} rows out; {} open",
              batchDay,
              dayClicks.size(),
              dayOrders.size(),
              out[0] - before,
              stitcher.openExposures());
          dayClicks.clear();
          dayOrders.clear();
          lastDay = batchDay;
          if (last) {
            break;
          }
        }
      } catch (java.io.UncheckedIOException e) {
        throw e.getCause();
      }
      clicks = out[1];
      conversions = out[2];
      gmv = gmvSum[0];
      writer.finishAll();
      dayCounts.addAll(writer.dayCounts());
      PipelineReport report =
          new PipelineReport(
              exposures.rows(),
              clickLog.rows(),
              orderLog.rows(),
              writer.rows(),
              clicks,
              conversions,
              gmv,
              stitcher.report(),
              bad.snapshot(),
              dayCounts);
      Files.writeString(outDir.resolve(REPORT_FILE), report.toJson());
      LOG.info(
          "stitched {} exposures into {} rows ({} clicks, {} conversions) in {} day files "
              + "under {}; bad input {}",
          report.exposuresRead(),
          report.rowsWritten(),
          clicks,
          conversions,
          dayCounts.size(),
          outDir,
          report.badInput().keySet());
      return report;
    }
  }

  /**
   * Reads and parses every row of the three logs under {@code mapping} without stitching or
   * writing: a check of a mapping against files, and the baseline of {@code bench.StitchBench}.
   *
   * @return a report with the rows read and the bad input met while parsing (no rows written, the
   *     stitch counts zero)
   * @throws IOException if a file cannot be read
   * @throws BadLogInputException under {@code FAIL_FAST}, at the first bad row
   */
  public static PipelineReport scan(LogFiles files, LogMapping mapping) throws IOException {
    Check.notNull("files", files);
    Check.notNull("mapping", mapping);
    BadInputCounter bad = new BadInputCounter(mapping.errorPolicy());
    long[] read = new long[3];
    try (Peek<ExposureEvent> e =
        new Peek<>(files.exposures(), p -> LogEventReader.exposures(p, mapping.exposures(), bad))) {
      while (e.peek() != null) {
        e.take();
      }
      read[0] = e.rows();
    }
    try (Peek<ClickEvent> c =
        new Peek<>(files.clicks(), p -> LogEventReader.clicks(p, mapping.clicks(), bad))) {
      while (c.peek() != null) {
        c.take();
      }
      read[1] = c.rows();
    }
    try (Peek<OrderEvent> o =
        new Peek<>(files.orders(), p -> LogEventReader.orders(p, mapping.orders(), bad))) {
      while (o.peek() != null) {
        o.take();
      }
      read[2] = o.rows();
    }
    return new PipelineReport(
        read[0], read[1], read[2], 0, 0, 0, 0.0, StitchReport.empty(), bad.snapshot(), List.of());
  }

  /** Opens one log file. */
  @FunctionalInterface
  private interface Opener<E> {
    LogEventReader<E> open(Path path) throws IOException;
  }

  private static long timeOf(Object event) {
    if (event instanceof ExposureEvent e) {
      return e.timeMillis();
    }
    if (event instanceof ClickEvent c) {
      return c.timeMillis();
    }
    return ((OrderEvent) event).timeMillis();
  }

  /** Reads the files of one log one after another, with one event of look-ahead. */
  private static final class Peek<E> implements AutoCloseable {
    private final List<Path> paths;
    private final Opener<E> opener;
    private int nextPath;
    private LogEventReader<E> reader;
    private String source = "";
    private E head;
    private long rows;

    Peek(List<Path> paths, Opener<E> opener) throws IOException {
      this.paths = paths;
      this.opener = opener;
      advance();
    }

    E peek() {
      return head;
    }

    E take() throws IOException {
      E out = head;
      advance();
      return out;
    }

    String source() {
      return source;
    }

    /** The events from here while their day is at most {@code day}. */
    java.util.Iterator<E> untilDay(int day) {
      return new java.util.Iterator<>() {
        @Override
        public boolean hasNext() {
          return head != null && LabeledRow.dayOf(timeOf(head)) <= day;
        }

        @Override
        public E next() {
          if (!hasNext()) {
            throw new java.util.NoSuchElementException();
          }
          try {
            return take();
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }
      };
    }

    long rows() {
      return rows;
    }

    private void advance() throws IOException {
      head = null;
      while (true) {
        if (reader != null) {
          head = reader.next();
          if (head != null) {
            rows++;
            return;
          }
          reader.close();
          reader = null;
        }
        if (nextPath >= paths.size()) {
          return;
        }
        reader = opener.open(paths.get(nextPath++));
        source = reader.source();
      }
    }

    @Override
    public void close() throws IOException {
      if (reader != null) {
        reader.close();
        reader = null;
      }
    }
  }
}
