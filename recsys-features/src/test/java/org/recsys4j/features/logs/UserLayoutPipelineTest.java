package org.recsys4j.features.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.core.spec.CategoricalSpec;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.core.spec.NumericSpec;
import org.recsys4j.core.spec.SequenceSpec;
import org.recsys4j.features.encode.FeatureEncoder;

/**
 * Log files in a user's own layout (other column names and orders, ISO timestamps with and without
 * offsets, epoch seconds, extra attribute columns, an unmapped column, a gzip file) are stitched,
 * and every label, amount and history is checked against an expectation derived by hand in the
 * comments below (defaults: clicks within 30 min, orders within 24 h of the click, no skew).
 */
class UserLayoutPipelineTest {
  @TempDir Path dir;

  private Path exposures;
  private Path clicks;
  private Path orders;

  static LogMapping mapping() {
    return LogMapping.of(
            LogColumns.exposures(
                "req_id",
                "shown_at",
                TimeFormat.ISO_8601,
                "uid",
                "sku",
                "slot",
                List.of(AttributeColumn.ofString("brand"), AttributeColumn.ofDouble("price"))),
            LogColumns.of("req_id", "clicked_at", TimeFormat.ISO_8601),
            LogColumns.of("req_id", "order_ts", TimeFormat.EPOCH_SECONDS).withAmount("value"))
        .withHistory(2, List.of("brand"));
  }

  private static long sec(String iso) {
    return Instant.parse(iso).getEpochSecond();
  }

  @BeforeEach
  void writeLogs() throws IOException {
    exposures = dir.resolve("exposures.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(exposures))) {
      out.write(
          String.join(
                  "\n",
                  "req_id,shown_at,uid,sku,slot,brand,price,campaign", // line 1
                  "r1,2024-03-01T10:00:00Z,u1,A,0,acme,9.5,x", // 2
                  "r2,2024-03-01T10:00:00Z,u1,B,1,bolt,20,x", // 3
                  "r3,2024-03-01 10:20:00,u2,A,0,acme,9.5,y", // 4: no offset = UTC, space separator
                  "r4,2024-03-01T11:00:00Z,u1,C,0,acme,,x", // 5: price missing
                  "r5,2024-03-01T23:50:00Z,u2,D,2,core,5,y", // 6
                  "r6,2024-03-02T09:00:00Z,u1,E,0,bolt,7.25,x", // 7
                  "r7,2024-03-02T10:30:00+01:00,u2,A,1,acme,9.5,y", // 8: 09:30Z
                  "r10,2024-03-02T09:10:00Z,u1,B,1,bolt,20,x", // 9
                  "r2,2024-03-02T09:40:00Z,u3,F,0,zed,1,x", // 10: DUPLICATE_TRACE_ID
                  "r8,yesterday,u3,G,0,zed,1,x", // 11: BAD_TIME
                  "r9,2024-03-02T12:00:00Z,,H,0,zed,1,x", // 12: MISSING_VALUE (user)
                  "r11,2024-03-02T12:00:00Z,u3,H,0,zed,cheap,x") // 13: BAD_VALUE (price)
              .getBytes(StandardCharsets.UTF_8));
    }
    clicks = dir.resolve("clicks.tsv");
    Files.writeString(
        clicks,
        String.join(
            "\n",
            "device\tclicked_at\treq_id", // 1
            "app\t2024-03-01T10:01:00Z\tr1", // 2: r1 clicked
            "app\t2024-03-01T10:01:03Z\tr1", // 3: duplicate
            "web\t2024-03-01T11:15:00+01:00\tr2", // 4: 10:15Z, r2 clicked
            "app\t2024-03-01T10:25:00Z\tr3", // 5: r3 clicked
            "app\t2024-03-01T11:40:00Z\tr4", // 6: 40 min after r4: late
            "app\t2024-03-01T12:00:00Z\tr99", // 7: UNKNOWN_TRACE_ID_CLICK
            "web\t2024-03-01T23:55:00Z\tr5", // 8: r5 clicked
            "app\t2024-03-02T09:05:00Z\tr6", // 9: r6 clicked
            "app\t2024-03-02T09:20:00Z\tr7", // 10: before r7 (09:30Z): CLICK_BEFORE_EXPOSURE
            ""));
    orders = dir.resolve("orders.csv");
    Files.writeString(
        orders,
        String.join(
            "\n",
            "order_ts,req_id,value", // 1
            sec("2024-03-01T10:30:00Z") + ",r1,19.0", // 2: r1 converts, 19.0
            sec("2024-03-01T10:20:30Z") + ",r3,4.0", // 3: before r3's click: ORDER_BEFORE_CLICK
            sec("2024-03-01T11:30:00Z") + ",r4,3.0", // 4: r4 not clicked: order without click
            sec("2024-03-02T00:10:00Z") + ",r5,5.5", // 5: r5 converts across midnight, 5.5
            sec("2024-03-02T10:00:00Z") + ",r6,abc", // 6: BAD_VALUE
            ""));
  }

