package org.recsys4j.features.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recsys4j.features.io.ErrorPolicy;
import org.recsys4j.features.io.MalformedLineException;
import org.recsys4j.features.io.MalformedReason;
import org.recsys4j.features.io.RecordReader;

class AvazuTest {
  @TempDir Path dir;

  private static final String HEADER = String.join(",", Avazu.COLUMNS);
  private static final String ROW1 =
      "10000169349117863715,0,14102100,1005,0,1fbe01fe,f3845767,"
          + "28905ebd,ecad2386,7801e8d9,07d7df22,a99f214a,96809ac8,711ee120,1,0,15704,320,50,1722,0,"
          + "35,100084,79";
  private static final String ROW2 =
      "10000720757801103869,1,14102123,1010,1,85f751fd,c4e18dd6,"
          + "50e219e0,51cedd4e,aefc06bd,0f2161f8,a99f214a,36d749e5,ef726eae,4,2,21689,320,50,2496,3,"
          + "167,100191,23";

  @Test
  void readsWithAndWithoutHeader() throws IOException {
    Path withHeader = Fixtures.write(dir, "train.csv", HEADER + "\n" + ROW1 + "\n" + ROW2 + "\n");
    RecordReader<AvazuRecord> r = Avazu.read(withHeader, true, ErrorPolicy.FAIL_FAST);
    List<AvazuRecord> all = r.readAll();
    assertEquals(2, all.size());
    AvazuRecord a = all.get(0);
    assertEquals("10000169349117863715", a.id());
    assertEquals(0, a.click());
    assertEquals(14102100, a.hour());
    assertEquals(LocalDateTime.of(2014, 10, 21, 0, 0), a.hourStart());
    assertEquals(1413849600L, a.epochSecond());
    assertEquals("1005", a.get("C1"));
    assertEquals("0", a.get("banner_pos"));
    assertEquals("79", a.get("C21"));
    assertEquals(21, a.categorical().size());
    assertEquals(1, all.get(1).click());
    assertEquals("1", all.get(1).get("banner_pos"));
    assertEquals(LocalDateTime.of(2014, 10, 21, 23, 0), all.get(1).hourStart());
    assertThrows(IllegalArgumentException.class, () -> a.get("nope"));

    Path noHeader = Fixtures.write(dir, "dev.csv", ROW1 + "\n" + ROW2);
    assertEquals(all, Avazu.read(noHeader, false, ErrorPolicy.FAIL_FAST).readAll());
  }

  @Test
  void malformedLinesUnderBothPolicies() throws IOException {
    String text =
        HEADER
            + "\n"
            + ROW1
            + "\n"
            + ROW1.replace(",0,14102100,", ",2,14102100,")
            + "\n"
            + ROW1.replace(",14102100,", ",14133100,")
            + "\n" // month 33
            + ROW1.replace(",14102100,", ",1410210,")
            + "\n" // 7 digits
            + ROW1
            + ",extra\n"
            + ROW2
            + "\n";
    Path p = Fixtures.write(dir, "train.csv", text);
    MalformedLineException e =
        assertThrows(
            MalformedLineException.class,
            () -> Avazu.read(p, true, ErrorPolicy.FAIL_FAST).readAll());
    assertEquals(3, e.lineNumber());
    assertTrue(
        e.getMessage().startsWith("train.csv:3: BAD_VALUE: field 1 (click)='2'"), e.getMessage());
    RecordReader<AvazuRecord> r = Avazu.read(p, true, ErrorPolicy.SKIP_AND_COUNT);
    assertEquals(2, r.readAll().size());
    assertEquals(3, r.report().skipped(MalformedReason.BAD_VALUE));
    assertEquals(1, r.report().skipped(MalformedReason.COLUMN_COUNT));

    // a header read as data is a malformed line, not a crash
    RecordReader<AvazuRecord> asData = Avazu.read(p, false, ErrorPolicy.SKIP_AND_COUNT);
    assertEquals(2, asData.readAll().size());
    assertEquals(4, asData.report().skipped(MalformedReason.BAD_VALUE));
  }

  @Test
  void wrongHeaderFails() {
    Path p = Fixtures.write(dir, "train.csv", HEADER.replace("banner_pos", "pos") + "\n");
    MalformedLineException e =
        assertThrows(
            MalformedLineException.class, () -> Avazu.read(p, true, ErrorPolicy.SKIP_AND_COUNT));
    assertEquals(MalformedReason.BAD_HEADER, e.reason());
  }
}
