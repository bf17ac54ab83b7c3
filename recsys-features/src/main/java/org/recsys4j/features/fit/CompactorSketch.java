package org.recsys4j.features.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A deterministic quantile sketch: a stack of compactors, as in KLL but with a fixed capacity per
 * level and alternating (not random) offsets, after Manku, Rajagopalan and Lindsay (SIGMOD 1998).
 *
 * <p>Level {@code h} holds up to {@code capacity} values of weight {@code 2^h}. When a level fills
 * up it is sorted and every other value (starting at offset 0 on the level's even-numbered
 * compactions, 1 on its odd ones) moves up with twice the weight; the total weight stays exactly
 * the number of values added. A compaction of weight-{@code w} values moves any rank by at most
 * {@code w}, and level {@code h} compacts about {@code n / (capacity 2^h)} times, so the rank error
 * is at most {@code levels / capacity} of {@code n}, with {@code levels = ceil(log2(n / capacity))}
 * (0.08% for {@code n = 10^8}, {@code capacity = 2^14}). There is no randomness: the same stream of
 * values in the same order always gives the same state and the same quantiles.
 *
 * <p>Not thread-safe.
 */
final class CompactorSketch {
  private final int capacity;
  private final List<double[]> levels = new ArrayList<>();
  private final List<int[]> sizes = new ArrayList<>(); // {size, compactions}
  private long count;

  /** A sketch with {@code capacity} (even, at least 2) values per level. */
  CompactorSketch(int capacity) {
    this.capacity = capacity;
    addLevel();
  }

  private void addLevel() {
    levels.add(new double[capacity]);
    sizes.add(new int[2]);
  }

  /** Adds a finite value. */
  void add(double x) {
    count++;
    push(0, x);
  }

  private void push(int h, double x) {
    int[] s = sizes.get(h);
    levels.get(h)[s[0]++] = x;
    if (s[0] == capacity) {
      compact(h);
    }
  }

  private void compact(int h) {
    if (h + 1 == levels.size()) {
      addLevel();
    }
    double[] buf = levels.get(h);
    int[] s = sizes.get(h);
    Arrays.sort(buf, 0, capacity);
    int offset = s[1] & 1;
    s[1]++;
    s[0] = 0;
    for (int i = offset; i < capacity; i += 2) {
      push(h + 1, buf[i]);
    }
  }

  /** Number of values added. */
  long count() {
    return count;
  }

  /**
   * The quantiles at normalised ranks {@code ranks} (each in (0, 1]): for rank {@code r}, the
   * smallest retained value {@code x} whose weight of values {@code <= x} is at least {@code r *
   * count}.
   */
  double[] quantiles(double[] ranks) {
    int total = 0;
    for (int[] s : sizes) {
      total += s[0];
    }
    double[] values = new double[total];
    int[] level = new int[total];
    int k = 0;
    for (int h = 0; h < levels.size(); h++) {
      int n = sizes.get(h)[0];
      System.arraycopy(levels.get(h), 0, values, k, n);
      Arrays.fill(level, k, k + n, h);
      k += n;
    }
    Integer[] order = new Integer[total];
    for (int i = 0; i < total; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
    double[] out = new double[ranks.length];
    for (int q = 0; q < ranks.length; q++) {
      double target = ranks[q] * count;
      long cum = 0;
      double x = values[order[total - 1]];
      for (int i = 0; i < total; i++) {
        cum += 1L << level[order[i]];
        if (cum >= target && (i + 1 == total || values[order[i + 1]] != values[order[i]])) {
          x = values[order[i]];
          break;
        }
      }
      out[q] = x;
    }
    return out;
  }
}
