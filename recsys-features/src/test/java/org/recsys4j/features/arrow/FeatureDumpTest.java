package org.recsys4j.features.arrow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.core.spec.CategoricalSpec;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.core.spec.NumericSpec;
import org.recsys4j.core.spec.SequenceSpec;
import org.recsys4j.features.encode.FeatureEncoder;
import org.recsys4j.features.encode.Row;

class FeatureDumpTest {
  @TempDir Path dir;
  private BufferAllocator allocator;

  @BeforeEach
  void open() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void close() {
    allocator.close(); // fails if the dump or a test leaked Arrow memory
  }

  private static FeatureSchema schema() {
    return FeatureSchema.builder()
        .add(CategoricalSpec.hashed("user").space(1000).embeddingDim(4).build())
        .add(CategoricalSpec.hashed("item").space(500).embeddingDim(4).build())
        .add(NumericSpec.bucketized("age").boundaries(18, 25, 35, 50).embeddingDim(4).build())
        .add(NumericSpec.normalized("price").mean(10).std(4).build())
        .add(
            SequenceSpec.builder("clicks")
                .space(500)
                .maxLen(3)
                .table("item")
                .embeddingDim(4)
                .build())
        .build();
  }

  /** Request {@code q}: user {@code u<q>} with {@code 1 + q % 5} candidates. */
  private static List<Row> request(int q) {
    List<Row> rows = new ArrayList<>();
    for (int c = 0; c <= q % 5; c++) {
      Map<String, Object> m = new HashMap<>();
      m.put("user", "u" + q);
      m.put("item", "i" + (q * 7 + c));
      m.put("age", q % 3 == 0 ? null : 15.0 + q);
      m.put("price", 0.5 * c);
      m.put("clicks", c % 2 == 0 ? "i1|i2|i3|i4" : "");
      rows.add(Row.of(m));
    }
    return rows;
  }

  @Test
  void dumpedFilesEqualEncodingTheSameRowsPerBatch() throws IOException {
    FeatureEncoder serving = FeatureEncoder.of(schema());
    List<Row> all = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    int batchSize = 7;
    try (FeatureDump dump =
        FeatureDump.builder(serving, dir)
            .batchSize(batchSize)
            .batchesPerFile(2)
            .allocator(allocator)
            .build()) {
      for (int q = 0; q < 12; q++) {
        List<Row> rows = request(q);
        EncodedBatch served = dump.encodeRequest(rows, "req-" + q);
        ArrowFixtures.assertSameBatch(FeatureEncoder.of(schema()).encodeBatch(rows), served);
        all.addAll(rows);
        rows.forEach(r -> ids.add("req-" + ((String) r.get("user")).substring(1)));
      }
      Row single = request(1).get(0);
      dump.encode(single, null);
      all.add(single);
      ids.add(null);
    }
    assertEquals(33 + 1, all.size());
    // 34 rows: batches of 7,7 | 7,7 | 6 -> three files, named in order
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.sorted().toList();
    }
    assertEquals(
        List.of("features-000000.arrow", "features-000001.arrow", "features-000002.arrow"),
        files.stream().map(p -> p.getFileName().toString()).toList());

    FeatureEncoder training = FeatureEncoder.of(schema());
    int row = 0;
    for (Path f : files) {
      try (ArrowIpc.Reader r = ArrowIpc.open(f, allocator)) {
        for (ArrowBatch next; (next = r.read()) != null; ) {
          try (ArrowBatch b = next) {
            List<Row> expectedRows = all.subList(row, row + b.size());
            ArrowFixtures.assertSameBatch(
                training.encodeBatch(expectedRows), b.toEncodedBatch(training));
            assertFalse(b.hasLabels(), "labels are placeholders at serving time");
            for (int i = 0; i < b.size(); i++) {
              assertEquals(ids.get(row + i), b.requestId(i), "request id of row " + (row + i));
            }
            assertTrue(b.size() == batchSize || row + b.size() == all.size(), "batch size");
            row += b.size();
          }
        }
      }
    }
    assertEquals(all.size(), row);
  }

  @Test
  void malformedRequestIsNotRecordedAndFlushCommits() throws IOException {
    FeatureEncoder serving = FeatureEncoder.of(schema());
    try (FeatureDump dump =
        FeatureDump.builder(serving, dir.resolve("sub"))
            .prefix("srv")
            .allocator(allocator)
            .build()) {
      dump.encodeRequest(request(3), "ok");
      Map<String, Object> bad = new HashMap<>();
      bad.put("price", "cheap");
      assertThrows(
          IllegalArgumentException.class, () -> dump.encodeRequest(List.of(Row.of(bad)), "bad"));
      assertEquals(4, dump.rowsPending());
      dump.flush();
      assertEquals(0, dump.rowsPending());
      assertEquals(4, dump.rowsWritten());
      assertEquals(List.of(dir.resolve("sub/srv-000000.arrow").toAbsolutePath()), dump.files());
      try (ArrowIpc.Reader r = ArrowIpc.open(dump.files().get(0), allocator);
          ArrowBatch b = r.read()) {
        assertEquals(4, b.size());
        assertEquals("ok", b.requestId(3));
        assertNull(r.read());
      }
      dump.flush(); // nothing pending: no empty file
      assertEquals(1, dump.files().size());
    }
  }

  @Test
  void builderValidates() {
    FeatureEncoder enc = FeatureEncoder.of(schema());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> FeatureDump.builder(enc, dir).batchSize(0).build());
    assertEquals("featureDump.batchSize=0 must be > 0", e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> FeatureDump.builder(enc, dir).prefix("a/b").build());
  }
}