  private Map<String, LabeledRow> byTrace(Path out) throws IOException {
    Map<String, LabeledRow> m = new HashMap<>();
    for (LabeledRowFiles.DayFile f : LabeledRowFiles.list(out)) {
      for (LabeledRow r : LabeledRowFiles.readAll(f.path())) {
        m.put(r.user() + "/" + r.item() + "@" + Instant.ofEpochMilli(r.timeMillis()), r);
      }
    }
    return m;
  }

  private static void assertRow(
      LabeledRow r,
      boolean click,
      boolean conversion,
      double amount,
      List<String> items,
      List<Object> brands) {
    assertEquals(click, r.click(), "click of " + r.traceId());
    assertEquals(conversion, r.conversion(), "conversion of " + r.traceId());
    assertEquals(amount, r.orderAmount(), 0.0, "amount of " + r.traceId());
    assertEquals(items, r.history().items(), "history of " + r.traceId());
    assertEquals(brands, r.get("history_brand"), "history brands of " + r.traceId());
  }

  @Test
  void everyLabelAndHistoryMatchesTheHandDerivedExpectation() throws IOException {
    Path out = dir.resolve("out");
    PipelineReport report =
        LogPipeline.run(
            LogFiles.of(exposures, clicks, orders), mapping(), StitchConfig.defaults(), out);

    Map<String, LabeledRow> rows = byTrace(out);
    assertEquals(8, rows.size(), rows.keySet().toString());
    // r1: clicked 10:01, ordered 10:30 for 19.0; u1 had no click before 10:00.
    assertRow(rows.get("u1/A@2024-03-01T10:00:00Z"), true, true, 19.0, List.of(), List.of());
    // r2: clicked 10:15 (within 30 min), no order.
    assertRow(rows.get("u1/B@2024-03-01T10:00:00Z"), true, false, 0.0, List.of(), List.of());
    // r3: clicked 10:25; its order at 10:20:30 precedes the click, so no conversion.
    assertRow(rows.get("u2/A@2024-03-01T10:20:00Z"), true, false, 0.0, List.of(), List.of());
    // r4: click 40 min later is late; the order is an order without click. History of u1 before
    // 11:00: A (10:01), B (10:15).
    LabeledRow r4 = rows.get("u1/C@2024-03-01T11:00:00Z");
    assertRow(r4, false, false, 0.0, List.of("A", "B"), List.of("acme", "bolt"));
    assertNull(r4.get("price"), "missing price is null");
    // r5: clicked 23:55, ordered 00:10 the next day for 5.5. u2 before 23:50: A (10:25).
    assertRow(
        rows.get("u2/D@2024-03-01T23:50:00Z"), true, true, 5.5, List.of("A"), List.of("acme"));
    // r6: clicked 09:05. u1 before 09:00: A, B (the late click on C never enters the history).
    assertRow(
        rows.get("u1/E@2024-03-02T09:00:00Z"),
        true,
        false,
        0.0,
        List.of("A", "B"),
        List.of("acme", "bolt"));
    // r10: not clicked. u1 before 09:10: the last 2 of A, B, E.
    assertRow(
        rows.get("u1/B@2024-03-02T09:10:00Z"),
        false,
        false,
        0.0,
        List.of("B", "E"),
        List.of("bolt", "bolt"));
    // r7 (10:30+01:00 = 09:30Z): its click at 09:20 precedes it. u2 before: A, D.
    LabeledRow r7 = rows.get("u2/A@2024-03-02T09:30:00Z");
    assertRow(r7, false, false, 0.0, List.of("A", "D"), List.of("acme", "core"));
    assertEquals(1, r7.position());
    assertEquals("acme", r7.get("brand"));
    assertEquals(9.5, r7.get("price"));
    assertNull(r7.get("campaign"), "an unmapped column is not carried");

    assertEquals(
        List.of("2024-03-01.arrow", "2024-03-02.arrow"),
        LabeledRowFiles.list(out).stream().map(f -> f.path().getFileName().toString()).toList());
    assertEquals(
        List.of(
            new PipelineReport.DayCount("2024-03-01", "2024-03-01.arrow", 5, 4),
            new PipelineReport.DayCount("2024-03-02", "2024-03-02.arrow", 3, 1)),
        report.days());

    assertEquals(9, report.exposuresRead()); // 12 rows, 3 unparsable
    assertEquals(9, report.clicksRead());
    assertEquals(4, report.ordersRead());
    assertEquals(8, report.rowsWritten());
    assertEquals(5, report.clicks());
    assertEquals(2, report.conversions());
    assertEquals(24.5, report.gmv(), 0.0);
    StitchReport s = report.stitch();
    assertEquals(new StitchReport(8, 5, 1, 1, 3, 0, 0, 1, 1, 1, 0, 1), s);
    assertEquals(s.clickRows(), report.clicksRead());
    assertEquals(s.orderRows(), report.ordersRead());

    Map<BadInput, PipelineReport.BadInputCount> expected =
        Map.of(
            BadInput.DUPLICATE_TRACE_ID,
            new PipelineReport.BadInputCount(1, List.of("exposures.csv.gz:10")),
            BadInput.BAD_TIME,
            new PipelineReport.BadInputCount(1, List.of("exposures.csv.gz:11")),
            BadInput.MISSING_VALUE,
            new PipelineReport.BadInputCount(1, List.of("exposures.csv.gz:12")),
            // a day's click and order rows are read before its exposures stream in
            BadInput.BAD_VALUE,
            new PipelineReport.BadInputCount(2, List.of("orders.csv:6", "exposures.csv.gz:13")),
            BadInput.UNKNOWN_TRACE_ID_CLICK,
            new PipelineReport.BadInputCount(1, List.of("clicks.tsv:7")),
            BadInput.CLICK_BEFORE_EXPOSURE,
            new PipelineReport.BadInputCount(1, List.of("clicks.tsv:10")),
            BadInput.ORDER_BEFORE_CLICK,
            new PipelineReport.BadInputCount(1, List.of("orders.csv:3")));
    assertEquals(expected, report.badInput());
    String json = Files.readString(out.resolve(LogPipeline.REPORT_FILE));
    assertTrue(json.contains("\"type\" : \"PipelineReport\""), json);
    assertTrue(json.contains("\"clicks.tsv:7\""), json);
  }

