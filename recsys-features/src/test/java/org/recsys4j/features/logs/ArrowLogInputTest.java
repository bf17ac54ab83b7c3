package org.recsys4j.features.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An exposure log given as an Arrow IPC file with typed columns (int64 time, utf8 ids). */
class ArrowLogInputTest {
  @TempDir Path dir;

  @Test
  void arrowExposuresWithTypedColumnsAreStitched() throws IOException {
    Path exposures = dir.resolve("exposures.arrow");
    Schema schema =
        new Schema(
            List.of(
                Field.nullable("tid", ArrowType.Utf8.INSTANCE),
                Field.nullable("ms", new ArrowType.Int(64, true)),
                Field.nullable("u", ArrowType.Utf8.INSTANCE),
                Field.nullable("i", new ArrowType.Int(64, true)),
                Field.nullable(
                    "score", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE))));
    try (BufferAllocator a = new RootAllocator();
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, a);
        FileChannel ch =
            FileChannel.open(exposures, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        ArrowFileWriter w = new ArrowFileWriter(root, null, ch)) {
      w.start();
      String[] tids = {"a-1", "a-2", "a-3"};
      long[] ms = {1_000_000, 1_000_000, 1_060_000};
      for (int batch = 0; batch < 2; batch++) { // two batches: row numbers continue
        root.allocateNew();
        int n = batch == 0 ? 2 : 1;
        for (int r = 0; r < n; r++) {
          int k = batch * 2 + r;
          ((VarCharVector) root.getVector("tid"))
              .setSafe(r, tids[k].getBytes(StandardCharsets.UTF_8));
          ((BigIntVector) root.getVector("ms")).setSafe(r, ms[k]);
          ((VarCharVector) root.getVector("u")).setSafe(r, "x".getBytes(StandardCharsets.UTF_8));
          ((BigIntVector) root.getVector("i")).setSafe(r, 10 + k);
          if (k == 1) {
            ((Float8Vector) root.getVector("score")).setNull(r);
          } else {
            ((Float8Vector) root.getVector("score")).setSafe(r, 0.5 * k);
          }
        }
        root.setRowCount(n);
        w.writeBatch();
      }
      w.end();
    }
    Path clicks = dir.resolve("clicks.csv");
    Files.writeString(clicks, "tid,ms\na-2,1030000\na-9,1040000\n");
    Path orders = dir.resolve("orders.csv");
    Files.writeString(orders, "tid,ms\n");
    LogMapping mapping =
        LogMapping.of(
                LogColumns.exposures(
                    "tid",
                    "ms",
                    TimeFormat.EPOCH_MILLIS,
                    "u",
                    "i",
                    null,
                    List.of(AttributeColumn.ofDouble("score"))),
                LogColumns.of("tid", "ms", TimeFormat.EPOCH_MILLIS),
                LogColumns.of("tid", "ms", TimeFormat.EPOCH_MILLIS))
            .withHistory(5, List.of());
    PipelineReport report =
        LogPipeline.run(
            LogFiles.of(exposures, clicks, orders),
            mapping,
            StitchConfig.defaults(),
            dir.resolve("out"));
    List<LabeledRow> rows =
        LabeledRowFiles.readAll(LabeledRowFiles.list(dir.resolve("out")).get(0).path());
    assertEquals(List.of("10", "11", "12"), rows.stream().map(LabeledRow::item).toList());
    assertEquals(List.of(false, true, false), rows.stream().map(LabeledRow::click).toList());
    assertEquals(0.0, rows.get(0).get("score"));
    assertEquals(null, rows.get(1).get("score"));
    assertEquals(1.0, rows.get(2).get("score"));
    // a-3 at 1_060_000 comes after the click on item 11 at 1_030_000.
    assertEquals(List.of("11"), rows.get(2).history().items());
    assertEquals(1, report.badInput(BadInput.UNKNOWN_TRACE_ID_CLICK));
    assertEquals(
        List.of("clicks.csv:3"),
        report.badInput().get(BadInput.UNKNOWN_TRACE_ID_CLICK).firstLocations());
  }
}
