package org.recsys4j.features.datasets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.recsys4j.features.io.DelimitedFormat;
import org.recsys4j.features.io.DelimitedReader;
import org.recsys4j.features.io.ErrorPolicy;
import org.recsys4j.features.io.MalformedLineException;
import org.recsys4j.features.io.MalformedReason;
import org.recsys4j.features.io.RecordReader;
import org.recsys4j.features.io.TextRecord;

/**
 * Loader for the Criteo display-advertising challenge data (Kaggle 2014; download it yourself,
 * non-commercial terms).
 *
 * <p>Each row has 40 fields: {@code label} (0/1 click), {@code I1..I13} (integers, counts; may be
 * negative) and {@code C1..C26} (32-bit hashes written as 8 hex digits). Any of {@code I*} and
 * {@code C*} may be empty, meaning missing. Two layouts:
 *
 * <ul>
 *   <li>{@link #readTsv}: the original {@code train.txt}: tab-separated, no header, no quoting;
 *   <li>{@link #readCsv}: the comma-separated variant with the header {@link #COLUMNS} ({@code
 *       label,I1,...,I13,C1,...,C26}) used by sampled copies; its integers may be written as {@code
 *       "1.0"}, which is accepted when the fraction is zero.
 * </ul>
 *
 * <p>A wrong field count, a label other than 0/1 or a non-integral {@code I*} is a malformed line
 * handled by the {@link ErrorPolicy}. A CSV header other than {@link #COLUMNS} throws {@link
 * MalformedLineException} ({@link MalformedReason#BAD_HEADER}) under either policy. Categorical
 * values are not checked to be hex. Files ending in {@code .gz} are decompressed.
 */
public final class Criteo {
  /** The 40 column names: {@code label, I1..I13, C1..C26}. */
  public static final List<String> COLUMNS = columns();

  private Criteo() {}

  private static List<String> columns() {
    List<String> c = new ArrayList<>();
    c.add("label");
    for (int j = 1; j <= CriteoRecord.NUM_INTEGER; j++) {
      c.add("I" + j);
    }
    for (int j = 1; j <= CriteoRecord.NUM_CATEGORICAL; j++) {
      c.add("C" + j);
    }
    return List.copyOf(c);
  }

  /**
   * Streams the original tab-separated file (no header).
   *
   * @throws IOException if the file cannot be opened
   */
  public static RecordReader<CriteoRecord> readTsv(Path path, ErrorPolicy policy)
      throws IOException {
    DelimitedFormat f = DelimitedFormat.builder().delimiter("\t").columns(COLUMNS.size()).build();
    return new RecordReader<>(DelimitedReader.open(path, f, policy), Criteo::parse);
  }

  /**
   * Streams the comma-separated variant with a header line.
   *
   * @throws IOException if the file cannot be opened
   * @throws MalformedLineException if the header is not {@link #COLUMNS}
   */
  public static RecordReader<CriteoRecord> readCsv(Path path, ErrorPolicy policy)
      throws IOException {
    DelimitedFormat f =
        DelimitedFormat.builder().delimiter(",").header(true).columns(COLUMNS.size()).build();
    DelimitedReader reader = DelimitedReader.open(path, f, policy);
    Headers.require(reader, COLUMNS);
    return new RecordReader<>(reader, Criteo::parse);
  }

  /**
   * Parses a 40-field row.
   *
   * @throws MalformedLineException for a bad label or integer
   */
  static CriteoRecord parse(TextRecord row) {
    int label;
    if (row.fieldEquals(0, "0")) {
      label = 0;
    } else if (row.fieldEquals(0, "1")) {
      label = 1;
    } else {
      throw row.malformed(
          MalformedReason.BAD_VALUE, "field 0 (label)='" + row.get(0) + "' is not 0 or 1");
    }
    long[] ints = new long[CriteoRecord.NUM_INTEGER];
    boolean[] present = new boolean[CriteoRecord.NUM_INTEGER];
    for (int j = 0; j < CriteoRecord.NUM_INTEGER; j++) {
      int col = 1 + j;
      if (row.isEmpty(col)) {
        continue;
      }
      present[j] = true;
      ints[j] = integral(row, col, COLUMNS.get(col));
    }
    String[] cats = new String[CriteoRecord.NUM_CATEGORICAL];
    for (int j = 0; j < CriteoRecord.NUM_CATEGORICAL; j++) {
      int col = 1 + CriteoRecord.NUM_INTEGER + j;
      cats[j] = row.isEmpty(col) ? null : row.get(col);
    }
    return new CriteoRecord(label, ints, present, cats);
  }

  /** An integer, also written as a decimal with zero fraction ({@code "5.0"}). */
  static long integral(TextRecord row, int col, String name) {
    if (row.indexOf(col, '.') < 0 && row.indexOf(col, 'e') < 0 && row.indexOf(col, 'E') < 0) {
      return row.getLong(col, name);
    }
    double v = row.getDouble(col, name);
    if (v != Math.rint(v) || Math.abs(v) > 0x1p53) {
      throw row.malformed(
          MalformedReason.BAD_VALUE,
          "field " + col + " (" + name + ")='" + row.get(col) + "' is not an integer");
    }
    return (long) v;
  }
}
