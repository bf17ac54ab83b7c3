package org.recsys4j.core.nd4j;

import org.nd4j.linalg.api.blas.Blas;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;
import org.recsys4j.core.Check;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets the number of native threads ND4J uses for one operation, process-wide, at run time.
 *
 * <p>Why. By default ND4J splits every op and every matrix product over all cores. On a small
 * machine shared with other busy processes, each split op waits for a core to free up: on 2 cores
 * with one other busy process, logistic-regression epochs went from 0.08 s to 10.1 s and
 * factorization-machine epochs from 0.42 s to 41.4 s, and stayed fast with one native thread. The
 * recsys4j trainer therefore asks for one native thread by default.
 *
 * <p>What works in ND4J 1.0.0-M2.1 (CPU backend), read from its bytecode and measured:
 *
 * <ul>
 *   <li>libnd4j's op threads: {@code Environment.setMaxMasterThreads(n)} takes effect immediately
 *       for every thread; values above the pool size ({@code Environment.maxThreads()}) are capped
 *       to it.
 *   <li>OpenBLAS threads (matrix products): {@code Nd4j.factory().blas().setMaxThreads(n)} takes
 *       effect immediately for every thread.
 *   <li>{@code Environment.setMaxThreads(n)} does nothing at run time: the pool size is read from
 *       the {@code OMP_NUM_THREADS} environment variable once, when the backend loads (default:
 *       cores per socket). Setting {@code OMP_NUM_THREADS=1} before the JVM starts therefore gives
 *       the same effect as {@code set(1)}, but only a running program can call this class.
 * </ul>
 *
 * <p>Every method loads the ND4J backend if it is not loaded yet. The setting is global to the
 * process: two trainers in one JVM share it.
 */
public final class NativeThreads {
  private static final Logger LOG = LoggerFactory.getLogger(NativeThreads.class);

  private NativeThreads() {}

  /** The current counts. */
  public static NativeThreadCounts current() {
    return new NativeThreadCounts(Nd4j.getEnvironment().maxMasterThreads(), blas().getMaxThreads());
  }

  /**
   * The most threads an op can use in this process: the size of libnd4j's pool, fixed when the
   * backend loads ({@code OMP_NUM_THREADS}, else cores per socket).
   */
  public static int available() {
    return Nd4j.getEnvironment().maxThreads();
  }

  /**
   * Sets both the op and the OpenBLAS thread count to {@code threads}.
   *
   * @param threads in {@code [1, available()]}
   * @return the counts before the call, for {@link #set(NativeThreadCounts)} to restore
   * @throws IllegalArgumentException if {@code threads} is outside {@code [1, available()]}
   */
  public static NativeThreadCounts set(int threads) {
    return set(new NativeThreadCounts(threads, threads));
  }

  /**
   * Sets the op and OpenBLAS thread counts.
   *
   * @param counts the counts; {@code counts.ops()} at most {@link #available()}
   * @return the counts before the call
   * @throws IllegalArgumentException if {@code counts} is null or {@code counts.ops()} exceeds
   *     {@link #available()} (the message says how to raise it)
   */
  public static NativeThreadCounts set(NativeThreadCounts counts) {
    Check.notNull("nativeThreads", counts);
    Environment env = Nd4j.getEnvironment();
    int pool = env.maxThreads();
    Check.arg(
        counts.ops() <= pool,
        "nativeThreads.ops",
        counts.ops(),
        "must be <= "
            + pool
            + ", the native pool size fixed at start-up (set OMP_NUM_THREADS before the JVM"
            + " starts to change it)");
    Blas blas = blas();
    NativeThreadCounts before =
        new NativeThreadCounts(env.maxMasterThreads(), blas.getMaxThreads());
    if (!before.equals(counts)) {
      env.setMaxMasterThreads(counts.ops());
      blas.setMaxThreads(counts.blas());
      LOG.info(
          "ND4J native threads: {} per op, {} for OpenBLAS (were {} and {})",
          counts.ops(),
          counts.blas(),
          before.ops(),
          before.blas());
    }
    return before;
  }

  private static Blas blas() {
    return Nd4j.factory().blas();
  }
}
