package org.recsys4j.features.datasets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.recsys4j.features.io.DelimitedFormat;
import org.recsys4j.features.io.DelimitedReader;
import org.recsys4j.features.io.ErrorPolicy;
import org.recsys4j.features.io.MalformedReason;
import org.recsys4j.features.io.RecordReader;
import org.recsys4j.features.io.TextRecord;

/**
 * Loader for libSVM / libFM text lines, e.g. the Frappe and MovieLens-tag files of the AFM/NFM
 * papers:
 *
 * <pre>
 * label idx:val idx:val ...        e.g.  -1 451:1 4149:1 5041:1
 * </pre>
 *
 * <p>Fields are separated by spaces (runs of spaces are allowed); the label is a finite number,
 * each feature is a non-negative {@code int} index, a colon, and a finite number. A line with only
 * a label has no features. A label that is not a number is a {@link MalformedReason#BAD_VALUE}; a
 * pair without a colon, with an empty, negative or non-integer index, or with a value that is not a
 * finite number is a {@link MalformedReason#BAD_PAIR}; both are handled by the {@link ErrorPolicy}.
 * Files ending in {@code .gz} are decompressed.
 */
public final class LibSvm {
  private LibSvm() {}

  /**
   * Streams a libSVM / libFM file.
   *
   * @throws IOException if the file cannot be opened
   */
  public static RecordReader<LibSvmRecord> read(Path path, ErrorPolicy policy) throws IOException {
    DelimitedFormat f = DelimitedFormat.builder().delimiter(" ").variableColumns(true).build();
    return new RecordReader<>(DelimitedReader.open(path, f, policy), LibSvm::parse);
  }

  static LibSvmRecord parse(TextRecord row) {
    int first = 0;
    while (first < row.size() && row.isEmpty(first)) {
      first++;
    }
    if (first == row.size()) {
      throw row.malformed(MalformedReason.BAD_VALUE, "line has no label");
    }
    double label = row.getDouble(first, "label");
    int[] idx = new int[row.size() - first - 1];
    double[] val = new double[idx.length];
    int n = 0;
    for (int i = first + 1; i < row.size(); i++) {
      if (row.isEmpty(i)) {
        continue;
      }
      String pair = row.get(i);
      int colon = pair.indexOf(':');
      if (colon < 0) {
        throw badPair(row, i, pair, "has no ':'");
      }
      int index;
      try {
        index = Integer.parseInt(pair.substring(0, colon));
      } catch (NumberFormatException e) {
        throw badPair(row, i, pair, "has an index that is not an int");
      }
      if (index < 0) {
        throw badPair(row, i, pair, "has a negative index");
      }
      double value;
      try {
        value = Double.parseDouble(pair.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw badPair(row, i, pair, "has a value that is not a number");
      }
      if (!Double.isFinite(value)) {
        throw badPair(row, i, pair, "has a value that is not finite");
      }
      idx[n] = index;
      val[n] = value;
      n++;
    }
    return new LibSvmRecord(label, Arrays.copyOf(idx, n), Arrays.copyOf(val, n));
  }

  private static RuntimeException badPair(TextRecord row, int field, String pair, String what) {
    return row.malformed(MalformedReason.BAD_PAIR, "field " + field + "='" + pair + "' " + what);
  }
}
