package org.recsys4j.features.fit;

import java.util.Arrays;
import org.recsys4j.core.Check;

/**
 * Fits bucket boundaries for a {@code NumericSpec} from a stream of values, deterministically: the
 * same values in the same order always give the same boundaries.
 *
 * <p>{@link #fit()} returns the quantiles at normalised ranks {@code i / numBuckets}, {@code i =
 * 1..numBuckets-1}, de-duplicated so they are strictly increasing: at most {@code numBuckets - 1}
 * boundaries, fewer when the data has heavy ties (a constant stream gives one). The quantile at
 * rank {@code r} is the smallest value {@code x} such that at least {@code r * count} values are
 * {@code <= x}.
 *
 * <ul>
 *   <li><b>Exact</b> while at most {@code exactLimit} values were added (default {@value
 *       #DEFAULT_EXACT_LIMIT}, 8 MiB of doubles): the values are buffered and the quantiles are
 *       exact; they do not depend on the order of the values.
 *   <li><b>Sketched</b> beyond: the buffer is replayed in order into a deterministic compactor
 *       sketch (fixed capacity per level, alternating offsets; no random numbers) holding {@code
 *       capacity} values per level (default {@value #DEFAULT_CAPACITY}), about {@code capacity *
 *       log2(n / capacity)} values in all. Rank error at most {@code log2(n / capacity) / capacity}
 *       (0.08% for 10^8 values at the default). The result then depends on the order of the values,
 *       but never on chance.
 * </ul>
 *
 * <p>DataSketches' KLL sketch, used before, compacts with a JVM-wide unseeded {@code
 * java.util.Random} that cannot be seeded from its API (6.1.1), so the same data gave different
 * boundaries on every run (issue 7, defect 4).
 *
 * <p>Non-finite values (NaN, ±Infinity: missing) are skipped and counted in {@link #skipped()}. Not
 * thread-safe.
 */
public final class BoundaryFitter {
  /** Default number of values kept exactly: {@code 2^20}. */
  public static final int DEFAULT_EXACT_LIMIT = 1 << 20;

  /** Default values per level of the sketch used beyond the exact limit: {@code 2^14}. */
  public static final int DEFAULT_CAPACITY = 1 << 14;

  private final int numBuckets;
  private final int exactLimit;
  private final int capacity;
  private double[] exact = new double[16];
  private int exactCount;
  private CompactorSketch sketch;
  private long skipped;

  private BoundaryFitter(int numBuckets, int exactLimit, int capacity) {
    this.numBuckets = numBuckets;
    this.exactLimit = exactLimit;
    this.capacity = capacity;
  }

  /**
   * A fitter for {@code numBuckets} buckets with the default exact limit and sketch capacity.
   *
   * @throws IllegalArgumentException if {@code numBuckets < 2}
   */
  public static BoundaryFitter of(int numBuckets) {
    return of(numBuckets, DEFAULT_EXACT_LIMIT, DEFAULT_CAPACITY);
  }

  /**
   * A fitter for {@code numBuckets} buckets, exact up to {@code exactLimit} values, then sketched
   * with {@code capacity} values per level.
   *
   * @throws IllegalArgumentException if {@code numBuckets < 2}, {@code exactLimit < 0}, or {@code
   *     capacity} is odd or not in {@code 8..2^24}
   */
  public static BoundaryFitter of(int numBuckets, int exactLimit, int capacity) {
    Check.arg(numBuckets >= 2, "boundaryFitter.numBuckets", numBuckets, "must be >= 2");
    Check.nonNegative("boundaryFitter.exactLimit", exactLimit);
    Check.inRange("boundaryFitter.capacity", capacity, 8, 1 << 24);
    Check.arg(capacity % 2 == 0, "boundaryFitter.capacity", capacity, "must be even");
    return new BoundaryFitter(numBuckets, exactLimit, capacity);
  }

  /** Adds a value; a non-finite one is skipped and counted. */
  public BoundaryFitter add(double x) {
    if (!Double.isFinite(x)) {
      skipped++;
    } else if (sketch != null) {
      sketch.add(x);
    } else if (exactCount < exactLimit) {
      if (exactCount == exact.length) {
        exact = Arrays.copyOf(exact, (int) Math.min(exactLimit, 2L * exact.length));
      }
      exact[exactCount++] = x;
    } else {
      sketch = new CompactorSketch(capacity);
      for (int i = 0; i < exactCount; i++) {
        sketch.add(exact[i]);
      }
      exact = null;
      exactCount = 0;
      sketch.add(x);
    }
    return this;
  }

  /** Adds every value. */
  public BoundaryFitter addAll(double... xs) {
    Check.notNull("xs", xs);
    for (double x : xs) {
      add(x);
    }
    return this;
  }

  /** Number of finite values added. */
  public long count() {
    return sketch != null ? sketch.count() : exactCount;
  }

  /** Number of non-finite values skipped. */
  public long skipped() {
    return skipped;
  }

  /** Whether the quantiles are exact (at most {@code exactLimit} values so far). */
  public boolean isExact() {
    return sketch == null;
  }

  /**
   * The strictly increasing boundaries, between 1 and {@code numBuckets - 1} of them.
   *
   * @throws IllegalStateException if no finite value was added
   */
  public double[] fit() {
    Check.state(count() > 0, "boundaryFitter has no finite value to fit (skipped=%d)", skipped);
    double[] q = new double[numBuckets - 1];
    if (sketch == null) {
      double[] sorted = Arrays.copyOf(exact, exactCount);
      Arrays.sort(sorted);
      long n = exactCount;
      for (int i = 0; i < q.length; i++) {
        // smallest x with #(values <= x) >= (i+1)/numBuckets * n: the ceil(...)-th value
        long rank = ((i + 1) * n + numBuckets - 1) / numBuckets;
        q[i] = sorted[(int) Math.max(0, rank - 1)];
      }
    } else {
      double[] ranks = new double[q.length];
      for (int i = 0; i < ranks.length; i++) {
        ranks[i] = (i + 1) / (double) numBuckets;
      }
      q = sketch.quantiles(ranks);
    }
    Arrays.sort(q);
    double[] out = new double[q.length];
    int n = 0;
    for (double v : q) {
      if (n == 0 || v > out[n - 1]) {
        out[n++] = v;
      }
    }
    return Arrays.copyOf(out, n);
  }
}