  @Test
  void stitchedRowsFeedTheEncoderAsRows() throws IOException {
    Path out = dir.resolve("out");
    LogPipeline.run(
        LogFiles.of(exposures, clicks, orders), mapping(), StitchConfig.defaults(), out);
    FeatureSchema schema =
        FeatureSchema.builder()
            .add(CategoricalSpec.hashed("user").space(64).embeddingDim(2).build())
            .add(CategoricalSpec.hashed("item").space(64).table("item").embeddingDim(2).build())
            .add(CategoricalSpec.hashed("brand").space(16).embeddingDim(2).build())
            .add(NumericSpec.normalized("price").mean(10).std(5).build())
            .add(
                SequenceSpec.builder("history_item")
                    .space(64)
                    .table("item")
                    .maxLen(3)
                    .embeddingDim(2)
                    .build())
            .build();
    FeatureEncoder encoder = FeatureEncoder.of(schema);
    List<LabeledRow> day1 = LabeledRowFiles.readAll(LabeledRowFiles.list(out).get(0).path());
    EncodedBatch batch = encoder.encodeBatch(day1);
    assertEquals(5, batch.size());
    // r4 has no price: one missing value, replaced by the default.
    assertEquals(1, encoder.missingCounts().get("price"));
    // the history mask marks exactly the real history entries: 0, 0, 0, 2, 1 items.
    float[] mask = batch.floats("history_item" + FeatureEncoder.MASK_SUFFIX);
    float[] perRow = new float[5];
    for (int b = 0; b < 5; b++) {
      for (int t = 0; t < 3; t++) {
        perRow[b] += mask[b * 3 + t];
      }
    }
    Map<Long, Float> lengths = new HashMap<>();
    for (int b = 0; b < 5; b++) {
      lengths.put(day1.get(b).timeMillis(), perRow[b]);
    }
    assertEquals(2f, lengths.get(Instant.parse("2024-03-01T11:00:00Z").toEpochMilli()));
    assertEquals(1f, lengths.get(Instant.parse("2024-03-01T23:50:00Z").toEpochMilli()));
    assertEquals(0f, lengths.get(Instant.parse("2024-03-01T10:20:00Z").toEpochMilli()));
  }

  @Test
  void failFastNamesTheFirstBadRow() {
    Path out = dir.resolve("out");
    BadLogInputException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            BadLogInputException.class,
            () ->
                LogPipeline.run(
                    LogFiles.of(exposures, clicks, orders),
                    mapping().withErrorPolicy(org.recsys4j.features.io.ErrorPolicy.FAIL_FAST),
                    StitchConfig.defaults(),
                    out));
    // Day 1 is read first: the exposures of 2024-03-01 are clean, the first bad row of that day's
    // batch is the unknown click.
    assertEquals(BadInput.UNKNOWN_TRACE_ID_CLICK, e.kind());
    assertEquals("clicks.tsv", e.source());
    assertEquals(7, e.line());
    assertTrue(e.getMessage().startsWith("clicks.tsv:7: UNKNOWN_TRACE_ID_CLICK"), e.getMessage());
    assertFalse(Files.exists(out.resolve(LogPipeline.REPORT_FILE)));
  }

  @Test
  void aMappedColumnMissingFromTheFileIsANamedError() throws IOException {
    LogMapping wrong =
        LogMapping.of(
            LogColumns.exposures(
                "req_id", "shown_at", TimeFormat.ISO_8601, "user_id", "sku", null, List.of()),
            LogColumns.of("req_id", "clicked_at", TimeFormat.ISO_8601),
            LogColumns.of("req_id", "order_ts", TimeFormat.EPOCH_SECONDS));
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () ->
                LogPipeline.run(
                    LogFiles.of(exposures, clicks, orders),
                    wrong,
                    StitchConfig.defaults(),
                    dir.resolve("out")));
    assertTrue(
        e.getMessage()
            .contains(
                "exposures.csv.gz: mapping user='user_id' must name a "
                    + "column of the file; its columns are [req_id, shown_at, uid"),
        e.getMessage());
  }
}
