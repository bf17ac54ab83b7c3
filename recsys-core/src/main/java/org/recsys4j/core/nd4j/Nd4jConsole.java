package org.recsys4j.core.nd4j;

import java.io.PrintStream;
import java.util.List;
import java.util.function.Supplier;
import org.recsys4j.core.Check;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps ND4J's console noise out of the user's standard output.
 *
 * <p>SameDiff 1.0.0-M2.1 prints {@code "Added differentiated op <name>"} with {@code println} on
 * {@code System.out} for every op each time it builds a gradient function (12 lines for a
 * factorization machine), which no logging setting can silence. {@link #quietly(Supplier)} runs an
 * action, typically {@code sd.createGradFunction()} or the first {@code calculateGradients} call,
 * with exactly those lines dropped <em>for the calling thread</em>:
 *
 * <ul>
 *   <li>while at least one thread is inside {@code quietly}, {@code System.out} is a filter that
 *       forwards every call unchanged to the stream it replaced, except a {@code println} of a line
 *       starting with one of {@link #DROPPED_PREFIXES} made by a thread that is inside {@code
 *       quietly};
 *   <li>other threads' output, and the calling thread's other lines, pass through untouched and in
 *       order;
 *   <li>when the last thread leaves (normally or by an exception, which propagates unchanged),
 *       {@code System.out} is set back to the very object it was before the first one entered.
 *       Calls nest and may overlap across threads (a count decides who installs and who restores).
 * </ul>
 *
 * <p>If someone else replaces {@code System.out} while a quiet action runs, their stream is left in
 * place (and a WARN is logged) rather than overwritten with the old one; lines printed through
 * their stream are not filtered.
 *
 * <p>The other ND4J lines a first run shows are SLF4J log records, which belong to the
 * application's logging configuration: {@link #NOISY_LOGGERS} lists the loggers and why they can be
 * raised to ERROR (the examples' {@code simplelogger.properties} does so).
 */
public final class Nd4jConsole {
  private static final Logger LOG = LoggerFactory.getLogger(Nd4jConsole.class);

  /**
   * Line prefixes {@link #quietly(Supplier)} drops: SameDiff's {@code "Added differentiated op "}
   * from {@code createGradFunction}.
   */
  public static final List<String> DROPPED_PREFIXES = List.of("Added differentiated op ");

  /**
   * SLF4J loggers of ND4J 1.0.0-M2.1 whose WARN records on a normal run are noise, each safe to set
   * to ERROR: {@code org.nd4j.imports.converters.ImportClassMapping} ("Duplicate TF op mapping
   * found for op Pow" and "FloorMod", once per JVM from a static initialiser; it concerns
   * TensorFlow import only) and {@code org.nd4j.autodiff.functions.DifferentialFunction} ("No
   * fields found for property name labelsSmoothing", when the sigmoid cross-entropy loss is
   * configured; the property does not exist on that op). ND4J's INFO start-up banner comes from
   * other {@code org.nd4j} loggers; WARN is a sane level for the rest of {@code org.nd4j}.
   */
  public static final List<String> NOISY_LOGGERS =
      List.of(
          "org.nd4j.imports.converters.ImportClassMapping",
          "org.nd4j.autodiff.functions.DifferentialFunction");

  private static final Object LOCK = new Object();
  private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

  /** Threads (with nesting) inside {@link #quietly}; guarded by {@link #LOCK}. */
  private static int active;

  /** The filter installed by the first thread to enter, or null; guarded by {@link #LOCK}. */
  private static LineFilteringPrintStream installed;

  private Nd4jConsole() {}

  /**
   * Runs {@code action} with ND4J's {@link #DROPPED_PREFIXES} lines dropped for the calling thread,
   * and returns its result.
   *
   * <p>Typical use, around the call that builds SameDiff's gradient function:
   *
   * <pre>{@code
   * Nd4jConsole.runQuietly(sd::createGradFunction);
   * OutAndGrad og = Nd4jConsole.quietly(() -> sd.calculateGradientsAndOutputs(ph, outs, vars));
   * }</pre>
   *
   * @param action the action; runs on the calling thread
   * @return what {@code action} returns
   * @throws IllegalArgumentException if {@code action} is null
   * @throws RuntimeException whatever {@code action} throws, unchanged, after {@code System.out} is
   *     restored
   */
  public static <T> T quietly(Supplier<T> action) {
    Check.notNull("action", action);
    LineFilteringPrintStream filter = enter();
    try {
      return action.get();
    } finally {
      exit(filter);
    }
  }

  /**
   * Runs {@code action} as {@link #quietly(Supplier)} does, for actions without a result (for
   * example {@code sd::createGradFunction}).
   *
   * @param action the action; runs on the calling thread
   * @throws IllegalArgumentException if {@code action} is null
   * @throws RuntimeException whatever {@code action} throws, unchanged, after {@code System.out} is
   *     restored
   */
  public static void runQuietly(Runnable action) {
    Check.notNull("action", action);
    quietly(
        () -> {
          action.run();
          return null;
        });
  }

  private static boolean callingThreadIsQuiet() {
    return DEPTH.get()[0] > 0;
  }

  private static LineFilteringPrintStream enter() {
    LineFilteringPrintStream filter;
    synchronized (LOCK) {
      if (active == 0) {
        installed =
            new LineFilteringPrintStream(
                System.out, DROPPED_PREFIXES, Nd4jConsole::callingThreadIsQuiet);
        System.setOut(installed);
      }
      active++;
      filter = installed;
    }
    DEPTH.get()[0]++;
    return filter;
  }

  private static void exit(LineFilteringPrintStream filter) {
    int[] depth = DEPTH.get();
    depth[0]--;
    if (depth[0] == 0) {
      DEPTH.remove();
      long dropped = filter.takeDropped();
      if (dropped > 0) {
        LOG.debug("dropped {} ND4J console lines on thread {}", dropped, Thread.currentThread());
      }
    }
    synchronized (LOCK) {
      active--;
      if (active == 0) {
        PrintStream current = System.out;
        if (current == installed) {
          System.setOut(installed.target());
        } else {
          LOG.warn(
              "System.out was replaced while ND4J console output was filtered; leaving the new"
                  + " stream in place");
        }
        installed = null;
      }
    }
  }
}
