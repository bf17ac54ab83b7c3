package org.recsys4j.features.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recsys4j.features.io.ErrorPolicy;
import org.recsys4j.features.io.MalformedLineException;
import org.recsys4j.features.io.MalformedReason;
import org.recsys4j.features.io.RecordReader;

class LibSvmTest {
  @TempDir Path dir;

  @Test
  void readsFrappeLikeLines() throws IOException {
    Path p =
        Fixtures.write(
            dir, "frappe.train.libfm", "-1 451:1 4149:1 5041:1\n1  0:0.5 7:-2e-1 \n3.5\n");
    List<LibSvmRecord> all = LibSvm.read(p, ErrorPolicy.FAIL_FAST).readAll();
    assertEquals(3, all.size());
    assertEquals(-1.0, all.get(0).label());
    assertArrayEquals(new int[] {451, 4149, 5041}, all.get(0).indices());
    assertArrayEquals(new double[] {1, 1, 1}, all.get(0).values());
    assertEquals(new LibSvmRecord(1, new int[] {0, 7}, new double[] {0.5, -0.2}), all.get(1));
    assertEquals(0, all.get(2).size());
    assertEquals(3.5, all.get(2).label());
  }

  @Test
  void malformedPairsUnderBothPolicies() throws IOException {
    Path p =
        Fixtures.write(
            dir, "bad.libsvm", "1 1:1\n1 2\n1 x:1\n1 -3:1\n1 4:y\n1 :1\nabc 1:1\n0 5:1\n");
    MalformedLineException e =
        assertThrows(
            MalformedLineException.class, () -> LibSvm.read(p, ErrorPolicy.FAIL_FAST).readAll());
    assertEquals(2, e.lineNumber());
    assertEquals(MalformedReason.BAD_PAIR, e.reason());
    assertTrue(e.getMessage().contains("field 1='2' has no ':'"), e.getMessage());

    RecordReader<LibSvmRecord> r = LibSvm.read(p, ErrorPolicy.SKIP_AND_COUNT);
    assertEquals(2, r.readAll().size());
    assertEquals(5, r.report().skipped(MalformedReason.BAD_PAIR));
    assertEquals(1, r.report().skipped(MalformedReason.BAD_VALUE));
  }

  @Test
  void recordChecksItsArguments() {
    assertThrows(
        IllegalArgumentException.class, () -> new LibSvmRecord(1, new int[] {1}, new double[0]));
    assertThrows(
        IllegalArgumentException.class,
        () -> new LibSvmRecord(1, new int[] {-1}, new double[] {1}));
    assertThrows(
        IllegalArgumentException.class,
        () -> new LibSvmRecord(Double.NaN, new int[0], new double[0]));
  }
}
