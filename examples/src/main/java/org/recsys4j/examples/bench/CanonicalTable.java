package org.recsys4j.examples.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.recsys4j.features.encode.Row;
import org.recsys4j.features.io.DelimitedFormat;
import org.recsys4j.features.io.DelimitedReader;
import org.recsys4j.features.io.ErrorPolicy;
import org.recsys4j.features.io.MalformedReason;

/**
 * One canonical CSV file held in memory: its labels, its users (if it has a {@code user_id} column)
 * and the raw strings of its {@code user_id}, {@code c_*} and {@code n_*} columns, in file order.
 * Sequence columns ({@code s_*}) are kept as raw strings (for {@link SequenceBenchmark}); {@code
 * ts} and {@code label2} are not.
 *
 * <p>Canonical layout (see {@code ../shared/data/README.md}): header row, {@code label} (0/1),
 * maybe {@code label2}, {@code ts}, {@code user_id}, then {@code c_<name>} categorical strings,
 * {@code n_<name>} numbers (empty = missing) and {@code s_<name>} sequences.
 */
final class CanonicalTable {
  /** The label column. */
  static final String LABEL = "label";

  /** The user column, where users exist. */
  static final String USER = "user_id";

  private final List<String> columns;
  private final Map<String, Integer> index;
  private final List<String[]> rows;
  private final float[] labels;
  private final long[] users;

  private CanonicalTable(List<String> columns, List<String[]> rows, float[] labels, long[] users) {
    this.columns = List.copyOf(columns);
    this.index = new HashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      index.put(columns.get(i), i);
    }
    this.rows = rows;
    this.labels = labels;
    this.users = users;
  }

  /**
   * Reads a canonical CSV (no quoting: canonical values never hold commas).
   *
   * @throws IOException if the file cannot be read
   * @throws org.recsys4j.features.io.MalformedLineException at the first malformed line, or if the
   *     header has no {@code label} column or a label is not 0 or 1
   */
  static CanonicalTable read(Path path) throws IOException {
    DelimitedFormat format = DelimitedFormat.builder().delimiter(",").header(true).build();
    try (DelimitedReader r = DelimitedReader.open(path, format, ErrorPolicy.FAIL_FAST)) {
      List<String> header = r.header();
      int labelAt = header.indexOf(LABEL);
      int userAt = header.indexOf(USER);
      List<String> kept = new ArrayList<>();
      List<Integer> keptAt = new ArrayList<>();
      for (int i = 0; i < header.size(); i++) {
        String h = header.get(i);
        if (h.equals(USER) || h.startsWith("c_") || h.startsWith("n_") || h.startsWith("s_")) {
          kept.add(h);
          keptAt.add(i);
        }
      }
      List<String[]> rows = new ArrayList<>();
      List<Float> y = new ArrayList<>();
      List<Long> u = new ArrayList<>();
      while (r.next()) {
        var line = r.row();
        if (labelAt < 0) {
          throw line.malformed(
              MalformedReason.BAD_HEADER, "header " + header + " has no '" + LABEL + "' column");
        }
        int label = line.getInt(labelAt, LABEL);
        if (label != 0 && label != 1) {
          throw line.malformed(MalformedReason.BAD_VALUE, "label=" + label + " must be 0 or 1");
        }
        y.add((float) label);
        if (userAt >= 0) {
          u.add(line.getLong(userAt, USER));
        }
        String[] values = new String[kept.size()];
        for (int k = 0; k < values.length; k++) {
          values[k] = line.get(keptAt.get(k));
        }
        rows.add(values);
      }
      float[] labels = new float[y.size()];
      for (int i = 0; i < labels.length; i++) {
        labels[i] = y.get(i);
      }
      long[] users = userAt < 0 ? null : u.stream().mapToLong(Long::longValue).toArray();
      return new CanonicalTable(kept, rows, labels, users);
    }
  }

  /** Whether both {@code train.csv} and {@code test.csv} are in {@code dir}. */
  static boolean hasPair(Path dir) {
    return Files.isRegularFile(dir.resolve("train.csv"))
        && Files.isRegularFile(dir.resolve("test.csv"));
  }

  /**
   * The folder holding a data set's canonical pair under {@code data}: {@code
   * <data>/<dataset>/canonical/} (where {@code convert.py} writes by default) or {@code
   * <data>/<dataset>/} (where {@code CANONICAL_OUT=<data>/<dataset>} puts it), in that order.
   */
  static Optional<Path> locate(Path data, String dataset) {
    for (Path dir : candidates(data, dataset)) {
      if (hasPair(dir)) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  /** The folders {@link #locate} looks in, in order. */
  static List<Path> candidates(Path data, String dataset) {
    return List.of(data.resolve(dataset).resolve("canonical"), data.resolve(dataset));
  }

  /**
   * The kept column names ({@code user_id}, {@code c_*}, {@code n_*}, {@code s_*}) in file order.
   */
  List<String> columns() {
    return columns;
  }

  /** Number of rows. */
  int size() {
    return rows.size();
  }

  /** Whether the file has a {@code user_id} column. */
  boolean hasUsers() {
    return users != null;
  }

  /** The labels, one per row. */
  float[] labels() {
    return labels;
  }

  /** The users, one per row, or null without a {@code user_id} column. */
  long[] users() {
    return users;
  }

  /** The raw string of column {@code name} in row {@code i} ({@code ""} if empty). */
  String value(int i, String name) {
    return rows.get(i)[index.get(name)];
  }

  /** Row {@code i} as the encoder reads it: values by column name, null for other names. */
  Row row(int i) {
    String[] values = rows.get(i);
    return name -> {
      Integer at = index.get(name);
      return at == null ? null : values[at];
    };
  }
}
