package org.recsys4j.core.data;

import java.nio.file.Path;
import java.util.List;
import org.recsys4j.core.Check;

/**
 * The common part of {@link BatchSource}s that read one file per day, oldest first: a pass reads
 * one day at a time through {@link #openPass()} and cuts it with {@link DayBatches#cut}, so every
 * file format follows the same day rule. Subclasses read a day's file into batches (checked against
 * {@link #layout()}); the number of rows is not known before reading.
 */
public abstract class DayFileSource implements BatchSource {
  private final List<Path> days;
  private final int batchSize;
  private final Shuffle shuffle;
  private final long seed;

  /** One pass's reader of day files, with what it must release when the pass ends. */
  protected interface Pass extends DayBatches.DayReader {
    /** Releases the pass's resources (allocators, encoders); called once. */
    default void release() {}
  }

  /**
   * A source over {@code days}.
   *
   * @throws IllegalArgumentException if there is no file or a value breaks its rule
   */
  protected DayFileSource(List<Path> days, int batchSize, Shuffle shuffle, long seed) {
    this.days = List.copyOf(Check.notNull("days", days));
    Check.arg(!this.days.isEmpty(), "days", days, "must name at least one file");
    this.batchSize = Check.positive("batchSize", batchSize);
    this.shuffle = Check.notNull("shuffle", shuffle);
    this.seed = seed;
  }

  /** The day files, oldest first. */
  public final List<Path> days() {
    return days;
  }

  /** The order of rows within each day. */
  public final Shuffle shuffle() {
    return shuffle;
  }

  /** The seed of {@link Shuffle#WITHIN_DAY}. */
  public final long seed() {
    return seed;
  }

  /** A reader for one pass. */
  protected abstract Pass openPass();

  @Override
  public final int batchSize() {
    return batchSize;
  }

  /** Unknown before reading: {@code -1}. */
  @Override
  public final long rows() {
    return -1;
  }

  /** The first file, and how many more follow. */
  @Override
  public final String name() {
    return days.size() == 1 ? days.get(0).toString() : days.get(0) + " +" + (days.size() - 1);
  }

  @Override
  public final BatchStream open(int epoch) {
    Check.nonNegative("epoch", epoch);
    Pass pass = openPass();
    return DayBatches.stream(days.size(), pass, batchSize, shuffle, seed, epoch, pass::release);
  }
}
