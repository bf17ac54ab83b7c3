package org.recsys4j.features.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recsys4j.features.io.ErrorPolicy;
import org.recsys4j.features.io.MalformedLineException;
import org.recsys4j.features.io.MalformedReason;
import org.recsys4j.features.io.RecordReader;

class CriteoTest {
  @TempDir Path dir;

  /** label, 13 ints (I3 and I12 missing), 26 cats (C20 and C26 missing). */
  private static String row(String sep, String label, String i1) {
    String ints =
        String.join(sep, i1, "-1", "", "0", "1382", "4", "15", "2", "181", "1", "2", "", "2");
    List<String> cats = new java.util.ArrayList<>(Collections.nCopies(26, "68fd1e64"));
    cats.set(1, "80e26c9b");
    cats.set(19, "");
    cats.set(25, "");
    return label + sep + ints + sep + String.join(sep, cats);
  }

  private static void assertFirstRow(CriteoRecord r) {
    assertEquals(1, r.label());
    assertEquals(OptionalLong.of(5), r.integer(0));
    assertEquals(OptionalLong.of(-1), r.integer(1));
    assertTrue(r.isIntegerMissing(2));
    assertEquals(OptionalLong.empty(), r.integer(11));
    assertEquals(OptionalLong.of(2), r.integer(12));
    assertEquals(Optional.of("80e26c9b"), r.categorical(1));
    assertEquals(Optional.empty(), r.categorical(19));
    assertEquals(Optional.empty(), r.categorical(25));
    assertFalse(r.isIntegerMissing(0));
  }

  @Test
  void readsOriginalTsvWithMissingValues() throws IOException {
    String text = row("\t", "1", "5") + "\n" + row("\t", "0", "") + "\n";
    Path p = Fixtures.write(dir, "train.txt", text);
    List<CriteoRecord> all = Criteo.readTsv(p, ErrorPolicy.FAIL_FAST).readAll();
    assertEquals(2, all.size());
    assertFirstRow(all.get(0));
    assertEquals(0, all.get(1).label());
    assertTrue(all.get(1).isIntegerMissing(0));
  }

  @Test
  void readsGzippedTsv() throws IOException {
    Path p = dir.resolve("train.txt.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
      out.write((row("\t", "1", "5") + "\n").getBytes(StandardCharsets.UTF_8));
    }
    assertFirstRow(Criteo.readTsv(p, ErrorPolicy.FAIL_FAST).readAll().get(0));
  }

  @Test
  void readsCsvVariantWithHeaderAndDecimalIntegers() throws IOException {
    String header = String.join(",", Criteo.COLUMNS);
    String text = header + "\n" + row(",", "1", "5.0") + "\n";
    Path p = Fixtures.write(dir, "criteo.csv", text);
    RecordReader<CriteoRecord> r = Criteo.readCsv(p, ErrorPolicy.FAIL_FAST);
    assertEquals(Criteo.COLUMNS, r.header());
    List<CriteoRecord> all = r.readAll();
    assertEquals(1, all.size());
    assertFirstRow(all.get(0));
    assertEquals(1, r.report().headerLines());
  }

  @Test
  void malformedLinesUnderBothPolicies() throws IOException {
    String text =
        row("\t", "1", "5")
            + "\n"
            + row("\t", "2", "5")
            + "\n" // bad label
            + row("\t", "0", "5.5")
            + "\n" // non-integral I1
            + row("\t", "0", "abc")
            + "\n" // not a number
            + "0\t1\t2\n" // too few fields
            + row("\t", "0", "7")
            + "\n";
    Path p = Fixtures.write(dir, "train.txt", text);
    MalformedLineException e =
        assertThrows(
            MalformedLineException.class, () -> Criteo.readTsv(p, ErrorPolicy.FAIL_FAST).readAll());
    assertEquals(2, e.lineNumber());
    assertEquals(MalformedReason.BAD_VALUE, e.reason());
    assertTrue(e.getMessage().contains("field 0 (label)='2' is not 0 or 1"), e.getMessage());

    RecordReader<CriteoRecord> r = Criteo.readTsv(p, ErrorPolicy.SKIP_AND_COUNT);
    List<CriteoRecord> all = r.readAll();
    assertEquals(2, all.size());
    assertEquals(OptionalLong.of(7), all.get(1).integer(0));
    assertEquals(3, r.report().skipped(MalformedReason.BAD_VALUE));
    assertEquals(1, r.report().skipped(MalformedReason.COLUMN_COUNT));
    assertEquals(6, r.report().linesRead());
  }

  @Test
  void wrongCsvHeaderFailsUnderBothPolicies() {
    String header = String.join(",", Criteo.COLUMNS).replace("I7", "I07");
    Path p = Fixtures.write(dir, "criteo.csv", header + "\n" + row(",", "1", "5") + "\n");
    for (ErrorPolicy policy : ErrorPolicy.values()) {
      MalformedLineException e =
          assertThrows(MalformedLineException.class, () -> Criteo.readCsv(p, policy));
      assertEquals(MalformedReason.BAD_HEADER, e.reason());
      assertTrue(e.getMessage().contains("header column 7='I07', expected 'I7'"), e.getMessage());
    }
    Path empty = Fixtures.write(dir, "empty.csv", "");
    assertThrows(
        MalformedLineException.class, () -> Criteo.readCsv(empty, ErrorPolicy.SKIP_AND_COUNT));
  }

  @Test
  void recordValidatesItsArrays() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new CriteoRecord(2, new long[13], new boolean[13], new String[26]));
    assertThrows(
        IllegalArgumentException.class,
        () -> new CriteoRecord(0, new long[12], new boolean[13], new String[26]));
    String[] cats = new String[26];
    cats[0] = "";
    assertThrows(
        IllegalArgumentException.class,
        () -> new CriteoRecord(0, new long[13], new boolean[13], cats));
    assertEquals(
        new CriteoRecord(0, new long[13], new boolean[13], new String[26]),
        new CriteoRecord(
            0,
            new long[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13},
            new boolean[13],
            new String[26]));
  }
}
