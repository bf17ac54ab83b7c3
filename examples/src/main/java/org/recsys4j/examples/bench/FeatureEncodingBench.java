package org.recsys4j.examples.bench;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.core.spec.CategoricalSpec;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.core.spec.NumericSpec;
import org.recsys4j.features.arrow.ArrowBatch;
import org.recsys4j.features.arrow.ArrowIpc;
import org.recsys4j.features.arrow.FeatureDump;
import org.recsys4j.features.datasets.Criteo;
import org.recsys4j.features.encode.FeatureEncoder;
import org.recsys4j.features.encode.Row;
import org.recsys4j.features.io.DelimitedFormat;
import org.recsys4j.features.io.DelimitedReader;
import org.recsys4j.features.io.ErrorPolicy;

/**
 * Times feature encoding on Criteo rows: CSV text to encoded batches, Arrow IPC back to encoded
 * arrays, and per-request encoding for serving.
 *
 * <p>Schema: {@code I1..I13} bucketized with fixed log-spaced boundaries {@code 0, 1, 2, 4, ...,
 * 2^20} and {@code C1..C26} hashed into {@code 2^20} ids, so one int input {@code "ids" [B, 39]}.
 * The CSV's data lines are replicated in memory to at least {@code --rows} rows (default 500000).
 * Each figure is the best of 3 runs after one warm-up run:
 *
 * <ul>
 *   <li>{@code baseline_line_split_rows_per_s}: {@link DelimitedReader} over an in-memory {@code
 *       StringReader}, reading and splitting lines only (no encoding), the same run's reference;
 *   <li>{@code csv_rows_per_s}: the same reader plus {@link FeatureEncoder#encodeInto} into a
 *       reused batch of 4096 rows, plus the label column;
 *   <li>{@code arrow_rows_per_s}: the encoded batches (4096 rows, labels) are written once to a
 *       temporary Arrow IPC file with {@link ArrowIpc}; timed: reading it back batch by batch and
 *       copying ids and labels into Java arrays ({@link ArrowBatch#copyInto});
 *   <li>{@code request_p50_us}, {@code request_p99_us}: one request is 1 user x 200 candidates: 200
 *       rows of raw strings encoded by {@link FeatureEncoder#encodeBatch}; {@code --requests}
 *       (default 2000) requests after 2000 warm-up requests; {@code dump_request_p50_us} and {@code
 *       dump_request_p99_us}: the same through a {@link FeatureDump} writing Arrow files.
 * </ul>
 *
 * <p>Usage: {@code FeatureEncodingBench --criteo PATH [--rows N] [--requests N]}; if the file is
 * absent it says so and exits with status 0. The last lines printed are {@code key=value}.
 */
public final class FeatureEncodingBench {
  private static final int BATCH = 4096;
  private static final int CANDIDATES = 200;
  private static final int RUNS = 3;
  private static final int NUM_INT = 13;
  private static final int NUM_CAT = 26;

  private FeatureEncodingBench() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> opts = options(args);
    Path csv = Path.of(opts.getOrDefault("--criteo", "criteo_sampled_data_10k.csv"));
    int minRows = Integer.parseInt(opts.getOrDefault("--rows", "500000"));
    int requests = Integer.parseInt(opts.getOrDefault("--requests", "2000"));
    if (!Files.isRegularFile(csv)) {
      System.out.println(
          "Criteo CSV not found: "
              + csv.toAbsolutePath()
              + " (pass --criteo PATH to the sampled Criteo CSV with header); skipping the benchmark");
      return;
    }

    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    String header = lines.get(0);
    List<String> data = lines.subList(1, lines.size());
    int copies = (minRows + data.size() - 1) / data.size();
    StringBuilder sb = new StringBuilder((header.length() + 1) * (1 + data.size() * copies));
    sb.append(header).append('\n');
    for (int c = 0; c < copies; c++) {
      for (String line : data) {
        sb.append(line).append('\n');
      }
    }
    String text = sb.toString();
    sb = null;
    long rows = (long) data.size() * copies;
    System.out.printf(
        Locale.ROOT,
        "criteo: %d data lines x %d copies = %d rows, %.1f MB text%n",
        data.size(),
        copies,
        rows,
        text.length() / 1e6);

    FeatureSchema schema = schema();
    FeatureEncoder encoder = FeatureEncoder.of(schema);

    // baseline: read + split only
    double baseline = best(() -> splitOnly(text));
    // (a) CSV text -> encoded batches of 4096
    double csvRate = best(() -> csvToBatches(text, encoder, null));

