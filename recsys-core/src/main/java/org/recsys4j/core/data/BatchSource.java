package org.recsys4j.core.data;

/**
 * Training data as a trainer reads it: one pass ({@link #open(int)}) per epoch yields {@link
 * TrainingBatch}es of at most {@link #batchSize()} examples.
 *
 * <p>The order within a pass is the source's rule, fixed by its seed and the epoch: the sources of
 * this library keep days in time order and, when asked to ({@link Shuffle#WITHIN_DAY}), shuffle the
 * rows inside each day with a generator seeded by {@code (seed, epoch, day)}, so two passes of the
 * same epoch are identical and different epochs see different orders. A batch never mixes two days.
 * Every batch a pass yields has been checked against the source's {@link BatchLayout} (input keys
 * and widths, label names, labels in [0,1]); a batch that breaks it fails the pass with an {@link
 * IllegalArgumentException} naming the source, the batch, the key or row, and the rule.
 *
 * <p>Implementations: {@link MemoryBatchSource} (lists of batches, with a time-ordered validation
 * slice), Arrow IPC and delimited files in {@code recsys-features}, and {@link
 * BatchSources#prefetch} around any of them, which prepares batches on another thread while the
 * trainer runs.
 */
public interface BatchSource {

  /** Examples per batch, the last batch of a day may hold fewer. */
  int batchSize();

  /** Examples in one pass, or {@code -1} when the source does not know before reading. */
  long rows();

  /** What every batch holds (input widths, labels); batches are checked against it. */
  BatchLayout layout();

  /** A short name for messages and logs, e.g. the file or {@code "memory"}. */
  String name();

  /**
   * Starts pass {@code epoch} (0-based) over the data.
   *
   * @throws IllegalArgumentException if {@code epoch < 0}
   * @throws java.io.UncheckedIOException if a file cannot be opened
   */
  BatchStream open(int epoch);
}
