package org.recsys4j.features.sim;

import java.util.SplittableRandom;

/**
 * Reproducible random draws on top of {@link SplittableRandom}, whose {@code nextLong}/{@code
 * nextDouble} output is specified. Only {@link StrictMath} is used so that the draws are
 * bit-identical on every JVM and platform.
 */
final class RandomDraws {
  private RandomDraws() {}

  /** A standard normal draw (Marsaglia polar method, one value per call). */
  static double gaussian(SplittableRandom r) {
    double u;
    double v;
    double s;
    do {
      u = 2.0 * r.nextDouble() - 1.0;
      v = 2.0 * r.nextDouble() - 1.0;
      s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    return u * StrictMath.sqrt(-2.0 * StrictMath.log(s) / s);
  }

  /** An exponential draw with the given mean. */
  static double exponential(SplittableRandom r, double mean) {
    return -mean * StrictMath.log(1.0 - r.nextDouble());
  }

  /** A Poisson draw: Knuth's product method for small means, a rounded normal above 30. */
  static int poisson(SplittableRandom r, double mean) {
    if (mean > 30.0) {
      return (int) Math.max(0, Math.round(mean + StrictMath.sqrt(mean) * gaussian(r)));
    }
    double limit = StrictMath.exp(-mean);
    double p = r.nextDouble();
    int k = 0;
    while (p > limit) {
      p *= r.nextDouble();
      k++;
    }
    return k;
  }

  /** The logistic function. */
  static double sigmoid(double z) {
    return 1.0 / (1.0 + StrictMath.exp(-z));
  }

  /** Index {@code i} in {@code [from, to)} of the first {@code cdf[i] > x} (cdf ascending). */
  static int searchCdf(double[] cdf, int from, int to, double x) {
    int lo = from;
    int hi = to - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cdf[mid] > x) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** A well-mixed 64-bit seed for the stream identified by {@code (seed, a, b)} (SplitMix64). */
  static long streamSeed(long seed, long a, long b) {
    return fmix(
        fmix(seed + 0x9E3779B97F4A7C15L * (a + 0x632BE59BD9B4E019L))
            + 0xC2B2AE3D27D4EB4FL * (b + 1));
  }

  private static long fmix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