    // (b) Arrow IPC file -> encoded arrays
    Path dir = Files.createTempDirectory("feature-encoding-bench");
    double arrowRate;
    long fileBytes;
    try (BufferAllocator allocator = new RootAllocator()) {
      Path file = dir.resolve("criteo.arrow");
      try (ArrowIpc.Writer w = ArrowIpc.writer(file, allocator)) {
        csvToBatches(
            text,
            encoder,
            (batch, labels, n) -> {
              try (ArrowBatch a = ArrowBatch.from(batch, n, labels, null, allocator)) {
                w.write(a);
              }
            });
        w.commit();
      }
      fileBytes = Files.size(file);
      arrowRate = best(() -> arrowToArrays(file, encoder, allocator));
    }
    System.out.printf(Locale.ROOT, "arrow file: %.1f MB%n", fileBytes / 1e6);

    // (c) per-request encoding, 1 user x 200 candidates, raw strings as a server receives them
    List<List<Row>> pool = requestPool(data, Math.min(data.size() / CANDIDATES, 50));
    long[] plain = requestLatencies(pool, requests, encoder::encodeBatch);
    long[] dumped;
    Path dumpDir = dir.resolve("dump");
    try (FeatureDump dump =
        FeatureDump.builder(FeatureEncoder.of(schema), dumpDir).batchSize(BATCH).build()) {
      int[] id = {0};
      dumped = requestLatencies(pool, requests, r -> dump.encodeRequest(r, "req-" + id[0]++));
    }
    deleteTree(dir);

