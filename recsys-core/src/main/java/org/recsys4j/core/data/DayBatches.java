package org.recsys4j.core.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.recsys4j.core.Check;

/**
 * Re-cuts the rows of one day into batches of a given size, in stored order or permuted by the
 * day's seed ({@link Shuffle}): the rule every {@link BatchSource} of this library follows.
 *
 * <p>The permutation of day {@code d} in epoch {@code e} is a Fisher-Yates shuffle driven by {@code
 * SplittableRandom(mix(seed, e, d))}, so it depends only on the seed, the epoch, the day's index
 * and its number of rows. Rows are copied into new arrays (the inputs are not changed); with {@link
 * Shuffle#NONE} and input batches no larger than the batch size the batches pass through as they
 * are.
 */
public final class DayBatches {
  private DayBatches() {}

  /**
   * The batches of one day.
   *
   * @param day the day's rows, in stored order, as batches of one layout
   * @param batchSize examples per output batch (the last may hold fewer)
   * @param shuffle stored order or permuted
   * @param seed the source's seed
   * @param epoch the pass, 0-based
   * @param dayIndex the day's position in the source, 0-based
   * @return the day's batches, in order
   */
  public static List<TrainingBatch> cut(
      List<TrainingBatch> day, int batchSize, Shuffle shuffle, long seed, int epoch, int dayIndex) {
    Check.notNull("day", day);
    Check.positive("batchSize", batchSize);
    Check.notNull("shuffle", shuffle);
    if (day.isEmpty()) {
      return List.of();
    }
    if (shuffle == Shuffle.NONE && day.stream().allMatch(b -> b.size() <= batchSize)) {
      return List.copyOf(day);
    }
    int total = 0;
    for (TrainingBatch b : day) {
      total = Math.addExact(total, b.size());
    }
    int[] src = new int[total];
    int[] row = new int[total];
    int at = 0;
    for (int k = 0; k < day.size(); k++) {
      for (int i = 0; i < day.get(k).size(); i++) {
        src[at] = k;
        row[at++] = i;
      }
    }
    int[] perm = new int[total];
    for (int i = 0; i < total; i++) {
      perm[i] = i;
    }
    if (shuffle == Shuffle.WITHIN_DAY) {
      SplittableRandom r = new SplittableRandom(mix(seed, epoch, dayIndex));
      for (int i = total - 1; i > 0; i--) {
        int j = r.nextInt(i + 1);
        int t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
      }
    }
    TrainingBatch first = day.get(0);
    List<TrainingBatch> out = new ArrayList<>();
    for (int s = 0; s < total; s += batchSize) {
      int n = Math.min(batchSize, total - s);
      Map<String, int[]> ints = new LinkedHashMap<>();
      for (String key : first.inputs().ints().keySet()) {
        int w = first.inputs().ints().get(key).length / first.size();
        int[] a = new int[n * w];
        for (int i = 0; i < n; i++) {
          int p = perm[s + i];
          System.arraycopy(day.get(src[p]).inputs().ints(key), row[p] * w, a, i * w, w);
        }
        ints.put(key, a);
      }
      Map<String, float[]> floats = new LinkedHashMap<>();
      for (String key : first.inputs().floats().keySet()) {
        int w = first.inputs().floats().get(key).length / first.size();
        floats.put(key, gather(day, src, row, perm, s, n, w, b -> b.inputs().floats(key)));
      }
      Map<String, float[]> labels = new LinkedHashMap<>();
      for (String label : first.labels().keySet()) {
        labels.put(label, gather(day, src, row, perm, s, n, 1, b -> b.labels().get(label)));
      }
      Optional<float[]> weights =
          first.weights().isPresent()
              ? Optional.of(gather(day, src, row, perm, s, n, 1, b -> b.weights().orElseThrow()))
              : Optional.empty();
      out.add(new TrainingBatch(EncodedBatch.of(n, ints, floats), labels, weights));
    }
    return out;
  }

  /** Reads day {@code day} (0-based) of a source as batches in stored order. */
  @FunctionalInterface
  public interface DayReader {
    /**
     * The rows of day {@code day}.
     *
     * @throws java.io.UncheckedIOException if reading fails
     */
    List<TrainingBatch> read(int day);
  }

  /**
   * A pass over {@code days} days read one at a time by {@code reader}, each day cut by {@link
   * #cut}; only one day is held at a time. {@code onClose} runs once when the stream is closed.
   */
  public static BatchStream stream(
      int days,
      DayReader reader,
      int batchSize,
      Shuffle shuffle,
      long seed,
      int epoch,
      Runnable onClose) {
    Check.nonNegative("days", days);
    Check.notNull("reader", reader);
    Check.notNull("onClose", onClose);
    return new BatchStream() {
      private int day;
      private boolean closed;
      private java.util.Iterator<TrainingBatch> current = java.util.Collections.emptyIterator();

      @Override
      public TrainingBatch next() {
        Check.state(!closed, "batch stream is closed");
        while (!current.hasNext()) {
          if (day >= days) {
            return null;
          }
          current = cut(reader.read(day), batchSize, shuffle, seed, epoch, day).iterator();
          day++;
        }
        return current.next();
      }

      @Override
      public void close() {
        if (!closed) {
          closed = true;
          current = java.util.Collections.emptyIterator();
          onClose.run();
        }
      }
    };
  }

  private static float[] gather(
      List<TrainingBatch> day,
      int[] src,
      int[] row,
      int[] perm,
      int s,
      int n,
      int w,
      java.util.function.Function<TrainingBatch, float[]> column) {
    float[] a = new float[n * w];
    for (int i = 0; i < n; i++) {
      int p = perm[s + i];
      System.arraycopy(column.apply(day.get(src[p])), row[p] * w, a, i * w, w);
    }
    return a;
  }

  /** The seed of day {@code day} in epoch {@code epoch}. */
  static long mix(long seed, int epoch, int day) {
    long h = seed * 0x9E3779B97F4A7C15L + epoch;
    h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + day;
    return h ^ (h >>> 29);
  }
}
