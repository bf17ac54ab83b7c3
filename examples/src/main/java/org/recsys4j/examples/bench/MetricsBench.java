package org.recsys4j.examples.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.recsys4j.eval.Auc;
import org.recsys4j.eval.GroupAuc;
import org.recsys4j.eval.GroupAucResult;
import org.recsys4j.eval.StreamingAuc;

/**
 * Times the evaluation metrics on seeded synthetic predictions.
 *
 * <p>Data: {@code rows} rows spread uniformly over {@code users} users, label 1 with probability
 * 0.1, prediction {@code sigmoid(N(0,1) + label)} (AUC about 0.76). Measured, each after a warm-up
 * on one tenth of the rows:
 *
 * <ul>
 *   <li>{@code auc_10m_s}: {@link Auc#exact} on all rows;
 *   <li>{@code gauc_10m_s}: {@link GroupAuc#compute} (impression-weighted) on all rows;
 *   <li>{@code streaming_auc_100m_s}: {@link StreamingAuc#addAll} over {@code streamRows}
 *       predictions generated on the fly in chunks of 10<sup>6</sup> (bounded memory; generation
 *       time excluded), plus {@code value()} and {@code errorBound()};
 *   <li>{@code sort_10m_s}: {@link Arrays#sort(double[])} of a copy of the predictions, the same
 *       run's reference for the ratio to a plain primitive sort.
 * </ul>
 *
 * <p>Usage: {@code MetricsBench [rows [users [streamRows]]]}, defaults {@code 10000000 1000000
 * 100000000}. The last lines printed are {@code key=seconds}, one per line.
 */
public final class MetricsBench {
  private static final long SEED = 20240611L;
  private static final int CHUNK = 1_000_000;

  private MetricsBench() {}

  public static void main(String[] args) {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
    int users = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    long streamRows = args.length > 2 ? Long.parseLong(args[2]) : 100_000_000L;

    double[] p = new double[rows];
    int[] y = new int[rows];
    long[] user = new long[rows];
    SplittableRandom rnd = new SplittableRandom(SEED);
    for (int i = 0; i < rows; i++) {
      fill(rnd, p, y, i);
      user[i] = rnd.nextInt(users);
    }
    int warm = Math.max(2, rows / 10);
    double[] pWarm = Arrays.copyOf(p, warm);
    int[] yWarm = Arrays.copyOf(y, warm);
    long[] uWarm = Arrays.copyOf(user, warm);
    for (int r = 0; r < 3; r++) {
      Auc.exact(pWarm, yWarm);
      GroupAuc.compute(pWarm, yWarm, uWarm, GroupAuc.Weighting.IMPRESSIONS);
    }

    long t0 = System.nanoTime();
    double auc = Auc.exact(p, y);
    double aucSeconds = seconds(t0);

    t0 = System.nanoTime();
    GroupAucResult gauc = GroupAuc.compute(p, y, user, GroupAuc.Weighting.IMPRESSIONS);
    double gaucSeconds = seconds(t0);

    double[] copy = p.clone();
    t0 = System.nanoTime();
    Arrays.sort(copy);
    double sortSeconds = seconds(t0);
    copy = null;
    p = null;
    user = null;

    // streaming: bounded memory, chunks regenerated in place
    StreamingAuc streaming = StreamingAuc.create();
    double[] chunkP = new double[CHUNK];
    int[] chunkY = new int[CHUNK];
    SplittableRandom streamRnd = new SplittableRandom(SEED + 1);
    long addNanos = 0;
    for (long done = 0; done < streamRows; ) {
      int len = (int) Math.min(CHUNK, streamRows - done);
      for (int i = 0; i < len; i++) {
        fill(streamRnd, chunkP, chunkY, i);
      }
      double[] sp = len == CHUNK ? chunkP : Arrays.copyOf(chunkP, len);
      int[] sy = len == CHUNK ? chunkY : Arrays.copyOf(chunkY, len);
      long s = System.nanoTime();
      streaming.addAll(sp, sy);
      addNanos += System.nanoTime() - s;
      done += len;
    }
    long s = System.nanoTime();
    double streamingValue = streaming.value();
    double streamingBound = streaming.errorBound();
    addNanos += System.nanoTime() - s;
    double streamingSeconds = addNanos / 1e9;

    System.out.printf(
        Locale.ROOT,
        "rows=%d users=%d auc=%.6f gauc=%.6f groups_used=%d groups_skipped=%d%n",
        rows,
        users,
        auc,
        gauc.value(),
        gauc.groupsUsed(),
        gauc.groupsSkipped());
    System.out.printf(
        Locale.ROOT,
        "stream_rows=%d streaming_auc=%.6f streaming_error_bound=%.2e%n",
        streaming.count(),
        streamingValue,
        streamingBound);
    System.out.printf(Locale.ROOT, "auc_10m_s=%.3f%n", aucSeconds);
    System.out.printf(Locale.ROOT, "gauc_10m_s=%.3f%n", gaucSeconds);
    System.out.printf(Locale.ROOT, "streaming_auc_100m_s=%.3f%n", streamingSeconds);
    System.out.printf(Locale.ROOT, "sort_10m_s=%.3f%n", sortSeconds);
  }

  /** Row i: label ~ Bernoulli(0.1), prediction = sigmoid(N(0,1) + label). */
  private static void fill(SplittableRandom rnd, double[] p, int[] y, int i) {
    y[i] = rnd.nextDouble() < 0.1 ? 1 : 0;
    p[i] = 1.0 / (1.0 + Math.exp(-(rnd.nextGaussian() + y[i])));
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