    System.out.printf(Locale.ROOT, "baseline_line_split_rows_per_s=%d%n", Math.round(baseline));
    System.out.printf(Locale.ROOT, "csv_rows_per_s=%d%n", Math.round(csvRate));
    System.out.printf(Locale.ROOT, "arrow_rows_per_s=%d%n", Math.round(arrowRate));
    System.out.printf(Locale.ROOT, "dump_request_p50_us=%d%n", percentile(dumped, 0.50));
    System.out.printf(Locale.ROOT, "dump_request_p99_us=%d%n", percentile(dumped, 0.99));
    System.out.printf(Locale.ROOT, "request_p50_us=%d%n", percentile(plain, 0.50));
    System.out.printf(Locale.ROOT, "request_p99_us=%d%n", percentile(plain, 0.99));
  }

  /** The bench schema: 13 bucketized integers, 26 hashed categoricals. */
  static FeatureSchema schema() {
    double[] bounds = new double[22];
    bounds[0] = 0;
    for (int k = 0; k <= 20; k++) {
      bounds[k + 1] = Math.pow(2, k);
    }
    FeatureSchema.Builder b = FeatureSchema.builder();
    for (int j = 1; j <= NUM_INT; j++) {
      b.add(NumericSpec.bucketized("I" + j).boundaries(bounds).embeddingDim(8).build());
    }
    for (int j = 1; j <= NUM_CAT; j++) {
      b.add(CategoricalSpec.hashed("C" + j).space(1 << 20).embeddingDim(8).build());
    }
    return b.build();
  }

  private static DelimitedReader reader(String text) throws IOException {
    DelimitedFormat f =
        DelimitedFormat.builder()
            .delimiter(",")
            .header(true)
            .columns(Criteo.COLUMNS.size())
            .build();
    return DelimitedReader.of(new StringReader(text), "criteo", f, ErrorPolicy.FAIL_FAST);
  }

  private static long splitOnly(String text) throws IOException {
    long n = 0;
    long sink = 0;
    try (DelimitedReader r = reader(text)) {
      while (r.next()) {
        sink += r.row().length(39);
        n++;
      }
    }
    blackhole(sink);
    return n;
  }

  /** Receives each encoded batch: its first {@code n} rows are valid. */
  private interface BatchSink {
    void accept(EncodedBatch batch, float[] labels, int n) throws IOException;
  }

  /**
   * A raw-value view of the current CSV row for the encoder: numerics as {@code Double} (parsed
   * without allocating a substring), categoricals as {@code String}, empty fields as null.
   */
  private static final class CsvRow implements Row {
    private final Map<String, Integer> columns = new HashMap<>();
    private org.recsys4j.features.io.TextRecord row;

    CsvRow() {
      for (int c = 1; c < Criteo.COLUMNS.size(); c++) {
        columns.put(Criteo.COLUMNS.get(c), c);
      }
    }

    @Override
    public Object get(String name) {
      Integer c = columns.get(name);
      if (c == null || row.isEmpty(c)) {
        return null;
      }
      return c <= NUM_INT ? (Object) row.getDouble(c, name) : row.get(c);
    }
  }

  private static long csvToBatches(String text, FeatureEncoder encoder, BatchSink sink)
      throws IOException {
    EncodedBatch batch = encoder.newBatch(BATCH);
    float[] labels = new float[BATCH];
    CsvRow view = new CsvRow();
    long n = 0;
    int fill = 0;
    long check = 0;
    try (DelimitedReader r = reader(text)) {
      while (r.next()) {
        view.row = r.row();
        labels[fill] = view.row.fieldEquals(0, "1") ? 1f : 0f;
        encoder.encodeInto(view, batch, fill);
        fill++;
        n++;
        if (fill == BATCH) {
          check += batch.ints(FeatureEncoder.IDS)[0];
          if (sink != null) {
            sink.accept(batch, labels, fill);
          }
          fill = 0;
        }
      }
    }
    if (fill > 0 && sink != null) {
      sink.accept(batch, labels, fill);
    }
    blackhole(check);
    return n;
  }

  private static long arrowToArrays(Path file, FeatureEncoder encoder, BufferAllocator allocator)
      throws IOException {
    EncodedBatch full = encoder.newBatch(BATCH);
    long n = 0;
    long check = 0;
    try (ArrowIpc.Reader r = ArrowIpc.open(file, allocator)) {
      for (ArrowBatch next; (next = r.read()) != null; ) {
        try (ArrowBatch b = next) {
          EncodedBatch out = b.size() == BATCH ? full : encoder.newBatch(b.size());
          b.copyInto(out);
          float[] labels = b.labels();
          check += out.ints(FeatureEncoder.IDS)[0] + (long) labels[0];
          n += b.size();
        }
      }
    }
    blackhole(check);
    return n;
  }

  /** Up to {@code count} requests of 200 consecutive data lines as raw string maps. */
  private static List<List<Row>> requestPool(List<String> data, int count) {
    List<List<Row>> pool = new ArrayList<>();
    for (int q = 0; q < Math.max(1, count); q++) {
      List<Row> rows = new ArrayList<>(CANDIDATES);
      for (int c = 0; c < CANDIDATES; c++) {
        String[] f = data.get((q * CANDIDATES + c) % data.size()).split(",", -1);
        Map<String, Object> m = new HashMap<>();
        for (int j = 1; j < f.length && j < Criteo.COLUMNS.size(); j++) {
          if (!f[j].isEmpty()) {
            m.put(Criteo.COLUMNS.get(j), f[j]);
          }
        }
        rows.add(Row.of(m));
      }
      pool.add(rows);
    }
    return pool;
  }

  private interface RequestPath {
    EncodedBatch encode(List<Row> rows) throws IOException;
  }

  /** Latencies in microseconds of {@code requests} requests after as many warm-up requests. */
  private static long[] requestLatencies(List<List<Row>> pool, int requests, RequestPath path)
      throws IOException {
    long check = 0;
    for (int i = 0; i < requests; i++) {
      check += path.encode(pool.get(i % pool.size())).size();
    }
    long[] us = new long[requests];
    for (int i = 0; i < requests; i++) {
      List<Row> req = pool.get(i % pool.size());
      long t0 = System.nanoTime();
      EncodedBatch out = path.encode(req);
      us[i] = (System.nanoTime() - t0) / 1000;
      check += out.ints(FeatureEncoder.IDS)[0];
    }
    blackhole(check);
    return us;
  }

  private static long percentile(long[] values, double q) {
    long[] s = values.clone();
    Arrays.sort(s);
    int i = (int) Math.ceil(q * s.length) - 1;
    return s[Math.max(0, Math.min(s.length - 1, i))];
  }

  private interface Pass {
    long run() throws IOException;
  }

  /** Rows per second: one warm-up run, then the best of {@link #RUNS}. */
  private static double best(Pass pass) throws IOException {
    pass.run();
    double best = 0;
    for (int r = 0; r < RUNS; r++) {
      long t0 = System.nanoTime();
      long n = pass.run();
      best = Math.max(best, n / ((System.nanoTime() - t0) / 1e9));
    }
    return best;
  }

  private static volatile long sinkValue;

  private static void blackhole(long v) {
    sinkValue += v;
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException(
            "argument '" + args[i] + "' must be one of --criteo PATH, --rows N, --requests N");
      }
      m.put(args[i], args[++i]);
    }
    return m;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
