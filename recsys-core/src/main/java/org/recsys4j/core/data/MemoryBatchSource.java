package org.recsys4j.core.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.recsys4j.core.Check;

/**
 * A {@link BatchSource} over batches held in memory, grouped by day in time order.
 *
 * <p>Every batch is checked against the {@link BatchLayout} when the source is built (the first
 * batch's layout unless one is given, e.g. {@link
 * BatchLayout#of(org.recsys4j.core.spec.FeatureSchema, List)}), so a malformed batch fails at once
 * with a message naming its day and index. Passes re-cut each day with {@link DayBatches#cut}; the
 * batches given are never changed.
 */
public final class MemoryBatchSource implements BatchSource {
  private final List<List<TrainingBatch>> days;
  private final int batchSize;
  private final Shuffle shuffle;
  private final long seed;
  private final BatchLayout layout;
  private final String name;
  private final long rows;

  private MemoryBatchSource(
      String name,
      List<List<TrainingBatch>> days,
      int batchSize,
      Shuffle shuffle,
      long seed,
      BatchLayout layout) {
    this.name = Check.notNull("name", name);
    Check.notNull("days", days);
    this.batchSize = Check.positive(name + ".batchSize", batchSize);
    this.shuffle = Check.notNull(name + ".shuffle", shuffle);
    this.seed = seed;
    List<List<TrainingBatch>> copy = new ArrayList<>();
    long n = 0;
    BatchLayout l = layout;
    for (int d = 0; d < days.size(); d++) {
      List<TrainingBatch> day = List.copyOf(Check.notNull(name + ".days[" + d + "]", days.get(d)));
      for (int k = 0; k < day.size(); k++) {
        TrainingBatch b = day.get(k);
        if (l == null) {
          l = BatchLayout.of(b);
        }
        l.check(b, name + " day " + d + " batch " + k);
        n += b.size();
      }
      copy.add(day);
    }
    Check.arg(n > 0, name + ".rows", n, "must be > 0 (no batch given)");
    this.days = List.copyOf(copy);
    this.layout = l;
    this.rows = n;
  }

  /** One day of {@code batches}, in stored order, cut into batches of {@code batchSize}. */
  public static MemoryBatchSource of(List<TrainingBatch> batches, int batchSize) {
    return new MemoryBatchSource("memory", List.of(batches), batchSize, Shuffle.NONE, 0, null);
  }

  /**
   * Days in time order, each a list of batches.
   *
   * @param days the days, oldest first
   * @param batchSize examples per batch
   * @param shuffle the order of rows within each day
   * @param seed the seed of {@link Shuffle#WITHIN_DAY}
   * @throws IllegalArgumentException if there is no row, or a batch's layout differs from the first
   *     batch's (the message names the day, the batch and the key)
   */
  public static MemoryBatchSource ofDays(
      List<List<TrainingBatch>> days, int batchSize, Shuffle shuffle, long seed) {
    return new MemoryBatchSource("memory", days, batchSize, shuffle, seed, null);
  }

  /**
   * This source with its batches checked against {@code expected} (for example the schema's layout)
   * and named {@code name} in messages.
   *
   * @throws IllegalArgumentException if a batch breaks {@code expected}
   */
  public MemoryBatchSource withLayout(String name, BatchLayout expected) {
    return new MemoryBatchSource(
        name, days, batchSize, shuffle, seed, Check.notNull("layout", expected));
  }

  /**
   * Splits off the last {@code fraction} of the rows by time (the last days, and the end of the day
   * where the cut falls, in stored order) as a validation source, which is never shuffled; the
   * training source keeps this source's shuffle and seed.
   *
   * @param fraction in (0, 1); at least one row goes to each side
   * @throws IllegalArgumentException if {@code fraction} is outside (0, 1) or there are fewer than
   *     two rows
   */
  public ValidationSplit lastByTime(double fraction) {
    Check.arg(fraction > 0 && fraction < 1, "validationFraction", fraction, "must be in (0, 1)");
    Check.arg(rows >= 2, name + ".rows", rows, "must be >= 2 to split");
    long valid = Math.min(rows - 1, Math.max(1, Math.round(rows * fraction)));
    long cut = rows - valid;
    List<List<TrainingBatch>> train = new ArrayList<>();
    List<List<TrainingBatch>> validation = new ArrayList<>();
    long at = 0;
    for (List<TrainingBatch> day : days) {
      List<TrainingBatch> t = new ArrayList<>();
      List<TrainingBatch> v = new ArrayList<>();
      for (TrainingBatch b : day) {
        int n = b.size();
        if (at + n <= cut) {
          t.add(b);
        } else if (at >= cut) {
          v.add(b);
        } else {
          int k = (int) (cut - at);
          t.add(slice(b, 0, k));
          v.add(slice(b, k, n));
        }
        at += n;
      }
      if (!t.isEmpty()) {
        train.add(t);
      }
      if (!v.isEmpty()) {
        validation.add(v);
      }
    }
    return new ValidationSplit(
        new MemoryBatchSource(name + ".train", train, batchSize, shuffle, seed, layout),
        new MemoryBatchSource(
            name + ".validation", validation, batchSize, Shuffle.NONE, 0, layout));
  }

  /** Rows {@code [from, to)} of {@code b}, copied. */
  static TrainingBatch slice(TrainingBatch b, int from, int to) {
    int n = b.size();
    int k = to - from;
    Map<String, int[]> ints = new LinkedHashMap<>();
    b.inputs()
        .ints()
        .forEach(
            (key, a) -> {
              int w = a.length / n;
              ints.put(key, java.util.Arrays.copyOfRange(a, from * w, to * w));
            });
    Map<String, float[]> floats = new LinkedHashMap<>();
    b.inputs()
        .floats()
        .forEach(
            (key, a) -> {
              int w = a.length / n;
              floats.put(key, java.util.Arrays.copyOfRange(a, from * w, to * w));
            });
    Map<String, float[]> labels = new LinkedHashMap<>();
    b.labels().forEach((key, a) -> labels.put(key, java.util.Arrays.copyOfRange(a, from, to)));
    Optional<float[]> w = b.weights().map(a -> java.util.Arrays.copyOfRange(a, from, to));
    return new TrainingBatch(EncodedBatch.of(k, ints, floats), labels, w);
  }

  /** Number of days. */
  public int days() {
    return days.size();
  }

  @Override
  public int batchSize() {
    return batchSize;
  }

  @Override
  public long rows() {
    return rows;
  }

  @Override
  public BatchLayout layout() {
    return layout;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public BatchStream open(int epoch) {
    Check.nonNegative("epoch", epoch);
    return DayBatches.stream(days.size(), days::get, batchSize, shuffle, seed, epoch, () -> {});
  }
}
