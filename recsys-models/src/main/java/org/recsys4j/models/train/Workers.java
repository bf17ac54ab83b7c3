package org.recsys4j.models.train;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * The Java-side threads of a training step: independent tasks (one per table) run on the calling
 * thread and, when configured, one helper thread. Each task touches only its own table and buffers,
 * so results do not depend on the number of threads or on scheduling.
 */
final class Workers implements AutoCloseable {
  private final ExecutorService helper;

  Workers(int threads) {
    this.helper =
        threads > 1
            ? Executors.newSingleThreadExecutor(
                r -> {
                  Thread t = new Thread(r, "recsys4j-trainer-helper");
                  t.setDaemon(true);
                  return t;
                })
            : null;
  }

  /**
   * Runs {@code task} for every index in {@code [0, n)}; with a helper, the indices whose
   * cumulative cost falls in the second half go to the helper thread.
   *
   * @param cost the relative cost of each task (e.g. its number of ids), used to balance the two
   *     threads
   */
  void forEach(int n, long[] cost, IntConsumer task) {
    long total = 0;
    for (int i = 0; i < n; i++) {
      total += cost[i];
    }
    if (helper == null || n < 2 || total < 4096) {
      for (int i = 0; i < n; i++) {
        task.accept(i);
      }
      return;
    }
    int split = 0;
    long acc = 0;
    while (split < n && acc + cost[split] <= total / 2) {
      acc += cost[split++];
    }
    split = Math.max(1, Math.min(n - 1, split));
    final int s = split;
    Future<?> f =
        helper.submit(
            () -> {
              for (int i = s; i < n; i++) {
                task.accept(i);
              }
            });
    for (int i = 0; i < s; i++) {
      task.accept(i);
    }
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while training", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  @Override
  public void close() {
    if (helper != null) {
      helper.shutdown();
    }
  }
}
