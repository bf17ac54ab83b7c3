package org.recsys4j.features.logs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.recsys4j.core.Check;
import org.recsys4j.core.json.TypedJson;

/**
 * What a {@link LogPipeline} run did: rows read per log, rows written with their positives and GMV,
 * the {@link StitchReport} counts (late, unattributed, duplicate-policy hits), the bad input by
 * kind with its first line numbers, and the day files. Written as {@code stitch-report.json} beside
 * the day files ({@link #toJson()}).
 *
 * @param exposuresRead well-formed exposure rows read
 * @param clicksRead well-formed click rows read
 * @param ordersRead well-formed order rows read
 * @param rowsWritten labelled rows written (one per accepted exposure)
 * @param clicks rows with {@code click=1}
 * @param conversions rows with {@code conversion=1}
 * @param gmv sum of {@code order_amount} over the rows
 * @param stitch the attribution counts (see {@link StitchReport}); its orphan counts are the
 *     unknown-trace-id rows
 * @param badInput bad rows by kind (counted under {@code SKIP_AND_COUNT}), with their first
 *     locations {@code file:line}
 * @param days the day files written, with their row counts
 */
public record PipelineReport(
    long exposuresRead,
    long clicksRead,
    long ordersRead,
    long rowsWritten,
    long clicks,
    long conversions,
    double gmv,
    StitchReport stitch,
    Map<BadInput, BadInputCount> badInput,
    List<DayCount> days) {

  /** The {@code type} of the JSON envelope. */
  public static final String JSON_TYPE = "PipelineReport";

  /** The JSON format version. */
  public static final int JSON_VERSION = 1;

  /** Copies the collections. */
  public PipelineReport {
    Check.notNull("pipelineReport.stitch", stitch);
    badInput = badInput.isEmpty() ? Map.of() : new EnumMap<>(badInput);
    badInput = java.util.Collections.unmodifiableMap(badInput);
    days = List.copyOf(days);
  }

  /** The number of bad rows of {@code kind} (0 if none). */
  public long badInput(BadInput kind) {
    BadInputCount c = badInput.get(kind);
    return c == null ? 0 : c.count();
  }

  /**
   * How often one kind of bad input occurred, and where first.
   *
   * @param count occurrences
   * @param firstLocations up to 5 {@code file:line} locations, in the order met
   */
  public record BadInputCount(long count, List<String> firstLocations) {
    /** Copies the list. */
    public BadInputCount {
      firstLocations = List.copyOf(firstLocations);
    }
  }

  /**
   * One day file.
   *
   * @param date the UTC date, {@code yyyy-MM-dd}
   * @param file the file name
   * @param rows rows in it
   * @param clicks positives in it
   */
  public record DayCount(String date, String file, long rows, long clicks) {}

  /** The report as JSON (type, version, every field; the stitch counts in an object). */
  public String toJson() {
    ObjectNode n = TypedJson.envelope(JSON_TYPE, JSON_VERSION);
    n.put("exposuresRead", exposuresRead);
    n.put("clicksRead", clicksRead);
    n.put("ordersRead", ordersRead);
    n.put("rowsWritten", rowsWritten);
    n.put("clicks", clicks);
    n.put("conversions", conversions);
    n.put("gmv", gmv);
    ObjectNode s = n.putObject("stitch");
    s.put("exposures", stitch.exposures());
    s.put("clicks", stitch.clicks());
    s.put("duplicateClicks", stitch.duplicateClicks());
    s.put("orphanClicks", stitch.orphanClicks());
    s.put("lateClicks", stitch.lateClicks());
    s.put("skewedClicks", stitch.skewedClicks());
    s.put("orders", stitch.orders());
    s.put("duplicateOrders", stitch.duplicateOrders());
    s.put("orphanOrders", stitch.orphanOrders());
    s.put("lateOrders", stitch.lateOrders());
    s.put("skewedOrders", stitch.skewedOrders());
    s.put("ordersWithoutClick", stitch.ordersWithoutClick());
    ObjectNode b = n.putObject("badInput");
    for (Map.Entry<BadInput, BadInputCount> e : badInput.entrySet()) {
      ObjectNode k = b.putObject(e.getKey().name());
      k.put("count", e.getValue().count());
      ArrayNode at = k.putArray("firstLocations");
      e.getValue().firstLocations().forEach(at::add);
    }
    ArrayNode d = n.putArray("days");
    for (DayCount c : days) {
      d.addObject()
          .put("date", c.date())
          .put("file", c.file())
          .put("rows", c.rows())
          .put("clicks", c.clicks());
    }
    return n.toPrettyString();
  }
}
