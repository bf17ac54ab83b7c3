package org.recsys4j.features.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DelimitedReaderTest {
  @TempDir Path dir;

  private static List<List<String>> readAll(DelimitedReader r) throws IOException {
    List<List<String>> out = new ArrayList<>();
    try (r) {
      while (r.next()) {
        out.add(r.row().toList());
      }
    }
    return out;
  }

  private static DelimitedReader of(String text, DelimitedFormat f, ErrorPolicy p)
      throws IOException {
    return DelimitedReader.of(new StringReader(text), "mem.txt", f, p);
  }

  @Test
  void readsTsvWithEmptyFieldsAndCrLf() throws IOException {
    DelimitedReader r = of("1\t\ta\r\n2\tx\t\n", DelimitedFormat.tsv(), ErrorPolicy.FAIL_FAST);
    assertEquals(List.of(List.of("1", "", "a"), List.of("2", "x", "")), readAll(r));
    assertEquals(new ReadReport("mem.txt", 2, 0, 0, 2, Map.of()), r.report());
  }

  @Test
  void headerSetsColumnsAndIsNotARow() throws IOException {
    DelimitedFormat f = DelimitedFormat.csv().toBuilder().header(true).build();
    DelimitedReader r = of("\uFEFFa,b\n1,2\n", f, ErrorPolicy.FAIL_FAST);
    assertEquals(List.of("a", "b"), r.header());
    assertEquals(2, r.columns());
    assertEquals(List.of(List.of("1", "2")), readAll(r));
    assertEquals(1, r.report().headerLines());
  }

  @Test
  void csvQuotingKeepsDelimitersAndUnescapesQuotes() throws IOException {
    DelimitedReader r =
        of(
            "\"a,b\",\"say \"\"hi\"\"\",\"\"\nx\"y,2,3\n",
            DelimitedFormat.csv(),
            ErrorPolicy.FAIL_FAST);
    assertEquals(List.of(List.of("a,b", "say \"hi\"", ""), List.of("x\"y", "2", "3")), readAll(r));
  }

  @Test
  void quotesAreOrdinaryWithoutQuoting() throws IOException {
    DelimitedReader r = of("\"a,b\"\n", DelimitedFormat.builder().build(), ErrorPolicy.FAIL_FAST);
    assertEquals(List.of(List.of("\"a", "b\"")), readAll(r));
  }

  @Test
  void multiCharacterDelimiter() throws IOException {
    DelimitedFormat f = DelimitedFormat.builder().delimiter("::").build();
    DelimitedReader r = of("1::Toy Story (1995)::A|B\n", f, ErrorPolicy.FAIL_FAST);
    assertEquals(List.of(List.of("1", "Toy Story (1995)", "A|B")), readAll(r));
  }

  @Test
  void failFastNamesFileLineRuleAndSnippet() throws IOException {
    DelimitedReader r =
        of("1\t2\t3\n4\t5\t6\n\n7\t8\n", DelimitedFormat.tsv(), ErrorPolicy.FAIL_FAST);
    assertTrue(r.next());
    assertTrue(r.next());
    MalformedLineException e = assertThrows(MalformedLineException.class, r::next);
    assertEquals("mem.txt", e.source());
    assertEquals(4, e.lineNumber());
    assertEquals(MalformedReason.COLUMN_COUNT, e.reason());
    assertEquals("7\t8", e.snippet());
    assertTrue(
        e.getMessage().startsWith("mem.txt:4: COLUMN_COUNT: line has 2 fields, expected 3"),
        e.getMessage());
    assertTrue(e.getMessage().contains(MalformedReason.COLUMN_COUNT.rule()), e.getMessage());
  }

  @Test
  void skipAndCountReportsPerReason() throws IOException {
    String text = "a,b\n1,2\n1,2,3\n\"x,2\n\"x\"y,2\n\n3,4\n5\n";
    DelimitedFormat f = DelimitedFormat.csv().toBuilder().header(true).build();
    DelimitedReader r = of(text, f, ErrorPolicy.SKIP_AND_COUNT);
    assertEquals(List.of(List.of("1", "2"), List.of("3", "4")), readAll(r));
    ReadReport rep = r.report();
    assertEquals(8, rep.linesRead());
    assertEquals(1, rep.headerLines());
    assertEquals(1, rep.blankLines());
    assertEquals(2, rep.rowsReturned());
    assertEquals(2, rep.skipped(MalformedReason.COLUMN_COUNT));
    assertEquals(1, rep.skipped(MalformedReason.UNTERMINATED_QUOTE));
    assertEquals(1, rep.skipped(MalformedReason.STRAY_QUOTE));
    assertEquals(4, rep.skippedTotal());
  }

  @Test
  void rejectAppliesPolicyAndMovesTheRowToSkipped() throws IOException {
    DelimitedReader skip = of("1\nx\n3\n", DelimitedFormat.tsv(), ErrorPolicy.SKIP_AND_COUNT);
    long sum = 0;
    while (skip.next()) {
      try {
        sum += skip.row().getLong(0, "n");
      } catch (MalformedLineException e) {
        skip.reject(e);
      }
    }
    assertEquals(4, sum);
    assertEquals(2, skip.report().rowsReturned());
    assertEquals(1, skip.report().skipped(MalformedReason.BAD_VALUE));
    assertThrows(IllegalStateException.class, skip::row);

    DelimitedReader fail = of("x\n", DelimitedFormat.tsv(), ErrorPolicy.FAIL_FAST);
    assertTrue(fail.next());
    MalformedLineException e =
        assertThrows(MalformedLineException.class, () -> fail.row().getLong(0, "n"));
    assertEquals(
        "mem.txt:1: BAD_VALUE: field 0 (n)='x' is not an integer"
            + " (must hold a value of the type the format requires) in line: 'x'",
        e.getMessage());
    assertThrows(MalformedLineException.class, () -> fail.reject(e));
  }

  @Test
  void rowParsesNumbersWithoutAllocation() throws IOException {
    DelimitedReader r =
        of(
            "-9223372036854775808\t+17\t2.5\t9223372036854775808\t\t1e400\n",
            DelimitedFormat.tsv(),
            ErrorPolicy.FAIL_FAST);
    assertTrue(r.next());
    TextRecord row = r.row();
    assertEquals(Long.MIN_VALUE, row.getLong(0, "a"));
    assertEquals(17, row.getInt(1, "b"));
    assertEquals(2.5, row.getDouble(2, "c"));
    assertEquals(1, row.indexOf(2, '.'));
    assertEquals(-1, row.indexOf(1, '.'));
    assertThrows(MalformedLineException.class, () -> row.getLong(3, "d"));
    assertThrows(MalformedLineException.class, () -> row.getLong(4, "e"));
    assertThrows(MalformedLineException.class, () -> row.getDouble(4, "e"));
    assertThrows(MalformedLineException.class, () -> row.getDouble(5, "f"));
    assertThrows(MalformedLineException.class, () -> row.getInt(0, "a"));
    assertThrows(IndexOutOfBoundsException.class, () -> row.get(6));
    assertTrue(row.isEmpty(4));
    assertTrue(row.fieldEquals(1, "+17"));
    assertFalse(row.fieldEquals(1, "+18"));
  }

  @Test
  void readsGzipAndLongLinesFromFiles() throws IOException {
    Path gz = dir.resolve("data.tsv.gz");
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      text.append(i).append('\t').append("v".repeat(i % 400)).append('\n');
    }
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    }
    try (DelimitedReader r =
        DelimitedReader.open(gz, DelimitedFormat.tsv(), ErrorPolicy.FAIL_FAST)) {
      long n = 0;
      while (r.next()) {
        assertEquals(n, r.row().getLong(0, "i"));
        assertEquals(n % 400, r.row().length(1));
        assertEquals(n + 1, r.row().lineNumber());
        n++;
      }
      assertEquals(1000, n);
      assertEquals("data.tsv.gz", r.source());
    }
  }

  @Test
  void longSnippetIsCut() {
    String line = "x".repeat(500);
    MalformedLineException e =
        new MalformedLineException("f", 3, MalformedReason.BAD_VALUE, "bad", line);
    assertEquals(MalformedLineException.MAX_SNIPPET + 3, e.snippet().length());
    assertTrue(e.snippet().endsWith("..."));
  }

  @Test
  void headerWithWrongColumnCountFailsUnderBothPolicies() {
    DelimitedFormat f = DelimitedFormat.csv().toBuilder().header(true).columns(3).build();
    for (ErrorPolicy p : ErrorPolicy.values()) {
      MalformedLineException e =
          assertThrows(MalformedLineException.class, () -> of("a,b\n1,2,3\n", f, p));
      assertEquals(MalformedReason.COLUMN_COUNT, e.reason());
      assertEquals(1, e.lineNumber());
    }
  }

  @Test
  void formatValidationNamesFieldValueAndRule() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> DelimitedFormat.builder().delimiter("").build());
    assertEquals("delimiter='' must not be empty", e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> DelimitedFormat.builder().delimiter("\"").build());
    assertThrows(
        IllegalArgumentException.class, () -> DelimitedFormat.builder().columns(-1).build());
    assertThrows(
        IllegalArgumentException.class,
        () -> DelimitedFormat.builder().columns(2).variableColumns(true).build());
    assertEquals(DelimitedFormat.csv(), DelimitedFormat.csv().toBuilder().build());
  }

  @Test
  void reportRejectsInconsistentCounts() {
    assertThrows(IllegalArgumentException.class, () -> new ReadReport("f", 3, 0, 0, 2, Map.of()));
    ReadReport r =
        new ReadReport(
            "f", 3, 0, 0, 2, Map.of(MalformedReason.BAD_VALUE, 1L, MalformedReason.BAD_PAIR, 0L));
    assertEquals(Map.of(MalformedReason.BAD_VALUE, 1L), r.skipped());
  }
}
