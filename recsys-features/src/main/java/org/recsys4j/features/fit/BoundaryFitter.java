package org.recsys4j.features.fit;

import org.recsys4j.core.spec.*;
import java.util.Arrays;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;
import org.recsys4j.core.Check;

/**
 * Fits bucket boundaries for a {@link NumericSpec} from a stream of values with a KLL quantile
 * sketch (Apache DataSketches), in bounded memory.
 *
 * <p>{@link #fit()} returns the approximate quantiles at normalised ranks {@code i / numBuckets},
 * {@code i = 1..numBuckets-1}, de-duplicated so they are strictly increasing: at most {@code
 * numBuckets - 1} boundaries, fewer when the data has heavy ties (a constant stream gives one).
 * The rank error is about {@code 1.65 / k} for sketch size {@code k} (default 200, ~1.3%).
 *
 * <p>Non-finite values (NaN, ±Infinity: missing) are skipped and counted in {@link #skipped()}.
 * Not thread-safe.
 */
public final class BoundaryFitter {
  /** Default KLL sketch size. */
  public static final int DEFAULT_K = 200;

  private final int numBuckets;
  private final KllDoublesSketch sketch;
  private long skipped;

  private BoundaryFitter(int numBuckets, int k) {
    this.numBuckets = numBuckets;
    this.sketch = KllDoublesSketch.newHeapInstance(k);
  }

  /**
   * A fitter for {@code numBuckets} buckets with the default sketch size.
   *
   * @throws IllegalArgumentException if {@code numBuckets < 2}
   */
  public static BoundaryFitter of(int numBuckets) {
    return of(numBuckets, DEFAULT_K);
  }

  /**
   * A fitter for {@code numBuckets} buckets with KLL sketch size {@code k}.
   *
   * @throws IllegalArgumentException if {@code numBuckets < 2} or {@code k} is not in {@code
   *     8..65535}
   */
  public static BoundaryFitter of(int numBuckets, int k) {
    Check.arg(numBuckets >= 2, "boundaryFitter.numBuckets", numBuckets, "must be >= 2");
    Check.inRange("boundaryFitter.k", k, 8, 65535);
    return new BoundaryFitter(numBuckets, k);
  }

  /** Adds a value; a non-finite one is skipped and counted. */
  public BoundaryFitter add(double x) {
    if (Double.isFinite(x)) {
      sketch.update(x);
    } else {
      skipped++;
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
    return sketch.getN();
  }

  /** Number of non-finite values skipped. */
  public long skipped() {
    return skipped;
  }

  /**
   * The strictly increasing boundaries, between 1 and {@code numBuckets - 1} of them.
   *
   * @throws IllegalStateException if no finite value was added
   */
  public double[] fit() {
    Check.state(!sketch.isEmpty(), "boundaryFitter has no finite value to fit (skipped=%d)",
        skipped);
    double[] ranks = new double[numBuckets - 1];
    for (int i = 0; i < ranks.length; i++) {
      ranks[i] = (i + 1) / (double) numBuckets;
    }
    double[] q = sketch.getQuantiles(ranks, QuantileSearchCriteria.INCLUSIVE);
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
